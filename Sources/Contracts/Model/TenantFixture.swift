import JSON

/// One tenant's seed state: collection name → records (an array, or one object for a singleton).
public struct TenantFixture: Sendable {
    public var id: String
    public var name: String
    public var data: [String: JSONValue]
}
