import JSON

/// `dependentRequired` for one trigger property.
struct DependentRequirement: Sendable {
    var trigger: String
    var names: [String]
}
