import Contracts
import JSON
import OrderedCollections

/// An operation's documented answers as contract responses: one per status (`2XX` → 200 with a
/// note), shared ones as `$ref`s into `schemas.yaml#/responses/…`, the `default` answer kept for
/// the refusals the mock adds, a stream's events (as `openapi export` describes them) as events.
struct ResponseTranslation {
    let translation: ContractTranslation

    func responses(_ operation: ImportedOperation) -> OrderedDictionary<String, JSONValue> {
        var out: OrderedDictionary<String, JSONValue> = [:]
        let sources = translation.sources
        for (key, raw) in operation.operation["responses"]?.objectValue ?? [:] {
            let pointer = operation.pointer.appending("responses").appending(key)
            guard key != "default" else { continue }
            var status = key
            if key.count == 3, key.uppercased().hasSuffix("XX"), let digit = key.first {
                status = "\(digit)00"
                translation.notes.warn("the range \(key) is taken as \(status)", at: pointer)
            }
            guard let code = Int(status), (100...599).contains(code) else {
                translation.notes.warn("'\(key)' is not a status; left out", at: pointer)
                continue
            }
            if out[status] != nil { continue }
            if let reference = raw["$ref"]?.stringValue, let (uri, target) = sources.sourceDocuments.target(of: reference, from: sources.root.uri),
               target.tokens.count == 3, target.tokens[0] == "components", target.tokens[1] == "responses",
               let name = translation.sharedResponse(uri: uri, pointer: target, status: code) {
                out[status] = ["$ref": .string(SchemaBook.file + "#/responses/" + name)]
                continue
            }
            guard let (value, uri, at) = sources.resolve(raw, at: pointer, in: sources.root.uri) else {
                translation.notes.warn("this response's $ref points at nothing; left out", at: pointer)
                continue
            }
            out[status] = response(value, uri: uri, at: at, status: code, endpoint: operation)
        }
        if translation.examples != nil, operation.operation["responses"]?["default"] != nil, !translation.refusalFitsDocument {
            translation.notes.warn("the `default` answer names no status, and its schema does not accept the mock's refusals, which are \(translation.refusalDescription)", at: operation.pointer.appending("responses").appending("default"))
        }
        return out
    }

    func response(_ value: JSONValue, uri: String, at pointer: JSONPointer, status: Int, endpoint: ImportedOperation?) -> JSONValue {
        var out: OrderedDictionary<String, JSONValue> = ["description": .string(value["description"]?.stringValue ?? "Status \(status)")]
        let content = value["content"]
        if let (type, media) = MediaSelection.json(in: content) {
            let mediaPointer = pointer.appending("content").appending(type)
            if let schema = media["schema"] {
                let translated = translation.dialect.translate(schema, uri: uri, at: mediaPointer.appending("schema"))
                out["schema"] = translated
                let examples = translation.example(for: media, schema: translated, uri: uri, at: mediaPointer)
                if examples.count == 1, examples[0].name == "default" {
                    out["example"] = examples[0].value
                } else if !examples.isEmpty {
                    out["examples"] = .object(OrderedDictionary(uniqueKeysWithValues: examples.map { ($0.name, $0.value) }))
                }
            } else if let example = media["example"] ?? media["examples"]?.objectValue?.values.first?["value"] {
                out["example"] = example
            }
            if type != "application/json" { out["contentType"] = .string(type) }
        } else if let stream = content?["text/event-stream"] {
            out["contentType"] = "text/event-stream"
            if let endpoint { translation.recordEvents(stream, uri: uri, at: pointer.appending("content").appending("text/event-stream"), operation: endpoint) }
        } else if let types = content?.objectValue?.keys, !types.isEmpty {
            if types.count == 1, let type = types.first { out["contentType"] = .string(type) }
            translation.notes.warn("only JSON bodies are translated (this answer is \(types.joined(separator: ", "))); the mock answers it with no body", uri: uri, at: pointer.appending("content"))
        }
        if let headers = value["headers"]?.objectValue, !headers.isEmpty {
            var translated: OrderedDictionary<String, JSONValue> = [:]
            for (name, raw) in headers {
                let headerPointer = pointer.appending("headers").appending(name)
                guard let (header, headerURI, headerAt) = translation.sources.resolve(raw, at: headerPointer, in: uri) else { continue }
                var entry: OrderedDictionary<String, JSONValue> = [:]
                if header["required"] == .bool(true) { entry["required"] = true }
                if let schema = header["schema"] { entry["schema"] = translation.dialect.translate(schema, uri: headerURI, at: headerAt.appending("schema")) }
                if let description = header["description"]?.stringValue { entry["description"] = .string(description) }
                if let example = header["example"] { entry["example"] = example }
                translated[name] = .object(entry)
            }
            out["headers"] = .object(translated)
        }
        if value["links"] != nil { translation.notes.warn("links are not translated: the contracts describe no links between answers", uri: uri, at: pointer.appending("links")) }
        return .object(out)
    }
}
