@testable import Contracts
import Fakes
import JSON
import Testing
import TestSupport

/// The registration API a team with another API uses: its own builtins, its own catalog for lint,
/// and an engine that runs nothing it was not given.
@Suite struct BuiltinRegistrationTests {
    static let contract = """
        service: traction
        endpoints:
          echo:
            method: POST
            path: /echo
            auth: none
            body: { schema: { type: object }, example: { hello: world } }
            responses:
              200: { data: { type: object }, example: { success: true, data: { hello: world } } }
              422: { schema: { type: object }, example: { success: false, error: Validation failed } }
            fake: { builtin: echo }
        """

    var registry: BuiltinRegistry {
        var registry = BuiltinRegistry()
        registry.register("echo", description: "Answers the request body.") { call in call.data(call.body) }
        return registry
    }

    @Test func lintChecksBuiltinNamesAgainstTheRegistrysCatalog() throws {
        let directory = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/echo.yaml": Self.contract])
        #expect(Linter.lint(contracts: directory.path, builtins: registry.catalog).diagnostics.map(\.message) == [])
        #expect(registry.catalog.description(of: "echo") == "Answers the request body.")
        var other = BuiltinRegistry()
        other.register("echoes", description: "x") { call in call.done }
        #expect(Linter.lint(contracts: directory.path, builtins: other.catalog).diagnostics.map(\.message)
            == ["unknown builtin 'echo'; did you mean 'echoes'?"])
    }

    @Test func theEngineRunsTheBuiltinsItIsGivenAndNoOthers() async throws {
        let directory = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/echo.yaml": Self.contract])
        let contracts = ContractLoader.load(directory: directory.path).contracts
        let endpoint = try #require(contracts.endpoint(id: "echo"))
        let scenario = Scenario(name: "default", title: "t", description: "d", users: [], tenants: [], global: [:])
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let request = FakeRequest(endpoint: endpoint, pathParameters: [:], query: [:], headers: [:], body: ["hello": "there"], caller: nil)

        let registered = try FakeEngine(contracts: contracts, scenarios: ["default": scenario], scenario: "default", tokens: tokens, builtins: registry)
        // services.yaml declares no envelope: data is wrapped in `data` and nothing else.
        #expect(await registered.handle(request).jsonBody == ["data": ["hello": "there"]])
        let bare = try FakeEngine(contracts: contracts, scenarios: ["default": scenario], scenario: "default", tokens: tokens)
        let refused = await bare.handle(request)
        #expect(refused.status == 500)
        #expect(refused.jsonBody?["error"] == "builtin 'echo' is not implemented")
    }

    @Test func whatABuiltinPublishesIsCarriedOutOnlyWhenItAnswers() async throws {
        var registry = BuiltinRegistry()
        registry.register("echo", description: "Publishes the body; refuses when it says so.") { call throws(FakeError) in
            call.publish("echoed", channel: "echoes", data: call.body)
            if call.body["refuse"] == true { throw .validation(["refuse": "asked to"]) }
            return call.done
        }
        let (engine, endpoint) = try await Self.echoEngine(registry)
        func send(_ body: JSONValue) async -> Int {
            await engine.handle(FakeRequest(endpoint: endpoint, pathParameters: [:], query: [:], headers: [:], body: body, caller: nil)).status
        }
        #expect(await send(["refuse": true]) == 422)
        #expect(engine.events.subscribe(channel: "echoes", after: 0).replay.isEmpty)
        #expect(await send(["n": 1]) == 200)
        #expect(engine.events.subscribe(channel: "echoes", after: 0).replay.map(\.data) == [["n": 1]])
    }

    @Test func aBuiltinWritesOnlyThroughTheEditsItReturnsAndARefusalWritesNothing() async throws {
        var registry = BuiltinRegistry()
        // Claims a slot once: the check and the write are one change, so a second claim is refused.
        registry.register("echo", description: "Claims the slot the body names.") { call throws(FakeError) in
            let slot = call.body["slot"]?.stringValue ?? ""
            try call.change { (state: borrowing FakeState) throws(FakeError) -> [StateEdit] in
                guard state.tenants["tenant_a"]?.record("slots", id: slot) == nil else { throw .validation(["slot": "taken"]) }
                return [.putRecord(tenant: "tenant_a", collection: "slots", id: slot, record: ["id": .string(slot)]),
                        .putRecord(tenant: "tenant_a", collection: "claims", id: slot, record: ["slot": .string(slot)])]
            }
            return call.done
        }
        let (engine, endpoint) = try await Self.echoEngine(registry, tenants: [TenantFixture(id: "tenant_a", name: "A", data: [:])])
        func claim(_ slot: String) async -> Int {
            await engine.handle(FakeRequest(endpoint: endpoint, pathParameters: [:], query: [:], headers: [:], body: ["slot": .string(slot)], caller: nil)).status
        }
        #expect(await claim("s1") == 200)
        #expect(await claim("s1") == 422)
        #expect(engine.store.read { $0.tenants["tenant_a"]?.all("claims").count } == 1)
        #expect(await claim("s2") == 200)
        #expect(engine.store.read { $0.tenants["tenant_a"]?.all("slots").count } == 2)
    }

    /// An engine over the echo contract with `registry`'s builtins, and its endpoint.
    static func echoEngine(_ registry: BuiltinRegistry, tenants: [TenantFixture] = []) async throws -> (FakeEngine, Endpoint) {
        let directory = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/echo.yaml": contract])
        let contracts = ContractLoader.load(directory: directory.path).contracts
        let endpoint = try #require(contracts.endpoint(id: "echo"))
        let scenario = Scenario(name: "default", title: "t", description: "d", users: [], tenants: tenants, global: [:])
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let engine = try FakeEngine(contracts: contracts, scenarios: ["default": scenario], scenario: "default", tokens: tokens, builtins: registry)
        return (engine, endpoint)
    }
}
