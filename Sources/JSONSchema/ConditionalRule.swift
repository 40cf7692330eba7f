import JSON

/// `if` / `then` / `else`.
struct ConditionalRule: Sendable {
    var condition: Int
    var then: Int?
    var otherwise: Int?
}
