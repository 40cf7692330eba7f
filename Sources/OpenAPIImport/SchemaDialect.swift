import Contracts
import JSON
import OrderedCollections

/// An OpenAPI schema as the contracts' JSON Schema 2020-12: OpenAPI 3.0's `nullable`, boolean
/// `exclusiveMinimum`/`exclusiveMaximum` and `example` get their 2020-12 meanings, references to
/// components (in this file or another) point into the service's `schemas.yaml`, and what JSON
/// Schema does not know (`discriminator`, `xml`, `x-…`) is left out with a note.
struct SchemaDialect {
    let sources: OpenAPISources
    let notes: ImportNotes
    let legacy: Bool
    /// Names the schemas references reach (components and other files' schemas).
    let book: SchemaBook

    func translate(_ value: JSONValue, uri: String, at pointer: JSONPointer) -> JSONValue {
        guard case .object(let members) = value else { return value }
        var out: OrderedDictionary<String, JSONValue> = [:]
        if let reference = members["$ref"]?.stringValue {
            out["$ref"] = .string(book.reference(reference, from: uri, at: pointer.appending("$ref")))
            // OpenAPI 3.0 ignores a reference's siblings; the annotations are kept for readers.
            for key in ["description", "title"] where members[key] != nil { out[key] = members[key] }
            if !legacy { for (key, child) in members where key != "$ref" && out[key] == nil { out[key] = child } }
            return nullable(.object(out), members)
        }
        for (keyword, child) in members {
            let childPointer = pointer.appending(keyword)
            if keyword.hasPrefix("x-") { continue }
            switch keyword {
            case "nullable" where legacy, "discriminator", "xml", "externalDocs":
                if keyword == "discriminator" {
                    notes.warn("the discriminator is not used: the mock validates oneOf/anyOf as plain JSON Schema", uri: uri, at: childPointer)
                } else if keyword != "nullable" {
                    notes.warn("'\(keyword)' has no JSON Schema meaning and is left out", uri: uri, at: childPointer)
                }
                continue
            case "example":
                out["examples"] = [child]
                continue
            case "exclusiveMinimum", "exclusiveMaximum":
                if case .bool(let exclusive) = child {
                    let bound = keyword == "exclusiveMinimum" ? "minimum" : "maximum"
                    if exclusive, let limit = members[bound] { out[keyword] = limit }
                    continue
                }
            case "minimum", "maximum":
                let exclusive = keyword == "minimum" ? "exclusiveMinimum" : "exclusiveMaximum"
                if members[exclusive] == .bool(true) { continue }
            default:
                break
            }
            if let mapped = SchemaKeywords.mapSubschemas(keyword, child, { value, tokens in
                translate(value, uri: uri, at: JSONPointer(tokens: childPointer.tokens + tokens))
            }) {
                out[keyword] = mapped
            } else if SchemaKeywords.role(of: keyword) == .value {
                out[keyword] = child
            } else {
                notes.warn("'\(keyword)' is not a JSON Schema 2020-12 keyword and is left out", uri: uri, at: childPointer)
            }
        }
        return legacy ? nullable(.object(out), members) : .object(out)
    }

    /// OpenAPI 3.0's `nullable: true`: null joins the types (or the enum), or, with no type to join,
    /// the schema becomes "this, or null".
    private func nullable(_ schema: JSONValue, _ original: OrderedDictionary<String, JSONValue>) -> JSONValue {
        guard legacy, original["nullable"] == .bool(true), case .object(var members) = schema else { return schema }
        if let values = members["enum"]?.arrayValue, !values.contains(.null) { members["enum"] = .array(values + [.null]) }
        switch members["type"] {
        case .string(let type)?:
            members["type"] = [.string(type), "null"]
            return .object(members)
        case .array(let types)?:
            if !types.contains("null") { members["type"] = .array(types + ["null"]) }
            return .object(members)
        default:
            return ["anyOf": [.object(members), ["type": "null"]]]
        }
    }
}
