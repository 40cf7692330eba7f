import Contracts
import JSON
import JSONSchema
import OrderedCollections

/// How the imported API refuses, so the mock's own refusals (401, 404, 422, 400) look like the
/// API's: read from the schema of its `default` or first 4xx JSON answer — the string member that
/// carries the message (`message`, `error`, `detail`, …), a string `code`, an object of field errors.
/// Where the document shows none, Understudy's `{error, code, errors}`.
struct RefusalShape {
    var envelope: EnvelopeConventions
    /// The `default` (or 4XX) answer's translated schema, used for the statuses the mock adds
    /// when a refusal of `envelope` fits it.
    var documentedSchema: JSONValue?

    static let messageNames = ["message", "error", "detail", "title", "description", "msg", "error_description"]

    init(operations: [ImportedOperation], sources: OpenAPISources, properties: (JSONValue) -> OrderedDictionary<String, JSONValue>,
         translate: (JSONValue, String, JSONPointer) -> JSONValue) {
        envelope = EnvelopeConventions(flag: nil, data: nil)
        for operation in operations {
            for (status, raw) in operation.operation["responses"]?.objectValue ?? [:] where status == "default" || status.hasPrefix("4") {
                let pointer = operation.pointer.appending("responses").appending(status)
                guard let response = sources.resolve(raw, at: pointer, in: sources.root.uri),
                      let (mediaType, media) = MediaSelection.json(in: response.value["content"]), let schema = media["schema"]
                else { continue }
                let translated = translate(schema, response.uri, response.pointer.appending("content").appending(mediaType).appending("schema"))
                let members = properties(translated)
                guard let message = Self.messageNames.first(where: { members[$0]?["type"] == "string" }) else { continue }
                envelope.message = message
                envelope.code = members["code"]?["type"] == "string" ? "code" : nil
                envelope.fields = ["errors", "fields", "details"].first { members[$0]?["type"] == "object" }
                documentedSchema = translated
                return
            }
        }
    }

    /// Understudy's refusal schema in the inferred envelope, for statuses the document leaves out.
    var schema: JSONValue {
        var properties: OrderedDictionary<String, JSONValue> = [envelope.message: ["type": "string"]]
        if let code = envelope.code { properties[code] = ["type": "string"] }
        if let fields = envelope.fields { properties[fields] = ["type": "object", "additionalProperties": ["type": "string"]] }
        return ["type": "object", "required": [.string(envelope.message)], "properties": .object(properties)]
    }

    /// services.yaml's `envelope`: answers bare, refusals as inferred.
    var declaration: JSONValue {
        ["data": .null, "error": .string(envelope.message), "code": envelope.code.map(JSONValue.string) ?? .null,
         "fields": envelope.fields.map(JSONValue.string) ?? .null]
    }
}

/// The JSON media type of a `content` map: `application/json` first, then any `…+json` or `…json…`.
enum MediaSelection {
    static func json(in content: JSONValue?) -> (String, JSONValue)? {
        guard let content = content?.objectValue else { return nil }
        if let media = content["application/json"] { return ("application/json", media) }
        return content.first { $0.key.lowercased().contains("json") }.map { ($0.key, $0.value) }
    }
}
