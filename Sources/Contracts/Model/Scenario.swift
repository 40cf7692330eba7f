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
    /// Reads a backend answered (`proxy --record`), served verbatim while their tenant is unchanged.
    public var answers: [RecordedAnswer] = []

    public func tenant(_ id: String) -> TenantFixture? { tenants.first { $0.id == id } }
}
