import Contracts
import JSON
import OrderedCollections

/// Examples checked against their translated schemas, replaced by made ones where they do not fit.
extension ContractTranslation {
    /// A media object's examples that fit `schema` (the others noted), or one made from the schema.
    func example(for media: JSONValue, schema: JSONValue, uri: String, at pointer: JSONPointer) -> [(name: String, value: JSONValue)] {
        var candidates: [(String, JSONValue, JSONPointer)] = []
        if let example = media["example"] { candidates.append(("default", example, pointer.appending("example"))) }
        for (name, raw) in media["examples"]?.objectValue ?? [:] {
            let at = pointer.appending("examples").appending(name)
            guard let (entry, _, _) = sources.resolve(raw, at: at, in: uri) else { continue }
            if let value = entry["value"] {
                candidates.append((name, value, at.appending("value")))
            } else if entry["externalValue"] != nil {
                notes.warn("external example values are not fetched", uri: uri, at: at.appending("externalValue"))
            }
        }
        guard let examples else { return candidates.map { ($0.0, $0.1) } }
        var kept: [(name: String, value: JSONValue)] = []
        for (name, value, at) in candidates {
            if let problem = examples.problem(value, schema) {
                notes.warn("this example does not match its schema (\(problem)); one made from the schema is used instead", uri: uri, at: at)
            } else {
                kept.append((name, value))
            }
        }
        if kept.isEmpty {
            let made = examples.synthesized(schema)
            if let problem = examples.problem(made, schema) {
                notes.warn("no example fits this schema and none could be made from it (\(problem)); lint will say where", uri: uri, at: pointer.appending("schema"))
            }
            kept = [("default", made)]
        }
        return kept.count > 1 && kept[0].name == "default" ? [(name: "example", value: kept[0].value)] + kept.dropFirst() : kept
    }
}
