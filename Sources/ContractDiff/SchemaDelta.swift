import Contracts

/// One difference between two versions of a schema, before it is known whether the schema is a
/// request's (where narrowing breaks clients) or an answer's (where widening does).
struct SchemaDelta {
    enum Kind: Equatable {
        /// Fewer values are allowed than before.
        case narrowed
        /// More values are allowed than before.
        case widened
        /// Some values are no longer allowed and others are new (string → integer).
        case retyped
        case memberAdded(required: Bool)
        /// `closed`: the object now refuses the member as unknown.
        case memberRemoved(closed: Bool)
        case memberRequired
        case memberOptional
        /// Unknown members are now refused.
        case closed
        /// Unknown members are now allowed.
        case opened
    }

    var kind: Kind
    /// The member, dotted from the schema's root (`data.items[].status`); empty for the root.
    var member: String
    /// What changed: "no longer allows 'archived'", "maxLength 200 → 100".
    var detail: String
    /// Where the change is written: the new schema's node, or the old one's for a removal.
    var node: SchemaNode
    /// Which version `node` belongs to.
    var inOld: Bool
}
