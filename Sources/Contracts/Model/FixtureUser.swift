import JSON

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
