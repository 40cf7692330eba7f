import JSON

/// The API's conventions, declared once in `services.yaml`: how a client signs in, refreshes and
/// signs out, and how it names its tenant. `verify` signs in and probes tokens and tenancy by them;
/// `serve` answers tenancy refusals and logout revocations by them.
///
/// ```yaml
/// sessions:
///   login: { call: login, body: { email: "{{email}}", password: "{{password}}" } }
///   refresh: { call: refreshToken, body: { refresh_token: "{{refresh}}" } }
///   logout: { call: logout, query: { refresh_token: "{{refresh}}" }, revokes: [refresh] }
///   tokens: { access: /data/access_token, refresh: /data/refresh_token, tenant: /data/tenant/id, user: /data/user/user_id }
///   accounts: { collection: users, parameter: userId }
/// tenancy: { header: X-Tenant-Id, query: tenant, parameter: tenantId, missing: 401, foreign: 403 }
/// ```
public struct Conventions: Sendable {
    public var sessions: SessionConventions?
    public var tenancy: TenancyConventions?
    /// How paged answers read their query and name their `pagination` members (`pagination:`).
    public var pagination: FakeView.Page = .standard
    /// How answers and refusals are wrapped (`envelope:`).
    public var envelope = EnvelopeConventions()
    /// The path (within every service) of the readiness probe that faults leave alone, so an
    /// orchestrator's health check keeps telling the truth (`readiness:`).
    public var readiness: String?
    /// How a request carries its access token (`credentials:`).
    public var credentials = CredentialConventions()
    /// The request headers a browser may send from another origin, and the answer headers it may
    /// read (`cors:`).
    public var cors = CORSConventions()

    public init(sessions: SessionConventions? = nil, tenancy: TenancyConventions? = nil) {
        self.sessions = sessions
        self.tenancy = tenancy
    }
}

public struct SessionConventions: Sendable {
    /// A request template: `{{email}}`, `{{password}}` and `{{refresh}}` are filled in when sent.
    public struct Call: Sendable {
        public var endpoint: String
        public var query: [String: JSONValue]
        public var body: JSONValue?
        public var location: SourceLocation
    }

    /// What a logout ends.
    public enum Revocation: String, Sendable, CaseIterable { case access, refresh }

    public var login: Call?
    public var refresh: Call?
    public var logout: Call?
    /// What logout revokes: `refresh` (the token pair cannot be renewed) and/or `access` (the access
    /// token stops working at once).
    public var revokes: Set<Revocation>
    /// Where a login or refresh answer holds the access token, the refresh token, the tenant, the user.
    public var access: JSONPointer
    public var refreshToken: JSONPointer?
    public var tenant: JSONPointer?
    public var user: JSONPointer?
    /// The collection holding the fixture users' profiles (`accounts.collection`): each user's
    /// profile is seeded as a record of its tenant there.
    public var accountCollection: String?
    /// The path parameter that names the signed-in user (`accounts.parameter`, `{userId}`); a
    /// `/COLLECTION/{id}` of the account collection names them too.
    public var accountParameter: String?

    /// The query parameter names that carry a session's tokens in its calls (`refresh_token`), which
    /// reports redact.
    public var tokenParameters: [String] {
        [login, refresh, logout].compactMap { $0 }.flatMap { call in
            call.query.compactMap { name, value in value.stringValue?.contains("{{") == true ? name : nil }
        }.sorted()
    }
}

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

/// What `serve` answers a browser from another origin: the request headers it may send (a
/// preflight that names none gets these) and the answer headers its script may read.
public struct CORSConventions: Sendable {
    public var allowHeaders: [String]
    public var exposeHeaders: [String]

    public init(allowHeaders: [String] = ["Authorization", "Content-Type", "Last-Event-ID", "Accept"],
                exposeHeaders: [String] = ["Content-Disposition", "Retry-After", "Allow"]) {
        self.allowHeaders = allowHeaders
        self.exposeHeaders = exposeHeaders
    }
}
