import JSON

public struct TenancyConventions: Sendable {
    /// The request header naming the tenant (`X-Tenant-Id`).
    public var header: String { didSet { headerKey = header.lowercased() } }
    /// The same, lowercased once at load: how a request's header map keys it on the hot path.
    public private(set) var headerKey: String
    /// The query parameter naming it where credentials travel in the query (`auth: query`).
    public var query: String?
    /// A path parameter that names the tenant itself (`/tenants/{tenantId}/…`): `verify` fills it
    /// with the signed-in tenant, and it addresses no collection.
    public var parameter: String?
    /// The status when a protected request names no tenant.
    public var missing: Int
    /// The status when it names a tenant the token does not belong to.
    public var foreign: Int

    public init(header: String, query: String?, missing: Int, foreign: Int, parameter: String? = nil) {
        self.parameter = parameter
        self.header = header
        self.headerKey = header.lowercased()
        self.query = query
        self.missing = missing
        self.foreign = foreign
    }
}
