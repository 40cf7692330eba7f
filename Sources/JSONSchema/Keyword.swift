import JSON

/// A keyword with everything it needs precomputed (regexes, sets, integer limits, child indices).
enum Keyword: Sendable {
    case never                       // the `false` schema
    case ref(Int)
    case type(TypeSet)
    case enumeration(EnumRule)
    case constant(JSONValue)
    case minLength(Int)
    case maxLength(Int)
    case pattern(Pattern)
    case format(Format)
    case bound(NumberBound)
    case multipleOf(Double)
    case required([String])
    case dependentRequired([DependentRequirement])
    case minProperties(Int)
    case maxProperties(Int)
    case members(MemberRule)         // properties + patternProperties + additionalProperties
    case propertyNames(Int)
    case dependentSchemas([(name: String, node: Int)])
    case items(ItemRule)             // prefixItems + items
    case contains(ContainsRule)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(ConditionalRule)

    /// The keyword's name as written in the schema, for error reports.
    var name: String {
        switch self {
        case .never: "false"
        case .ref: "$ref"
        case .type: "type"
        case .enumeration: "enum"
        case .constant: "const"
        case .minLength: "minLength"
        case .maxLength: "maxLength"
        case .pattern: "pattern"
        case .format: "format"
        case .bound(let bound): bound.kind.rawValue
        case .multipleOf: "multipleOf"
        case .required: "required"
        case .dependentRequired: "dependentRequired"
        case .minProperties: "minProperties"
        case .maxProperties: "maxProperties"
        case .members: "properties"
        case .propertyNames: "propertyNames"
        case .dependentSchemas: "dependentSchemas"
        case .items: "items"
        case .contains: "contains"
        case .minItems: "minItems"
        case .maxItems: "maxItems"
        case .uniqueItems: "uniqueItems"
        case .allOf: "allOf"
        case .anyOf: "anyOf"
        case .oneOf: "oneOf"
        case .not: "not"
        case .conditional: "if"
        }
    }
}
