import JSON

public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    /// Membership: `status in ["active", "paused"]`; text on the right is a comma-separated list.
    case `in`
    /// Any item in common between two lists (a single value is a list of one).
    case overlaps
    case coalesce = "??"
    case plus = "+", minus = "-", times = "*", divide = "/", remainder = "%"
}
