import Contracts
import JSON
import OrderedCollections

/// Stateful fakes from REST shape, conservatively: `POST /things` creates, `GET /things` lists
/// (when it answers an array), `GET|PUT|PATCH|DELETE /things/{id}` get, update and delete one
/// record of the collection `things`, whose schema is the item schema and whose id is the member the
/// path parameter (or `id`) names. `/owners/{ownerId}/things` under a collection `owners` makes
/// `things` its child. Anything else answers its example.
struct ResourceInference {
    struct Collection {
        var name: String
        /// `/things`, the path the collection's list and create live on.
        var base: String
        var itemParameter: String?
        var schema: JSONValue
        var idField: String
        var integerIDs: Bool
        var parent: (collection: String, parameter: String)?
        var timestamps: String
        var global = false
        var file: String?
    }

    enum Fake {
        case list(String), get(String), create(String), update(String), delete(String)

        var collection: String {
            switch self { case .list(let name), .get(let name), .create(let name), .update(let name), .delete(let name): name }
        }
    }

    private(set) var collections: [Collection] = []
    /// The fake of an operation, by `METHOD path`.
    private(set) var fakes: [String: Fake] = [:]

    /// `successSchema` gives an operation's translated 2xx JSON schema; `properties` the members a
    /// schema has (through `$ref` and `allOf`).
    init(operations: [ImportedOperation], successSchema: (ImportedOperation) -> JSONValue?,
         properties: (JSONValue) -> OrderedDictionary<String, JSONValue>, resolve: (JSONValue) -> JSONValue) {
        let byKey = Dictionary(operations.map { ("\($0.method) \($0.path)", $0) }, uniquingKeysWith: { first, _ in first })
        var bases: [String] = []
        for operation in operations {
            let segments = operation.literalSegments
            let base = operation.endsInParameter ? "/" + segments.dropLast().joined(separator: "/") : operation.path
            if let last = base.split(separator: "/").last, !last.hasPrefix("{"), !bases.contains(base) { bases.append(base) }
        }
        // Parents first, so a child finds its parent collection.
        for base in bases.sorted(by: { $0.split(separator: "/").count < $1.split(separator: "/").count }) {
            let items = operations.filter { $0.endsInParameter && "/" + $0.literalSegments.dropLast().joined(separator: "/") == base }
            let parameter = items.first.map { String($0.literalSegments.last!.dropFirst().dropLast()) }
            guard items.allSatisfy({ String($0.literalSegments.last!.dropFirst().dropLast()) == parameter }) else { continue }
            let list = byKey["get \(base)"]
            let listItem = list.flatMap(successSchema).map(resolve).flatMap { $0["type"] == "array" ? $0["items"] : nil }
            let itemSchema = items.first { $0.method == "get" }.flatMap(successSchema) ?? listItem ?? byKey["post \(base)"].flatMap(successSchema)
            guard let itemSchema, Self.isObject(resolve(itemSchema)) else { continue }
            let members = properties(itemSchema)
            guard let idField = [parameter, "id"].compactMap({ $0 }).first(where: { members[$0] != nil }) else { continue }
            // A parameter before the base must be the item parameter of the collection it nests in:
            // `/owners/{ownerId}/things` under `owners` keyed by `ownerId`.
            let segments = base.split(separator: "/").map(String.init)
            var parent: (String, String)?
            if segments.dropLast().contains(where: { $0.hasPrefix("{") }) {
                guard segments.count >= 2, segments[segments.count - 2].hasPrefix("{") else { continue }
                let name = String(segments[segments.count - 2].dropFirst().dropLast())
                let parentBase = "/" + segments.dropLast(2).joined(separator: "/")
                guard let owner = collections.first(where: { $0.base == parentBase && $0.itemParameter == name }) else { continue }
                // A child's records carry their parent's id; a schema that forbids the member cannot.
                if members[name] == nil, resolve(itemSchema)["additionalProperties"] == .bool(false) { continue }
                parent = (owner.name, name)
            }
            let listAnswersArray = list.flatMap(successSchema).map(resolve)?["type"] == "array"
            collections.append(make(base: base, parameter: parameter, schema: itemSchema, idField: idField, members: members, parent: parent))
            register(base: base, items: items, list: listAnswersArray ? list : nil, byKey: byKey)
        }
    }

    private func make(base: String, parameter: String?, schema: JSONValue, idField: String, members: OrderedDictionary<String, JSONValue>,
                      parent: (String, String)?) -> Collection {
        let last = base.split(separator: "/").last.map(String.init) ?? "things"
        var name = EndpointNaming.identifier(last, capitalizeFirst: false)
        var suffix = 2
        while collections.contains(where: { $0.name == name }) { name = EndpointNaming.identifier(last, capitalizeFirst: false) + String(suffix); suffix += 1 }
        let integer = members[idField]?["type"] == "integer"
        let timestamps = members["createdAt"] != nil && members["updatedAt"] != nil ? "camelCase"
            : members["created_at"] != nil && members["updated_at"] != nil ? "snake_case" : "none"
        return Collection(name: name, base: base, itemParameter: parameter, schema: schema, idField: idField, integerIDs: integer,
                          parent: parent, timestamps: timestamps)
    }

    private mutating func register(base: String, items: [ImportedOperation], list: ImportedOperation?, byKey: [String: ImportedOperation]) {
        guard let name = collections.last?.name else { return }
        if list != nil { fakes["get \(base)"] = .list(name) }
        if byKey["post \(base)"] != nil { fakes["post \(base)"] = .create(name) }
        for item in items {
            switch item.method {
            case "get": fakes["get \(item.path)"] = .get(name)
            case "put", "patch": fakes["\(item.method) \(item.path)"] = .update(name)
            case "delete": fakes["delete \(item.path)"] = .delete(name)
            default: break
            }
        }
    }

    mutating func mark(_ name: String, global: Bool, file: String) {
        guard let index = collections.firstIndex(where: { $0.name == name }) else { return }
        if global { collections[index].global = true }
        if collections[index].file == nil { collections[index].file = file }
    }

    static func isObject(_ schema: JSONValue) -> Bool {
        schema["type"] == "object" || schema["properties"] != nil || schema["allOf"] != nil
    }
}
