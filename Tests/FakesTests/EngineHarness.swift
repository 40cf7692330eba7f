import Contracts
import Fakes
import PurposePathFakes
import Foundation
import JSON
import Synchronization
import TestSupport
import Testing

/// A settable clock, so tests can move time (token expiry, due dates) without waiting.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_764_000_000)) { current = Mutex(start) }  // 2025-11-24T16:00:00Z
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The shipped contracts and fixtures, loaded once for every engine test.
enum Shipped {
    static let report = shippedReport
    static var contracts: ContractSet { report.contracts }
    static var scenarios: [String: Scenario] { report.scenarios }
}

/// An engine over the shipped contracts with a test clock, and calls that check every answer
/// against the contract: a response whose body does not match the schema of its status fails the test.
struct EngineHarness {
    let engine: FakeEngine
    let clock: TestClock

    static let secret = "understudy-test-secret-with-at-least-32-bytes"

    init(scenario: String = "default", accessTTL: TimeInterval = 900) async throws {
        let clock = TestClock()
        let tokens = try await TokenService(.init(secret: Self.secret, accessTTL: accessTTL))
        self.clock = clock
        self.engine = try FakeEngine(
            contracts: Shipped.contracts, scenarios: Shipped.scenarios, scenario: scenario, tokens: tokens, builtins: .purposePath,
            clock: { clock.now })
    }

    func endpoint(_ id: String) throws -> Endpoint {
        try #require(engine.contracts.endpoint(id: id), "no endpoint \(id)")
    }

    /// Logs in through the contract's login endpoint and answers the caller it establishes.
    func login(_ email: String = "demo@purposepath.app", password: String = "Demo123!") async throws -> Caller {
        let response = try await call("login", body: ["email": .string(email), "password": .string(password)])
        #expect(response.status == 200)
        let data = try #require(response.jsonBody?["data"])
        let token = try #require(data["access_token"]?.stringValue)
        let tenant = try #require(data["tenant"]?["id"]?.stringValue)
        return try #require(try await engine.authenticate(.tenant, bearer: token, tenant: tenant))
    }

    /// Calls an endpoint's fake and checks the answer against the contract.
    @discardableResult
    func call(
        _ id: String, path: [String: String] = [:], query: [String: JSONValue] = [:], headers: [String: String] = [:],
        body: JSONValue? = nil, as caller: Caller? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> FakeResponse {
        let endpoint = try endpoint(id)
        var query = query
        for parameter in endpoint.query where query[parameter.name] == nil {
            if let value = parameter.defaultValue { query[parameter.name] = value }
        }
        let request = FakeRequest(endpoint: endpoint, pathParameters: path, query: query, headers: headers, body: body, caller: caller)
        let response = await engine.handle(request)
        checkAgainstContract(response, of: endpoint, sourceLocation: sourceLocation)
        return response
    }

    /// A fake's answer must be one the contract documents, with a body that matches its schema.
    func checkAgainstContract(_ response: FakeResponse, of endpoint: Endpoint, sourceLocation: Testing.SourceLocation) {
        guard let documented = endpoint.response(for: response.status) else {
            Issue.record("\(endpoint.id) answered \(response.status), which its contract does not document: \(response.jsonBody?.jsonString() ?? "")", sourceLocation: sourceLocation)
            return
        }
        guard let schema = documented.schema, let body = response.jsonBody else { return }
        let errors = schema.validate(body)
        if !errors.isEmpty {
            Issue.record("\(endpoint.id) \(response.status) body breaks its schema: \(errors.prefix(3).map { "\($0.instancePointer): \($0.message)" }.joined(separator: "; ")) — body: \(body.jsonString().prefix(600))", sourceLocation: sourceLocation)
        }
    }
}
