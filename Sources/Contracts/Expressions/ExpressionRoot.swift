import JSON

/// The request and engine values an expression may name.
public enum ExpressionRoot: String, Sendable, CaseIterable {
    case path, query, header, body, record, tenant, user, now, today, understudy
    /// A view's filtered, ordered records (in `select`).
    case records
    /// The current record, spelled out (for a field named like a root: `it.path`).
    case it
    /// Inside a filter, the current record of the enclosing expression — the item one filter up:
    /// `@goals[count(@strategies[goalId == outer.id]) > 1]`.
    case outer
}
