import JSON
import JSONSchema

extension ContractLoader {
    static let collectionKeys = ["schema", "idPrefix", "idField", "singleton", "global", "parent", "description", "timestamps", "parameters", "noun", "idType"]

    func parseCollection(name: String, value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "collection '\(name)'", allowed: Self.collectionKeys, diagnostics: diagnostics)
        else { return }
        if let existing = collections[name] {
            reader.error("collection '\(name)' is already declared at \(existing.location)")
            return
        }
        if !reader.has("schema") { reader.error("missing required key 'schema' in collection '\(name)'") }
        let schema = reader.has("schema") ? compileSchema(in: document, at: reader.pointer("schema")) : nil
        var parent: (String, String)?
        if let parentValue = reader.value("parent"),
            let parentReader = ObjectReader(parentValue, at: reader.pointer("parent"), in: document, what: "parent", allowed: ["collection", "field"], diagnostics: diagnostics),
            let collection = parentReader.string("collection", required: true),
            let field = parentReader.string("field", required: true)
        {
            parent = (collection, field)
            deferredChecks.append { [unowned self] in
                if collections[collection] == nil {
                    parentReader.error(unknownCollectionMessage(collection), at: "collection")
                }
            }
        }
        let timestamps: (String, String)? = switch reader.choice("timestamps", among: ["camelCase", "snake_case", "none"]) {
        case "snake_case": ("created_at", "updated_at")
        case "none": nil
        default: ("createdAt", "updatedAt")
        }
        let singleton = reader.bool("singleton") ?? false
        let global = reader.bool("global") ?? false
        if singleton, parent != nil { reader.error("a singleton collection cannot have a parent") }
        var collection = ResourceCollection(
            name: name, schema: schema, idPrefix: reader.string("idPrefix") ?? "\(name)_",
            idField: reader.string("idField") ?? "id", singleton: singleton, global: global, parent: parent, timestamps: timestamps,
            location: reader.location)
        collection.parameters = reader.stringList("parameters")
        if reader.choice("idType", among: ["string", "integer"]) == "integer" {
            collection.integerIDs = true
            if reader.has("idPrefix") { reader.error("an idPrefix needs string ids; remove it or idType: integer", at: "idPrefix") }
        }
        collection.noun = reader.string("noun")
        let parameters = collection.parameters
        deferredChecks.append { [unowned self] in
            for parameter in parameters {
                if let other = collections.values.first(where: { $0.name != name && $0.parameters.contains(parameter) }) {
                    reader.error("path parameter '\(parameter)' already addresses collection '\(other.name)'", at: "parameters")
                }
            }
        }
        collections[name] = collection
    }

    func unknownCollectionMessage(_ name: String) -> String {
        EditDistance.message("unknown collection '\(name)'", for: name, among: collections.keys)
    }
}
