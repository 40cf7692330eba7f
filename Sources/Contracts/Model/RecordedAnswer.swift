import JSON

/// A read a real backend answered, kept by `proxy --record` in a scenario (`answers:`): while the
/// tenant's records are as the scenario seeded them, `serve` answers that read with it, verbatim —
/// the way answers the contracts compute from several collections come back as the backend gave
/// them. The first write to the tenant makes its reads computed again.
///
/// ```yaml
/// answers:
///   - { endpoint: getGoal, tenant: tenant_acme, path: { id: goal_revenue }, status: 200, body: { success: true, data: { … } } }
/// ```
public struct RecordedAnswer: Sendable {
    public var endpoint: String
    /// The caller's tenant; nil for a public endpoint's answer.
    public var tenant: String?
    public var path: [String: String]
    /// The query as the contract converts it (declared types, defaults applied).
    public var query: [String: JSONValue]
    public var status: Int
    public var body: JSONValue
    public var location: SourceLocation

    public init(endpoint: String, tenant: String?, path: [String: String], query: [String: JSONValue], status: Int, body: JSONValue, location: SourceLocation) {
        self.endpoint = endpoint
        self.tenant = tenant
        self.path = path
        self.query = query
        self.status = status
        self.body = body
        self.location = location
    }

    /// Whether this is the answer to `endpoint` at these path values and query, for `tenant`.
    public func answers(_ endpoint: String, tenant: String?, path: [String: String], query: [String: JSONValue]) -> Bool {
        self.endpoint == endpoint && self.tenant == tenant && self.path == path && self.query == query
    }
}
