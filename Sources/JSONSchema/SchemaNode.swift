import JSON

/// One compiled schema: its location (for error reports) and its keywords, ready to evaluate.
///
/// Subschemas and `$ref` targets are indices into the owning program's node array, so validation
/// follows plain integers and never resolves URIs or looks anything up by string.
struct SchemaNode: Sendable {
    var pointer: JSONPointer
    var keywords: [Keyword]
}

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

/// The JSON types a `type` keyword allows.
struct TypeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let integer = TypeSet(rawValue: 4)
    static let number = TypeSet(rawValue: 8)
    static let string = TypeSet(rawValue: 16)
    static let array = TypeSet(rawValue: 32)
    static let object = TypeSet(rawValue: 64)

    static let names: [(String, TypeSet)] = [
        ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number),
        ("string", .string), ("array", .array), ("object", .object),
    ]

    func matches(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .integer: contains(.number) || contains(.integer)
        case .number(let d): contains(.number) || (contains(.integer) && d.isWhole)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    /// "string", "string or null", "string, integer or null" (null last, as people say it).
    var phrase: String {
        let order: [TypeSet] = [.string, .integer, .number, .boolean, .object, .array, .null]
        let words = order.filter { contains($0) }.compactMap { type in Self.names.first { $0.1 == type }?.0 }
        guard words.count > 1 else { return words.first ?? "nothing" }
        return words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
    }
}

/// `enum`: the allowed values, with a hash set when they are all strings (the common case).
struct EnumRule: Sendable {
    var values: [JSONValue]
    var strings: Set<String>?
}

/// One of minimum, maximum, exclusiveMinimum, exclusiveMaximum.
struct NumberBound: Sendable {
    enum Kind: String, Sendable { case minimum, maximum, exclusiveMinimum, exclusiveMaximum }
    var kind: Kind
    var limit: JSONValue   // .integer or .number, compared exactly when both sides are integers
}

/// `dependentRequired` for one trigger property.
struct DependentRequirement: Sendable {
    var trigger: String
    var names: [String]
}

/// How each member of an object is checked: by name, by pattern, or as an additional property.
struct MemberRule: Sendable {
    var properties: [String: Int] = [:]
    var patterns: [(pattern: Pattern, node: Int)] = []
    var additional: Int?
    /// `additionalProperties: false`, reported as "unexpected property" at the extra member.
    var additionalForbidden = false
}

/// `prefixItems` then `items` for the rest.
struct ItemRule: Sendable {
    var prefix: [Int] = []
    var rest: Int?
    /// `items: false`: the array may be no longer than `prefix`.
    var restForbidden = false
}

/// `contains` with `minContains` (default 1) and `maxContains`.
struct ContainsRule: Sendable {
    var node: Int
    var minimum: Int
    var maximum: Int?
}

/// `if` / `then` / `else`.
struct ConditionalRule: Sendable {
    var condition: Int
    var then: Int?
    var otherwise: Int?
}

extension Double {
    var isWhole: Bool { isFinite && rounded(.towardZero) == self }
}
