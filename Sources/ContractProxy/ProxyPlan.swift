import Contracts
import Fakes
import Foundation
import JSON
import NIOCore
import NIOHTTP1

/// What the proxy does with one complete request: answer it itself, or send it on.
enum ProxyPlan {
    /// Answered here: the admin routes, CORS preflights, `--strict` refusals, no backend.
    case answer(LocalAnswer)
    /// Sent on to a backend; the watch checks (and records) what comes back.
    case forward(Forwarding)
}

/// An answer the proxy writes itself, whole.
struct LocalAnswer {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A non-stream answer of the fakes' model (the error envelope, the admin API's JSON).
    init(_ response: FakeResponse) {
        var headers = response.headers
        var body: [UInt8] = []
        switch response.body {
        case .json(let value):
            headers.append(("Content-Type", "application/json; charset=utf-8"))
            body = response.encodedBody.map { Array($0.readableBytesView) } ?? value.encoded()
        case .bytes(let bytes, let contentType):
            headers.append(("Content-Type", contentType))
            body = bytes
        case .empty, .stream:
            break
        }
        self.init(status: response.status, headers: headers, body: body)
    }

    static func error(_ error: FakeError, in envelope: EnvelopeConventions) -> LocalAnswer { LocalAnswer(error.response(in: envelope)) }
    static func json(_ value: JSONValue) -> LocalAnswer { LocalAnswer(.json(value)) }
}

/// Where a service's backend is: scheme, host, port, and the path its base URL adds.
struct BackendAddress: Hashable, Sendable {
    var tls: Bool
    var host: String
    var port: Int
    var basePath: String

    /// `http://127.0.0.1:8002/api` → plain, 127.0.0.1, 8002, `/api`; nil for anything but http(s).
    init?(_ url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        tls = scheme == "https"
        self.host = host
        port = components.port ?? (tls ? 443 : 80)
        basePath = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
    }

    /// The `Host` header a request to this backend carries.
    var authority: String { port == (tls ? 443 : 80) ? host : "\(host):\(port)" }
}

/// A request on its way to a backend: the head as it will be sent, and what to check the answer against.
struct Forwarding {
    var backend: BackendAddress
    var head: HTTPRequestHead
    var body: ByteBuffer
    var watch: AnswerWatch
}
