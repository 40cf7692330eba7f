@testable import Contracts
import Fakes
import JSON
import Testing
import TestSupport

/// A per-tenant collection whose parent is global: the parent check runs inside the store's lock
/// and must not take it again. Before the caller handed the global records in, it did: this test
/// then died with "Recursive call to lock Mutex".
@Suite struct GlobalParentTests {
    static let contract = """
        service: traction
        collections:
          catalogs: { schema: { type: object, properties: { id: { type: string }, name: { type: string } } }, idPrefix: catalog_, global: true }
          entries:
            schema: { type: object, properties: { id: { type: string }, catalogId: { type: string }, note: { type: string } } }
            idPrefix: entry_
            parent: { collection: catalogs, field: catalogId }
        endpoints:
          createEntry:
            method: POST
            path: /catalogs/{catalogId}/entries
            auth: tenant
            body: { schema: { type: object }, example: { note: x } }
            responses:
              200: { data: { type: object }, example: { success: true, data: {} } }
              401: { $ref: "#/responses/Error" }
              404: { $ref: "#/responses/Error" }
              422: { $ref: "#/responses/Error" }
            fake: { create: entries, parent: { collection: catalogs, id: "{{path.catalogId}}" } }
          listEntries:
            method: GET
            path: /catalogs/{catalogId}/entries
            auth: tenant
            responses:
              200: { data: { type: array }, example: { success: true, data: [] } }
              401: { $ref: "#/responses/Error" }
              404: { $ref: "#/responses/Error" }
            fake: { list: entries, parent: { collection: catalogs, id: "{{path.catalogId}}" } }
        responses:
          Error: { schema: { type: object }, example: { success: false, error: x } }
        """

    @Test(.timeLimit(.minutes(1))) func aChildOfAGlobalParentIsCreatedAndListedWithoutTakingTheLockTwice() async throws {
        let directory = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/catalogs.yaml": Self.contract])
        let loaded = ContractLoader.load(directory: directory.path)
        #expect(loaded.diagnostics.map(\.description) == [])
        let scenario = Scenario(name: "default", title: "t", description: "d", users: [],
                                tenants: [TenantFixture(id: "tenant_a", name: "A", data: [:])],
                                global: ["catalogs": [["id": "catalog_main", "name": "Main"]]])
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let engine = try FakeEngine(contracts: loaded.contracts, scenarios: ["default": scenario], scenario: "default", tokens: tokens)
        let caller = Caller(userID: "user_a", tenantID: "tenant_a", email: "a@example.com", roles: [], sessionID: "s")
        func call(_ id: String, _ catalog: String, body: JSONValue? = nil) async throws -> FakeResponse {
            let endpoint = try #require(loaded.contracts.endpoint(id: id))
            return await engine.handle(FakeRequest(endpoint: endpoint, pathParameters: ["catalogId": catalog], query: [:], headers: [:], body: body, caller: caller))
        }
        let created = try await call("createEntry", "catalog_main", body: ["note": "first"])
        #expect(created.status == 200)
        #expect(created.jsonBody?["data"]?["catalogId"] == "catalog_main")
        #expect(try await call("createEntry", "catalog_none", body: ["note": "x"]).status == 404)
        let listed = try await call("listEntries", "catalog_main")
        #expect(listed.jsonBody?["data"]?.arrayValue?.compactMap { $0["note"]?.stringValue } == ["first"])
        #expect(try await call("listEntries", "catalog_none").status == 404)
    }
}
