import Contracts
import HTTPTypes

/// Browser access from another origin: any origin by default (with credentials), or a list; the
/// headers allowed and exposed are the API's, from services.yaml's `cors` (`declaring(_:)`).
public struct CORSPolicy: Sendable {
    /// Nil allows every origin.
    public var allowedOrigins: Set<String>?
    /// The request headers a preflight that names none is allowed.
    var allowedHeaders: String
    /// The answer headers a script may read.
    var exposedHeaders: String

    public init(allowedOrigins: Set<String>? = nil) {
        self.allowedOrigins = allowedOrigins
        let standard = CORSConventions()
        allowedHeaders = standard.allowHeaders.joined(separator: ", ")
        exposedHeaders = standard.exposeHeaders.joined(separator: ", ")
    }

    /// The same origins, with the API's declared headers.
    public func declaring(_ conventions: CORSConventions) -> CORSPolicy {
        var policy = self
        policy.allowedHeaders = conventions.allowHeaders.joined(separator: ", ")
        policy.exposedHeaders = conventions.exposeHeaders.joined(separator: ", ")
        return policy
    }

    public static let allowedMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS"

    func allows(_ origin: String) -> Bool { allowedOrigins?.contains(origin) ?? true }

    /// Headers for an actual request from `origin`: the origin is echoed, so credentials work.
    public func headers(for origin: String?) -> HTTPFields {
        var fields = HTTPFields()
        guard let origin, allows(origin) else { return fields }
        fields[.accessControlAllowOrigin] = origin
        fields[.accessControlAllowCredentials] = "true"
        fields[.accessControlExposeHeaders] = exposedHeaders
        fields[.vary] = "Origin"
        return fields
    }

    /// Headers answering a preflight; nil when the origin is not allowed.
    public func preflightHeaders(for origin: String, requestedHeaders: String?) -> HTTPFields? {
        guard allows(origin) else { return nil }
        var fields = headers(for: origin)
        fields[.accessControlAllowMethods] = Self.allowedMethods
        fields[.accessControlAllowHeaders] = requestedHeaders ?? allowedHeaders
        fields[.accessControlMaxAge] = "600"
        return fields
    }
}
