import HTTPTypes

/// Browser access from another origin: any origin by default (with credentials), or a list.
public struct CORSPolicy: Sendable {
    /// Nil allows every origin.
    public var allowedOrigins: Set<String>?

    public init(allowedOrigins: Set<String>? = nil) { self.allowedOrigins = allowedOrigins }

    static let allowedHeaders = "Authorization, X-Tenant-Id, X-Frontend-Base-Url, Content-Type, Last-Event-ID, Accept"
    static let allowedMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    static let exposedHeaders = "Content-Disposition, Retry-After, Allow"

    func allows(_ origin: String) -> Bool { allowedOrigins?.contains(origin) ?? true }

    /// Headers for an actual request from `origin`: the origin is echoed, so credentials work.
    func headers(for origin: String?) -> HTTPFields {
        var fields = HTTPFields()
        guard let origin, allows(origin) else { return fields }
        fields[.accessControlAllowOrigin] = origin
        fields[.accessControlAllowCredentials] = "true"
        fields[.accessControlExposeHeaders] = Self.exposedHeaders
        fields[.vary] = "Origin"
        return fields
    }

    /// Headers answering a preflight; nil when the origin is not allowed.
    func preflightHeaders(for origin: String, requestedHeaders: String?) -> HTTPFields? {
        guard allows(origin) else { return nil }
        var fields = headers(for: origin)
        fields[.accessControlAllowMethods] = Self.allowedMethods
        fields[.accessControlAllowHeaders] = requestedHeaders ?? Self.allowedHeaders
        fields[.accessControlMaxAge] = "600"
        return fields
    }
}
