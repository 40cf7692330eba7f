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

    /// The query parameters that carry the token and the tenant on an `auth: query` endpoint
    /// (`credentials.query`, `tenancy.query`): credentials, not input to validate.
    public var queryCredentials: Set<String> { Set([credentials.query, tenancy?.query].compactMap { $0 }) }

    public init(sessions: SessionConventions? = nil, tenancy: TenancyConventions? = nil) {
        self.sessions = sessions
        self.tenancy = tenancy
    }
}
