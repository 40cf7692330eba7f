import Contracts
import JSON
import OrderedCollections

/// The responses of `schemas.yaml`: the document's shared ones and the refusals the mock adds.
extension ContractTranslation {
    /// The name in `schemas.yaml#/responses/` of a component response, translating it once.
    func sharedResponse(uri: String, pointer: JSONPointer, status: Int) -> String? {
        let key = "\(uri)#\(pointer)"
        if let name = responseNames[key] { return name }
        guard let value = sources.documents[uri]?.root.value(at: pointer), let (resolvedValue, resolvedURI, at) = sources.resolve(value, at: pointer, in: uri) else { return nil }
        let name = uniqueResponseName(pointer.lastToken ?? "Response")
        responseNames[key] = name
        responses[name] = ResponseTranslation(translation: self).response(resolvedValue, uri: resolvedURI, at: at, status: status, endpoint: nil)
        return name
    }

    /// A refusal the mock answers that the document does not list, in the document's own error
    /// schema when a refusal fits it, else in Understudy's.
    func refusalResponse(_ name: String, status: Int) -> String {
        if let existing = responseNames["refusal:\(status)"] { return existing }
        // The document's own response of that name (`components.responses.NotFound`) says it best.
        let own = JSONPointer(tokens: ["components", "responses", name])
        if sources.root.root.value(at: own) != nil, let shared = sharedResponse(uri: sources.root.uri, pointer: own, status: status) {
            responseNames["refusal:\(status)"] = shared
            return shared
        }
        let unique = uniqueResponseName(name)
        responseNames["refusal:\(status)"] = unique
        let (message, code, fields): (String, String, [String: String]) = switch status {
        case 400: ("Request body is not valid JSON", "MALFORMED_JSON", [:])
        case 401: ("Access token is missing or invalid", "INVALID_TOKEN", [:])
        case 404: ("Resource not found", "NOT_FOUND", [:])
        default: ("Validation failed", "VALIDATION_ERROR", ["name": "is required"])
        }
        let example = refusal.envelope.refusal(message: message, code: code, fields: fields)
        var schema = refusalSchemaReference
        if let documented = refusal.documentedSchema, refusalFitsDocument, examples?.problem(example, documented) == nil { schema = documented }
        let description = switch status {
        case 400: "The body is not valid JSON (added by the import: the mock answers it)."
        case 401: "No valid credentials (added by the import: the mock answers it)."
        case 404: "Nothing has that id (added by the import: the mock answers it)."
        default: "The request does not match the contract (added by the import: the mock answers it)."
        }
        responses[unique] = ["description": .string(description), "schema": schema, "example": example]
        return unique
    }

    /// Whether the mock's refusals match the document's own error schema.
    var refusalFitsDocument: Bool {
        guard let documented = refusal.documentedSchema, let examples else { return false }
        return examples.problem(refusal.envelope.refusal(message: "x", code: "X", fields: [:]), documented) == nil
    }

    var refusalDescription: String {
        let envelope = refusal.envelope
        return "{" + ([envelope.message] + [envelope.code, envelope.fields].compactMap { $0 }).joined(separator: ", ") + "}"
    }

    private var refusalSchemaReference: JSONValue {
        var name = "Refusal"
        var suffix = 2
        while book.schemas[name] != nil { name = "Refusal\(suffix)"; suffix += 1 }
        extraSchemas[name] = refusal.schema
        return ["$ref": .string(SchemaBook.file + "#/schemas/" + name)]
    }

    private func uniqueResponseName(_ preferred: String) -> String {
        var name = SchemaBook.safe(preferred)
        var suffix = 2
        while responses[name] != nil { name = "\(SchemaBook.safe(preferred))\(suffix)"; suffix += 1 }
        responses[name] = .null
        return name
    }
}
