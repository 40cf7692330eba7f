import JSON

/// How a protected request carries its access token: a header with a scheme (`Authorization:
/// Bearer …`), or a query parameter for `auth: query` endpoints (EventSource cannot send headers).
/// Undeclared, they are RFC 6750's: the `Authorization` header, the `Bearer` scheme, the
/// `access_token` query parameter.
public struct CredentialConventions: Sendable {
    public var header: String { didSet { headerKey = header.lowercased() } }
    /// The header's name lowercased once, as a request's header map keys it.
    public private(set) var headerKey: String
    public var scheme: String
    public var query: String

    public init(header: String = "Authorization", scheme: String = "Bearer", query: String = "access_token") {
        self.header = header
        self.headerKey = header.lowercased()
        self.scheme = scheme
        self.query = query
    }
}
