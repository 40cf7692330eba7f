import Contracts
import JSON
import OrderedCollections

/// What a schema constrains, gathered from the node, its `$ref` and its `allOf` parts: the facets
/// two versions of a schema are compared by.
struct SchemaFacets {
    /// The JSON types allowed; nil when any type is.
    var types: Set<String>?
    /// The values allowed (`enum`, `const`); nil when not listed.
    var values: [JSONValue]?
    var properties: [(name: String, node: SchemaNode)] = []
    var required: Set<String> = []
    /// `additionalProperties: false` or `unevaluatedProperties: false`: unknown members refused.
    var closed = false
    var additional: SchemaNode?
    var items: SchemaNode?
    /// `oneOf` / `anyOf` alternatives.
    var alternatives: [SchemaNode]?
    /// Numbers and lengths, by keyword.
    var bounds: [String: Double] = [:]
    /// `pattern`, `format`, `multipleOf`, `uniqueItems`, as written.
    var restrictions: [String: JSONValue] = [:]
    /// Where the facets are written: the first node with a place that says more than `$ref` (so a
    /// member that is only a reference is reported where the referenced schema is).
    var place: SchemaNode
    private var placeSaysMore = false
    private static let annotationKeys: Set<String> = ["$ref", "description", "title", "$comment", "examples", "default", "deprecated"]

    static let lowerBounds = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"]
    static let upperBounds = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"]
    static let restrictionKeys = ["pattern", "format", "multipleOf", "uniqueItems"]

    /// The facets of `node` in `documents`, its `$ref` and `allOf` parts folded in.
    init(_ node: SchemaNode, in documents: SourceDocuments) {
        place = node
        var seen: Set<String> = []
        fold(node, documents, &seen, depth: 0)
    }

    private mutating func fold(_ node: SchemaNode, _ documents: SourceDocuments, _ seen: inout Set<String>, depth: Int) {
        guard depth < 32 else { return }
        if let key = node.key {
            guard seen.insert(key).inserted else { return }
        }
        if !placeSaysMore, node.pointer != nil {
            let saysMore = node.value.objectValue?.keys.contains { !Self.annotationKeys.contains($0) } ?? true
            if saysMore || place.pointer == nil { place = node }
            placeSaysMore = saysMore
        }
        switch node.value {
        case .bool(false): types = []
        case .object(let members):
            if let reference = members["$ref"]?.stringValue, let target = node.following(reference, in: documents) {
                fold(target, documents, &seen, depth: depth + 1)
            }
            if let parts = members["allOf"]?.arrayValue {
                for (index, part) in parts.enumerated() { fold(node.child(part, "allOf", String(index)), documents, &seen, depth: depth + 1) }
            }
            read(members, of: node)
        default: break
        }
    }

    private mutating func read(_ members: OrderedDictionary<String, JSONValue>, of node: SchemaNode) {
        if let type = members["type"] {
            let listed = Set((type.arrayValue ?? [type]).compactMap(\.stringValue))
            types = types.map { $0.intersection(listed) } ?? listed
        }
        if let constant = members["const"] { values = values ?? [constant] }
        if let listed = members["enum"]?.arrayValue { values = values ?? listed }
        if let declared = members["properties"]?.objectValue {
            for (name, value) in declared where !properties.contains(where: { $0.name == name }) {
                properties.append((name, node.child(value, "properties", name)))
            }
        }
        required.formUnion((members["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        for key in ["additionalProperties", "unevaluatedProperties"] {
            switch members[key] {
            case .bool(false)?: closed = true
            case .object(let schema)? where key == "additionalProperties": additional = additional ?? node.child(.object(schema), key)
            default: break
            }
        }
        if let value = members["items"], items == nil { items = node.child(value, "items") }
        for key in ["oneOf", "anyOf"] where alternatives == nil {
            if let options = members[key]?.arrayValue {
                alternatives = options.enumerated().map { node.child($0.element, key, String($0.offset)) }
            }
        }
        for key in Self.lowerBounds { if let bound = members[key]?.doubleValue { bounds[key] = max(bounds[key] ?? bound, bound) } }
        for key in Self.upperBounds { if let bound = members[key]?.doubleValue { bounds[key] = min(bounds[key] ?? bound, bound) } }
        for key in Self.restrictionKeys where restrictions[key] == nil {
            if let value = members[key], value != .bool(false) { restrictions[key] = value }
        }
    }

    /// Whether a value of JSON type `type` is allowed (`integer` is a `number`).
    func allows(type: String) -> Bool {
        guard let types else { return true }
        return types.contains(type) || (type == "integer" && types.contains("number"))
    }

    /// Whether the schema describes objects (it names object members or the object type).
    var isObject: Bool { types?.contains("object") ?? (!properties.isEmpty || !required.isEmpty || closed || additional != nil) }
}
