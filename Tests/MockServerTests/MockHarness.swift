import Contracts
import Fakes
import PurposePathFakes
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import MockServer
import NIOCore
import Synchronization
import TestSupport
import Testing

/// The shipped contracts and fixtures, loaded once.
enum Shipped {
    static let report = shippedReport
}

/// A settable clock shared by the engine under test.
final class ManualClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_764_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A mock server over the shipped contracts, driven in-process (or over a real socket with `.live`).
struct MockHarness {
    let engine: FakeEngine
    let server: MockServer
    let clock = ManualClock()

    init(accessTTL: TimeInterval = 900, gateway: Bool = false, options: MockOptions = MockOptions(quiet: true)) async throws {
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes", accessTTL: accessTTL))
        let clock = self.clock
        engine = try FakeEngine(
            contracts: Shipped.report.contracts, scenarios: Shipped.report.scenarios, scenario: "default", tokens: tokens, builtins: .purposePath,
            clock: { clock.now })
        let contracts = Shipped.report.contracts
        let listeners = gateway ? [Listener.gateway(contracts, port: 0)] : MockServer.serviceListeners(contracts, ports: ["account": 0, "coaching": 0, "traction": 0])
        server = MockServer(engine: engine, listeners: listeners, options: options)
    }

    func app(_ name: String) -> some ApplicationProtocol {
        server.application(for: server.listeners.first { $0.name == name }!)
    }
}

/// A tiny client over HummingbirdTesting's, speaking JSON with optional credentials.
struct Client {
    let client: any TestClientProtocol
    var token: String?
    var tenant: String?

    init(_ client: any TestClientProtocol, token: String? = nil, tenant: String? = nil) {
        self.client = client
        self.token = token
        self.tenant = tenant
    }

    struct Reply {
        var status: Int
        var headers: HTTPFields
        var text: String
        var json: JSONValue? { try? JSONParser.parse(text) }
    }

    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, raw: String? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        if let tenant { fields[HTTPField.Name("X-Tenant-Id")!] = tenant }
        if json != nil || raw != nil { fields[.contentType] = "application/json" }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let body = raw.map { ByteBuffer(string: $0) } ?? json.map { ByteBuffer(bytes: $0.encoded()) }
        return try await client.execute(uri: uri, method: method, headers: fields, body: body) { response in
            Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
        }
    }

    /// Logs in as a fixture user and answers a client carrying the tokens.
    func loggedIn(_ email: String = "demo@purposepath.app", password: String = "Demo123!") async throws -> (Client, refresh: String) {
        let reply = try await send(.post, "/auth/login", json: ["email": .string(email), "password": .string(password)])
        #expect(reply.status == 200, "\(reply.text)")
        let data = try #require(reply.json?["data"])
        let client = Client(self.client, token: data["access_token"]?.stringValue, tenant: data["tenant"]?["id"]?.stringValue)
        return (client, data["refresh_token"]?.stringValue ?? "")
    }
}
