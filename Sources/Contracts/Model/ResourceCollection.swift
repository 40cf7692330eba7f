import JSONSchema

/// A piece of state the fakes keep (per tenant, or global) and fixtures seed.
public struct ResourceCollection: Sendable {
    public var name: String
    public var schema: Schema?
    public var idPrefix: String
    public var idField: String
    /// Ids are integers (`idType: integer`): a create takes the largest in the tenant plus one.
    public var integerIDs = false
    public var singleton: Bool
    public var global: Bool
    /// For nested collections: the parent collection and the field holding the parent's id.
    public var parent: (collection: String, field: String)?
    /// Path parameter names that address a record besides the conventional ones (`{goalId}` for
    /// `goals`, `{id}` after `/goals`): `parameters: [typeId]` on `issueTypes`.
    public var parameters: [String] = []
    /// How messages name one record (`noun: KPI link` → "KPI link not found"); by default the
    /// collection's name made singular and capitalised (`goals` → "Goal").
    public var noun: String?
    /// The fields stamped on create and update (`createdAt`/`updatedAt` unless the contract says otherwise).
    public var timestamps: (created: String, updated: String)?
    public var location: SourceLocation
}
