@testable import Conformance
@testable import Contracts
import Fakes
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import JSON
import MockServer
import TestSupport
import Testing

/// An API whose envelope is not PurposePath's: `{result}`, `{result, paging}` and
/// `{message, reason, problems}` with no success flag. Declared once in services.yaml, it is what
/// the shorthands' schemas expect, what the mock answers and refuses in, and what verify quotes a
/// refusal by — and verify of the mock passes.
@Suite struct DeclaredEnvelopeTests {
    static let services = """
        services:
          shop: { title: Shop, port: 8100, prefix: /shop }
        envelope: { data: result, pagination: paging, error: message, code: reason, fields: problems }
        pagination: { members: { page: page, limit: limit, total: count, totalPages: pages } }
        readiness: /ready
        """

    static let contract = """
        service: shop
        schemas:
          Thing: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
          Refusal: { type: object, required: [message], properties: { message: { type: string }, reason: { type: string } } }
        collections:
          things: { schema: { $ref: "#/schemas/Thing" }, idPrefix: thing_, global: true }
        endpoints:
          listThings:
            method: GET
            path: /things
            auth: none
            query:
              page: { schema: { type: integer, minimum: 1 } }
              limit: { schema: { type: integer, minimum: 1 } }
            responses:
              200:
                paginated: { $ref: "#/schemas/Thing" }
                example: { result: [{ id: thing_1, name: Lamp }], paging: { page: 1, limit: 20, count: 1, pages: 1 } }
              422: { schema: { $ref: "#/schemas/Refusal" }, example: { message: Validation failed } }
            fake: { view: { from: things, page: true, sort: [name] } }
          getThing:
            method: GET
            path: /things/{id}
            auth: none
            responses:
              200: { data: { $ref: "#/schemas/Thing" }, example: { result: { id: thing_1, name: Lamp } } }
              404: { schema: { $ref: "#/schemas/Refusal" }, example: { message: Thing not found, reason: NOT_FOUND } }
            fake: { view: { from: things, one: path.id } }
          createThing:
            method: POST
            path: /things
            auth: none
            body:
              schema: { type: object, required: [name], properties: { name: { type: string, minLength: 1 } } }
              example: { name: Chair }
            responses:
              201: { data: { $ref: "#/schemas/Thing" }, example: { result: { id: thing_2, name: Chair } } }
              422: { schema: { $ref: "#/schemas/Refusal" }, example: { message: Validation failed } }
            fake: { create: things }
          ready:
            method: GET
            path: /ready
            auth: none
            responses:
              200: { schema: { type: object }, example: {} }
              503: { schema: { $ref: "#/schemas/Refusal" }, example: { message: not ready } }
            fake: { respond: 200 }
        """

