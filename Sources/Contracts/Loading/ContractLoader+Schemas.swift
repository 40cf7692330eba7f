import JSON
import JSONSchema

extension ContractLoader {
    /// Compiles the schema at `pointer` (after checking its keywords); problems surface as diagnostics.
    func compileSchema(in document: YAMLDocument, at pointer: JSONPointer) -> Schema {
        checkSchema(in: document, at: pointer)
        return compiler.compile(uri: document.uri, pointer: pointer)
    }

    /// Validates an example, reporting each mismatch at the example's own line.
    func validateExample(_ example: JSONValue, against schema: Schema, at pointer: JSONPointer, in document: YAMLDocument, what: String) {
        for error in schema.validate(example).prefix(5) {
            var where_ = ""
            if !error.instancePointer.tokens.isEmpty { where_ = " at \(error.instancePointer)" }
            diagnostics.error(
                "\(what) does not match its schema\(where_): \(error.message)",
                at: document.location(of: JSONPointer(tokens: pointer.tokens + error.instancePointer.tokens)))
        }
    }

    /// Reports keywords a schema author most likely mistyped (`requried`), walking every subschema.
    /// JSON Schema itself ignores unknown keywords, which would silently weaken validation.
    func checkSchema(in document: YAMLDocument, at pointer: JSONPointer) {
        guard checkedSchemas.insert(document.uri + "#" + pointer.description).inserted,
            let value = document.root.value(at: pointer)
        else { return }
        walkSchema(value, at: pointer, in: document)
    }

    private func walkSchema(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) {
        guard case .object(let members) = value else {
            if case .bool = value { return }
            diagnostics.error("a schema must be a mapping or a boolean, found \(value.typeName)", at: document.location(of: pointer))
            return
        }
        for (keyword, child) in members {
            let childPointer = pointer.appending(keyword)
            switch SchemaKeywords.role(of: keyword) {
            case .schema:
                walkSchema(child, at: childPointer, in: document)
            case .schemaList:
                child.arrayValue?.enumerated().forEach { walkSchema($1, at: childPointer.appending($0), in: document) }
            case .schemaMap:
                child.objectValue?.forEach { walkSchema($1, at: childPointer.appending($0), in: document) }
            case .value:
                continue
            case nil:
                let message = EditDistance.message("unknown schema keyword '\(keyword)'", for: keyword, among: SchemaKeywords.all)
                diagnostics.error(message, at: document.location(of: childPointer))
            }
        }
    }
}

/// The JSON Schema 2020-12 keywords contracts may use, by what their value holds.
public enum SchemaKeywords {
    public enum Role: Sendable { case schema, schemaList, schemaMap, value }

    static let schemaValued = [
        "additionalProperties", "items", "contains", "not", "if", "then", "else", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    static let schemaLists = ["allOf", "anyOf", "oneOf", "prefixItems"]
    static let schemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    static let plainValues = [
        "type", "enum", "const", "required", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minContains",
        "maxContains", "minProperties", "maxProperties", "dependentRequired", "$ref", "$id", "$anchor", "$schema",
        "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
        "contentMediaType", "contentEncoding", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
    ]
    public static let all = schemaValued + schemaLists + schemaMaps + plainValues

    /// A member's value with each subschema it holds replaced by `transform(subschema, the tokens
    /// from the member to it)` — the one walk translations of schemas share; nil for a member that
    /// holds no subschema (`type`, `enum`, an unknown keyword).
    ///
    /// ```swift
    /// SchemaKeywords.mapSubschemas("properties", properties) { child, tokens in rewrite(child) }
    /// ```
    public static func mapSubschemas(_ keyword: String, _ value: JSONValue, _ transform: (JSONValue, [String]) -> JSONValue) -> JSONValue? {
        switch role(of: keyword) {
        case .schema?: return transform(value, [])
        case .schemaList?: return .array((value.arrayValue ?? []).enumerated().map { transform($1, [String($0)]) })
        case .schemaMap?: return .object((value.objectValue ?? [:]).reduce(into: [:]) { $0[$1.key] = transform($1.value, [$1.key]) })
        case .value?, nil: return nil
        }
    }

    public static func role(of keyword: String) -> Role? {
        if schemaValued.contains(keyword) { return .schema }
        if schemaLists.contains(keyword) { return .schemaList }
        if schemaMaps.contains(keyword) { return .schemaMap }
        if plainValues.contains(keyword) { return .value }
        return nil
    }
}
