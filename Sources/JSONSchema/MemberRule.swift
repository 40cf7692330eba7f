import JSON

/// How each member of an object is checked: by name, by pattern, or as an additional property.
struct MemberRule: Sendable {
    var properties: [String: Int] = [:]
    var patterns: [(pattern: Pattern, node: Int)] = []
    var additional: Int?
    /// `additionalProperties: false`, reported as "unexpected property" at the extra member.
    var additionalForbidden = false
}
