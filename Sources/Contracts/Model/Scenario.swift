import JSON

/// A named set of fixtures: the users who can log in, the tenants and the state `serve` starts from.
public struct Scenario: Sendable {
    public var name: String
    public var title: String
    public var description: String
    public var users: [FixtureUser]
    public var tenants: [TenantFixture]
    /// Records of collections declared `global: true`, by collection.
    public var global: [String: JSONValue]

    public func tenant(_ id: String) -> TenantFixture? { tenants.first { $0.id == id } }
}

/// A user who can log in, with the profile the Account service answers.
public struct FixtureUser: Sendable {
    public var id: String
    public var email: String
    public var password: String
    public var tenant: String
    public var roles: [String]
    public var profile: JSONValue
    /// Confirmation and reset tokens as if just emailed to the user, so those pages work offline.
    public var emailTokens: [EmailToken]
    public var location: SourceLocation

    /// A seeded email token: single-use, never expiring.
    public struct EmailToken: Sendable {
        public static let kinds = ["confirmation", "reset"]
        public var token: String
        public var kind: String
    }
}

/// One tenant's seed state: collection name → records (an array, or one object for a singleton).
public struct TenantFixture: Sendable {
    public var id: String
    public var name: String
    public var data: [String: JSONValue]
}
