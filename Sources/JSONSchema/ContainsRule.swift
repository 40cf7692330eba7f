import JSON

/// `contains` with `minContains` (default 1) and `maxContains`.
struct ContainsRule: Sendable {
    var node: Int
    var minimum: Int
    var maximum: Int?
}
