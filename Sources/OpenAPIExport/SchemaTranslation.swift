import Contracts
import JSON
import OrderedCollections

/// A contract schema (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses) carried into the
/// document: unchanged but for its `$ref`s, which are rewritten to `#/components/schemas/…` when
/// they name a file's shared schema and inlined otherwise.
enum SchemaTranslation {
    static func translate(_ source: SchemaSource, book: inout ComponentBook) -> JSONValue {
        translate(source.value, base: source.documentURI, book: &book)
    }

    static func translate(_ value: JSONValue, base: String, book: inout ComponentBook, depth: Int = 0) -> JSONValue {
        guard case .object(let members) = value else { return value }
        var out: OrderedDictionary<String, JSONValue> = [:]
        for (keyword, child) in members {
            if let mapped = SchemaKeywords.mapSubschemas(keyword, child, { value, _ in translate(value, base: base, book: &book, depth: depth) }) {
                out[keyword] = mapped
                continue
            }
            guard keyword == "$ref", case .string(let reference) = child else {
                out[keyword] = child
                continue
            }
            guard let (uri, pointer) = book.sources.target(of: reference, from: base),
                  let target = book.sources.value(at: uri, pointer)
            else {
                out[keyword] = child
                continue
            }
            if pointer.tokens.count == 2, pointer.tokens[0] == "schemas" {
                out["$ref"] = .string("#/components/schemas/\(book.schemaName(uri: uri, pointer: pointer, value: target))")
            } else if depth < 16 {
                // A reference into the middle of something: its target, inline.
                for (key, value) in translate(target, base: uri, book: &book, depth: depth + 1).objectValue ?? [:] where out[key] == nil {
                    out[key] = value
                }
            }
        }
        return .object(out)
    }
}
