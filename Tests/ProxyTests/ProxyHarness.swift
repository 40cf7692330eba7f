import AsyncHTTPClient
import Conformance
import ContractProxy
import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import MockServer
import NIOCore
import PurposePathFakes
import Synchronization
import TestSupport
import Testing

enum Shipped {
    static let report = shippedReport
    static var contracts: ContractSet { report.contracts }
}

/// Lines the proxy would print, kept for the test to read.
final class Printed: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func add(_ line: String) { lines.withLock { $0.append(line) } }
}

/// The proxy under test, as a client reaches it: a port on 127.0.0.1.
struct ProxyClient: Sendable {
    var port: Int?
    var proxy: ContractProxy
}

/// A proxy over one gateway listener on 127.0.0.1, in front of `backend` (a base URL under which
/// every service lives at its gateway prefix), stopped when `body` returns. The timeouts are
/// generous: the test process runs suites in parallel on two cores, and a backend's handler can
/// wait seconds for a thread.
func withProxy(
    backend: String, strict: Bool = false, record: Bool = false, readTimeout: Duration = .seconds(30), maxBodyBytes: Int = 16 << 20,
    _ body: @Sendable (_ client: ProxyClient, _ proxy: ContractProxy, _ printed: Printed) async throws -> Void
) async throws {
    let contracts = Shipped.contracts
    let printed = Printed()
    let configuration = ProxyConfiguration(backends: .gateway(backend, contracts: contracts), strict: strict, connectTimeout: .seconds(10),
                                           readTimeout: readTimeout, maxBodyBytes: maxBodyBytes, record: record)
    let proxy = ContractProxy(contracts: contracts, listeners: [Listener.gateway(contracts, port: 0)], configuration: configuration,
                              printLine: { printed.add($0) })
    let (ports, bound) = AsyncStream.makeStream(of: Int.self)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { bound.finish() }
            try await proxy.listenerService(for: proxy.listeners[0]) { bound.yield($0) }.run()
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        defer { group.cancelAll() }
        try await body(ProxyClient(port: port, proxy: proxy), proxy, printed)
    }
}

/// `serve` of the shipped contracts on a real 127.0.0.1 port, for the proxy to forward to.
func withServe(_ body: @Sendable (_ port: Int, _ engine: FakeEngine) async throws -> Void) async throws {
    let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
    let engine = try FakeEngine(contracts: Shipped.contracts, scenarios: Shipped.report.scenarios, scenario: "default", tokens: tokens, builtins: .purposePath)
    let server = MockServer(engine: engine, listeners: [Listener.gateway(Shipped.contracts, port: 0)], options: .init(quiet: true))
    try await server.application(for: server.listeners[0]).test(.live) { client in try await body(try #require(client.port), engine) }
}

/// A small backend built in the test: `routes` answers by `METHOD path`; everything is counted.
final class TestBackend: Sendable {
    struct Seen: Sendable {
        var method: String
        var uri: String
        /// `Host`, as HTTP/1.1 carries it (HTTPTypes keeps it as the authority).
        var authority: String?
        var headers: [(String, String)]
        var body: [UInt8]
    }

    private let seen = Mutex<[Seen]>([])
    var requests: [Seen] { seen.withLock { $0 } }
    func add(_ request: Seen) { seen.withLock { $0.append(request) } }
}

func withBackend(
    _ answer: @escaping @Sendable (TestBackend.Seen) async throws -> Response,
    _ body: @Sendable (_ port: Int, _ backend: TestBackend) async throws -> Void
) async throws {
    let backend = TestBackend()
    let router = Router()
    router.on("/**", method: .get) { request, _ in try await handle(request) }
    router.on("/**", method: .post) { request, _ in try await handle(request) }
    router.on("/**", method: .put) { request, _ in try await handle(request) }
    router.on("/**", method: .delete) { request, _ in try await handle(request) }
    @Sendable func handle(_ request: Request) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        let seen = TestBackend.Seen(method: request.method.rawValue, uri: request.uri.description, authority: request.head.authority,
                                    headers: request.headers.map { ($0.name.rawName, $0.value) }, body: Array(bytes.readableBytesView))
        backend.add(seen)
        return try await answer(seen)
    }
    try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
        try await body(try #require(client.port), backend)
    }
}

func json(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "application/json", headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = contentType
    return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
}

/// One exchange through a HummingbirdTesting client.
struct Exchange {
    var status: Int
    var headers: HTTPFields
    var body: [UInt8]
    var json: JSONValue? { try? JSONParser.parse(body) }
}

/// One exchange through the proxy, over a real connection.
func send(_ client: ProxyClient, _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, tenant: String? = "tenant_acme",
          body: String? = nil, headers: HTTPFields = [:]) async throws -> Exchange {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(try #require(client.port))\(uri)")
    request.method = .init(rawValue: method.rawValue)
    var fields = headers
    if let token { fields[.authorization] = "Bearer \(token)"; if let tenant { fields[HTTPField.Name("X-Tenant-Id")!] = tenant } }
    if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
    for field in fields { request.headers.add(name: field.name.rawName, value: field.value) }
    if let body { request.body = .bytes(ByteBuffer(string: body)) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    var answered = HTTPFields()
    for header in response.headers { if let name = HTTPField.Name(header.name) { answered.append(HTTPField(name: name, value: header.value)) } }
    let bytes = try await response.body.collect(upTo: 16 << 20)
    // The verdict follows the answer by microseconds: wait for it before the test reads the book.
    await client.proxy.settle()
    return Exchange(status: Int(response.status.code), headers: answered, body: Array(bytes.readableBytesView))
}

func send(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, tenant: String? = "tenant_acme",
          body: String? = nil, headers: HTTPFields = [:]) async throws -> Exchange {
    var fields = headers
    if let token { fields[.authorization] = "Bearer \(token)"; if let tenant { fields[HTTPField.Name("X-Tenant-Id")!] = tenant } }
    if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
    return try await client.execute(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) }) { response in
        Exchange(status: Int(response.status.code), headers: response.headers, body: Array(response.body.readableBytesView))
    }
}