    @Test(.timeLimit(.minutes(1))) func theMockAnswersAndVerifyReadsTheDeclaredEnvelope() async throws {
        let directory = try TemporaryDirectory(["services.yaml": Self.services, "shop/things.yaml": Self.contract])
        let loaded = ContractLoader.load(directory: directory.path)
        #expect(loaded.diagnostics.map(\.description) == [])
        let contracts = loaded.contracts
        #expect(contracts.conventions.envelope == EnvelopeConventions(flag: nil, data: "result", pagination: "paging", message: "message", code: "reason", fields: "problems"))
        #expect(contracts.conventions.readiness == "/ready")
        // PurposePath's shape is not this API's: the `data:` shorthand refuses it.
        let schema = try #require(contracts.endpoint(id: "getThing")?.successResponse?.schema)
        #expect(!schema.isValid(["success": true, "data": ["id": "thing_1", "name": "Lamp"]]))
        #expect(schema.isValid(["result": ["id": "thing_1", "name": "Lamp"]]))

        let scenario = Scenario(name: "default", title: "t", description: "d", users: [], tenants: [],
                                global: ["things": [["id": "thing_1", "name": "Lamp"]]])
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let engine = try FakeEngine(contracts: contracts, scenarios: ["default": scenario], scenario: "default", tokens: tokens)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(contracts, port: 0)], options: .init(quiet: true, strict: true))
        try await server.application(for: server.listeners[0]).test(.live) { client in
            func json(_ uri: String, _ method: HTTPRequest.Method = .get, _ body: String? = nil) async throws -> (Int, JSONValue) {
                let response = try await client.execute(uri: uri, method: method, headers: [.contentType: "application/json"],
                                                        body: body.map { ByteBuffer(string: $0) })
                return (Int(response.status.code), try JSONParser.parse(Array(buffer: response.body)))
            }
            #expect(try await json("/shop/things?limit=1") == (200, ["result": [["id": "thing_1", "name": "Lamp"]], "paging": ["page": 1, "limit": 1, "count": 1, "pages": 1]]))
            #expect(try await json("/shop/things/thing_1") == (200, ["result": ["id": "thing_1", "name": "Lamp"]]))
            #expect(try await json("/shop/things/thing_9") == (404, ["message": "Thing not found", "reason": "NOT_FOUND"]))
            let (status, refusal) = try await json("/shop/things", .post, #"{"name": ""}"#)
            #expect(status == 422 && refusal["reason"] == "VALIDATION_ERROR" && refusal["problems"]?["name"] != nil && refusal["success"] == nil)
            #expect(try await json("/shop/nowhere").1["reason"] == "ROUTE_NOT_FOUND")

            // A notReady fault answers the declared readiness path, with its documented body, and nothing else.
            let fault = server.options.faults.add(FaultRule(effect: .notReady))
            #expect(try await json("/shop/ready") == (503, ["message": "not ready"]))
            #expect(try await json("/shop/things/thing_1").0 == 200)
            _ = server.options.faults.remove(id: fault.id)
            #expect(try await json("/shop/ready").0 == 200)

            // verify of this mock: every planned case passes, in the declared envelope.
            let port = try #require(client.port)
            let transport = AsyncHTTPTransport(timeout: .seconds(30))
            let runner = Runner(contracts: contracts, target: .gateway("http://127.0.0.1:\(port)", contracts: contracts), credentials: .none,
                                transport: transport, checker: ResponseChecker(envelope: contracts.conventions.envelope))
            let resolver = FixtureResolver(scenario: scenario, collections: contracts.collections, tenantID: nil, userID: nil, conventions: contracts.conventions)
            let cases = CasePlanner(contracts: contracts, resolver: resolver).plan()
            let results = await runner.run(cases)
            await transport.shutdown()
            #expect(results.contains { $0.endpointID == "getThing" && $0.name.hasPrefix("not found") })
            #expect(results.count >= 5 && results.allSatisfy { $0.status == .passed },
                    "\(results.map { "\($0.endpointID) \($0.name): \($0.status) \($0.divergences.map(\.line))" })")
        }
    }

    @Test func aWrongStatusQuotesTheRefusalInTheDeclaredEnvelope() {
        let envelope = EnvelopeConventions(flag: nil, data: "result", message: "message", code: "reason", fields: "problems")
        let body = Array(#"{"message": "Thing not found", "reason": "NOT_FOUND", "problems": {"id": "unknown"}}"#.utf8)
        let answer = HTTPAnswer(status: 404, headers: [("Content-Type", "application/json")], body: body)
        #expect(ResponseChecker.errorHint(answer, envelope: envelope) == " (NOT_FOUND: Thing not found id: unknown)")
        // A success answer of that API is no refusal, and PurposePath's flag means nothing to it.
        #expect(envelope.refusal(of: ["result": ["id": "x"]]) == nil)
        let flagged = EnvelopeConventions(flag: "success")
        #expect(flagged.refusal(of: ["success": true, "error": "x"]) == nil)
        #expect(flagged.refusal(of: ["success": false, "error": "x"])?.message == "x")
    }

    @Test func redactionFollowsTheDeclaredCredentialsAndSessionParameters() throws {
        var conventions = Conventions()
        conventions.credentials = CredentialConventions(header: "X-Api-Token", scheme: "Token", query: "key")
        let redact = Redactor(secrets: [], conventions: conventions)
        #expect(redact("curl -H 'X-Api-Token: Token abc123' /x?key=zzz&b=1") == "curl -H 'X-Api-Token: Token [redacted]' /x?key=[redacted]&b=1")
        #expect(redact("Bearer abc123") == "Bearer abc123")
    }
}
