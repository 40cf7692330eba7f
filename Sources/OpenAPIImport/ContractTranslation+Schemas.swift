import Contracts
import JSON
import OrderedCollections

/// The translated schemas as the inference and the envelope read them: references followed, members gathered.
extension ContractTranslation {
    /// A translated schema with its `$ref`s (into `schemas.yaml`) followed.
    func resolved(_ schema: JSONValue) -> JSONValue {
        var current = schema
        var hops = 0
        while let reference = current["$ref"]?.stringValue, reference.hasPrefix(SchemaBook.file + "#"), hops < 16 {
            let pointer = JSONPointer(String(reference.dropFirst(SchemaBook.file.count + 1)))
            guard let target = JSONValue.object(["schemas": .object(book.schemas.merging(extraSchemas) { $1 })]).value(at: pointer) else { break }
            current = target
            hops += 1
        }
        return current
    }

    /// The members a schema declares, through `$ref`, `allOf` and 3.0's nullable wrapper.
    func properties(of schema: JSONValue) -> OrderedDictionary<String, JSONValue> {
        properties(of: schema, depth: 0)
    }

    private func properties(of schema: JSONValue, depth: Int) -> OrderedDictionary<String, JSONValue> {
        guard depth < 12 else { return [:] }
        let value = resolved(schema)
        var members: OrderedDictionary<String, JSONValue> = [:]
        for part in value["allOf"]?.arrayValue ?? [] { members.merge(properties(of: part, depth: depth + 1)) { $1 } }
        if let branch = value["anyOf"]?.arrayValue, branch.count == 2, branch.contains(["type": "null"]) {
            members.merge(properties(of: branch.first { $0 != ["type": "null"] } ?? [:], depth: depth + 1)) { $1 }
        }
        for (key, property) in value["properties"]?.objectValue ?? [:] { members[key] = resolved(property) }
        return members
    }

    /// An operation's first 2xx JSON answer's schema, translated.
    func successSchema(of operation: ImportedOperation) -> JSONValue? {
        for (key, raw) in operation.operation["responses"]?.objectValue ?? [:] where key.hasPrefix("2") {
            let pointer = operation.pointer.appending("responses").appending(key)
            guard let (value, uri, at) = sources.resolve(raw, at: pointer, in: sources.root.uri),
                  let (type, media) = MediaSelection.json(in: value["content"]), let schema = media["schema"]
            else { continue }
            return dialect.translate(schema, uri: uri, at: at.appending("content").appending(type).appending("schema"))
        }
        return nil
    }
}
