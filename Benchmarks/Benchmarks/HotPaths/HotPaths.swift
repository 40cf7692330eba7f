import Benchmark
import Contracts
import Fakes
import Foundation
import JSON

// The pieces every mock request goes through, one at a time, with time and allocations per
// operation: the numbers that say why a req/s ratio in scripts/bench is short.
// Run: swift package --package-path Benchmarks benchmark --target HotPaths

/// The shipped contracts and fixtures, loaded once (the repository is two levels above this package).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
let shipped = Linter.lint(contracts: repository + "/contracts", fixtures: repository + "/fixtures")

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal]
    // Each sample runs an operation a thousand times; the figures are per operation.
    let configuration = Benchmark.Configuration(metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 100_000)

    var traction = RouteTable<String>()
    for endpoint in shipped.contracts.endpoints where endpoint.service == "traction" {
        for path in endpoint.allPaths { _ = traction.add(path, method: endpoint.method, value: endpoint.id) }
    }
    Benchmark("route match: POST /goals/{id}:activate among 70 routes", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(traction.match(method: .POST, path: "/goals/goal_revenue:activate")) }
    }

    let createGoal = shipped.contracts.endpoint(id: "createGoal")!
    let goalBody = createGoal.body!.example!
    let goalSchema = createGoal.body!.schema!
    Benchmark("validate a createGoal body (valid)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(goalSchema.validate(goalBody)) }
    }
    Benchmark("validate a createGoal body (one error, explained)", configuration: configuration) { benchmark in
        var broken = goalBody.objectValue!
        broken["title"] = 42
        let invalid = JSONValue.object(broken)
        for _ in benchmark.scaledIterations { blackHole(goalSchema.validate(invalid)) }
    }

    // Twenty goals, as scripts/bench's tenant holds (the fixtures' goals, repeated with new ids).
    let fixtureGoals = shipped.scenarios["default"]!.tenant("tenant_acme")!.data["goals"]!.arrayValue!
    let goals = JSONValue.array((0..<20).map { index in
        var goal = fixtureGoals[index % fixtureGoals.count].objectValue!
        goal["id"] = .string("goal_bench_\(index)")
        return .object(goal)
    })
    let envelope: JSONValue = ["success": true, "data": goals]
    Benchmark("encode the goals list envelope (\(envelope.encoded().count) bytes)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(envelope.encoded()) }
    }
    let encoded = envelope.encoded()
    Benchmark("parse the goals list envelope", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONParser.parse(encoded)) }
    }

    Benchmark("token check: a known access token", configuration: configuration) { benchmark in
        let (engine, token) = try await signedIn()
        benchmark.startMeasurement()  // the engine and the sign-in above are setup
        for _ in benchmark.scaledIterations { blackHole(try await engine.authenticate(.tenant, bearer: token, tenant: "tenant_acme")) }
    }
    Benchmark("token check: a forged token (the 401 path)", configuration: configuration) { benchmark in
        let (engine, _) = try await signedIn()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try? await engine.authenticate(.tenant, bearer: "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", tenant: "tenant_acme")) }
    }

    let listGoals = shipped.contracts.endpoint(id: "listGoals")!
    Benchmark("engine: GET /goals, 20 goal views (cached while the tenant holds)", configuration: configuration) { benchmark in
        let (engine, token) = try await signedIn()
        let caller = try await engine.authenticate(.tenant, bearer: token, tenant: "tenant_acme")
        try await fillGoals(engine, caller)
        _ = await engine.handle(FakeRequest(endpoint: listGoals, caller: caller))  // fills the cache
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(await engine.handle(FakeRequest(endpoint: listGoals, caller: caller))) }
    }
    Benchmark("engine: GET /goals, 20 goal views (rebuilt: the tenant changed)", configuration: configuration) { benchmark in
        let (engine, token) = try await signedIn()
        let caller = try await engine.authenticate(.tenant, bearer: token, tenant: "tenant_acme")
        try await fillGoals(engine, caller)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            // A rename (a few hundred nanoseconds) renews the tenant's revision, so the views are rebuilt.
            _ = try? engine.store.mutate { (state: inout FakeState) throws(FakeError) in state.tenants["tenant_acme"]?.name = "Acme" }
            blackHole(await engine.handle(FakeRequest(endpoint: listGoals, caller: caller)))
        }
    }
}

/// An engine on the default scenario and an access token of its demo user.
func signedIn() async throws -> (FakeEngine, String) {
    let tokens = try await TokenService(.init(secret: "understudy-benchmark-secret-of-32-bytes-or-more"))
    let engine = try FakeEngine(contracts: shipped.contracts, scenarios: shipped.scenarios, scenario: "default", tokens: tokens)
    let login = shipped.contracts.endpoint(id: "login")!
    let response = await engine.handle(FakeRequest(endpoint: login, body: ["email": "demo@purposepath.app", "password": "Demo123!"]))
    guard case .json(let body) = response.body, let token = body["data"]?["access_token"]?.stringValue else {
        throw CancellationError()
    }
    return (engine, token)
}

/// Creates goals until the tenant holds twenty, as scripts/bench does.
func fillGoals(_ engine: FakeEngine, _ caller: Caller?) async throws {
    let createGoal = shipped.contracts.endpoint(id: "createGoal")!
    let have = engine.store.read { $0.tenants["tenant_acme"]?.count("goals") ?? 0 }
    for index in have..<20 {
        _ = await engine.handle(FakeRequest(endpoint: createGoal, body: ["title": .string("Bench goal \(index)"), "intent": "Fill the tenant"], caller: caller))
    }
}
