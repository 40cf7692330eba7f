import NIOCore
import NIOHTTP1

/// One request as the proxy's client sent it: the head as read, the body whole (requests are
/// small; a body past `maxBodyBytes` is refused 413 before this exists).
///
/// ```swift
/// let request = ProxiedRequest(head: head, body: body)
/// request.path            // "/traction/api/v1/goals"
/// request.header("x-tenant-id")
/// ```
struct ProxiedRequest {
    var head: HTTPRequestHead
    var body: ByteBuffer
    /// The path as sent, up to `?`.
    let path: Substring
    /// The query as sent, without `?`.
    let query: Substring?

    init(head: HTTPRequestHead, body: ByteBuffer) {
        self.head = head
        self.body = body
        let uri = Substring(head.uri)
        if let mark = uri.firstIndex(of: "?") {
            path = uri[..<mark]
            query = uri[uri.index(after: mark)...]
        } else {
            path = uri
            query = nil
        }
    }

    var method: String { head.method.rawValue }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? { head.headers.first(name: name) }

    /// Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded
    /// either way. `Content-Length` is the proxy's own on a request (it sends the body whole); an
    /// answer keeps the backend's, since its bytes are passed on as they are.
    static let hopByHop: Set<String> = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]
}
