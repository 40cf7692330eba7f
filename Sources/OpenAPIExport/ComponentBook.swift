import Contracts
import JSON
import OrderedCollections

/// The document's `components`, filled as operations are translated: every schema a `$ref`
/// reaches under a contract file's `schemas:` becomes a named component (once), shared responses
/// and parameters likewise.
struct ComponentBook {
    let sources: SourceDocuments
    private(set) var schemas: OrderedDictionary<String, JSONValue> = [:]
    private(set) var responses: OrderedDictionary<String, JSONValue> = [:]
    private(set) var parameters: OrderedDictionary<String, JSONValue> = [:]
    /// Component name by `uri#pointer` of what it was made from.
    private var names: [String: String] = [:]

    init(sources: SourceDocuments) {
        self.sources = sources
    }

    /// The name of the schema component for the schema at `uri` `pointer`, translating it the first time.
    mutating func schemaName(uri: String, pointer: JSONPointer, value: JSONValue) -> String {
        let key = "\(uri)#\(pointer)"
        if let name = names[key] { return name }
        let stem = Self.stem(sources.paths[uri] ?? uri)
        var name = pointer.lastToken ?? stem
        let translated: JSONValue
        // Reserve the name before translating, so a schema that refers to itself finds it.
        if let existing = schemas[name], existing != .null {
            name = Self.componentSafe("\(stem)_\(name)")
        }
        names[key] = name
        schemas[name] = .null
        translated = SchemaTranslation.translate(value, base: uri, book: &self)
        // The same schema written twice in two files (`StringList`) is one component.
        if let twin = schemas.first(where: { $0.key != name && $0.value == translated })?.key {
            schemas.removeValue(forKey: name)
            names[key] = twin
            return twin
        }
        schemas[name] = translated
        return name
    }

    /// The name of the response component for a shared response, adding it the first time.
    mutating func responseName(sharedAt key: String, build: (inout ComponentBook) -> JSONValue) -> String {
        if let name = names["response:" + key] { return name }
        let pointer = JSONPointer(String(key.split(separator: "#", maxSplits: 1).last ?? ""))
        var name = pointer.lastToken ?? "Response"
        if responses[name] != nil { name = Self.componentSafe("\(Self.stem(key))_\(name)") }
        names["response:" + key] = name
        responses[name] = .null
        responses[name] = build(&self)
        return name
    }

    mutating func parameter(_ name: String, _ value: JSONValue) -> JSONValue {
        parameters[name] = value
        return ["$ref": .string("#/components/parameters/\(name)")]
    }

    func json(security: OrderedDictionary<String, JSONValue>) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [:]
        if !schemas.isEmpty { members["schemas"] = .object(schemas) }
        if !responses.isEmpty { members["responses"] = .object(responses) }
        if !parameters.isEmpty { members["parameters"] = .object(parameters) }
        if !security.isEmpty { members["securitySchemes"] = .object(security) }
        return .object(members)
    }

    /// `traction_goals` for `…/traction/goals.yaml`.
    static func stem(_ path: String) -> String {
        let file = path.split(separator: "#").first.map(String.init) ?? path
        let parts = file.split(separator: "/").suffix(2).map { $0.replacingOccurrences(of: ".yaml", with: "").replacingOccurrences(of: ".yml", with: "") }
        return componentSafe(parts.joined(separator: "_"))
    }

    /// Component names match `^[a-zA-Z0-9._-]+$`.
    static func componentSafe(_ text: String) -> String {
        String(text.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || "._-".contains($0) ? $0 : "_" })
    }
}
