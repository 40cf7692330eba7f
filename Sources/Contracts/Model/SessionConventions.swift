import JSON

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
