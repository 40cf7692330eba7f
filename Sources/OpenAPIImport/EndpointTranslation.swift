import Contracts
import JSON
import OrderedCollections

/// One operation as a contract endpoint: id, texts, method and path, auth, query and header
/// parameters, body, responses (with the refusals the mock adds), and its fake.
struct EndpointTranslation {
    let translation: ContractTranslation

    var notes: ImportNotes { translation.notes }

    func endpoint(_ operation: ImportedOperation, id: String, auth: AuthRequirement, fake: ResourceInference.Fake?) -> JSONValue {
        let op = operation.operation
        var endpoint: OrderedDictionary<String, JSONValue> = [:]
        let summary = op["summary"]?.stringValue ?? op["description"]?.stringValue?.split(separator: "\n").first.map(String.init)
        endpoint["summary"] = .string(summary ?? "\(operation.method.uppercased()) \(operation.path)")
        if let description = op["description"]?.stringValue, description != summary { endpoint["description"] = .string(description) }
        endpoint["method"] = .string(operation.method.uppercased())
        endpoint["path"] = .string(operation.path)
        if let aliases = op["x-understudy-aliases"]?.arrayValue, !aliases.isEmpty { endpoint["aliases"] = .array(aliases) }
        endpoint["auth"] = .string(auth == .tenant && op["x-understudy-roles"]?.arrayValue?.contains("admin") == true ? "admin" : auth.rawValue)
        var query: OrderedDictionary<String, JSONValue> = [:]
        var headers: OrderedDictionary<String, JSONValue> = [:]
        let credentialHeader = translation.credentialHeader?.lowercased()
        for parameter in operation.parameters {
            guard let name = parameter.value["name"]?.stringValue else { continue }
            switch parameter.value["in"]?.stringValue {
            case "query"?:
                if auth == .query, name == translation.queryCredential || name == translation.tenancy.query { continue }
                query[name] = self.parameter(parameter)
            case "header"?:
                if ["authorization", "content-type", "accept", credentialHeader, translation.tenancy.header?.lowercased()].contains(name.lowercased()) { continue }
                headers[name] = self.parameter(parameter)
            case "cookie"?:
                notes.warn("cookie parameters are not translated: the mock reads no cookies", uri: parameter.uri, at: parameter.pointer)
            default:
                continue
            }
        }
        var path: OrderedDictionary<String, JSONValue> = [:]
        for parameter in operation.parameters where parameter.value["in"] == "path" {
            guard let name = parameter.value["name"]?.stringValue, operation.path.contains("{\(name)}") else { continue }
            var declared = self.parameter(parameter).objectValue ?? [:]
            declared.removeValue(forKey: "required")
            // `verify` needs a value where no fixture record names one: the example, else one made from the schema.
            if declared["example"] == nil, let schema = declared["schema"], let examples = translation.examples {
                let made = examples.synthesized(schema, name: name)
                if examples.problem(made, schema) == nil, made.stringValue != nil || made.intValue != nil { declared["example"] = made }
            }
            path[name] = .object(declared)
        }
        if !path.isEmpty { endpoint["pathParameters"] = .object(path) }
        if !query.isEmpty { endpoint["query"] = .object(query) }
        if !headers.isEmpty { endpoint["headers"] = .object(headers) }
        let body = op["requestBody"].flatMap { self.body($0, at: operation.pointer.appending("requestBody")) }
        if let body { endpoint["body"] = body }
        let validatesInput = body?["schema"] != nil || query.values.contains { $0["required"] == true } || headers.values.contains { $0["required"] == true }
        var responses = ResponseTranslation(translation: translation).responses(operation)
        // The refusals the mock answers, where the document leaves them out (lint wants them declared).
        // A parameter naming the caller's own tenant addresses nothing.
        let addresses = operation.path.contains("{") && operation.path.split(separator: "{").dropFirst().contains { part in
            let name = part.split(separator: "}").first.map(String.init)
            return name != translation.tenancy.parameter
        }
        var added: [(Int, String)] = []
        if auth.isProtected { added.append((401, "Unauthorized")) }
        if addresses, auth.isProtected || fake != nil { added.append((404, "NotFound")) }
        if validatesInput { added.append((422, "ValidationFailed")) }
        for (status, name) in added where responses[String(status)] == nil {
            responses[String(status)] = ["$ref": .string(SchemaBook.file + "#/responses/" + translation.refusalResponse(name, status: status))]
        }
        if !responses.keys.contains(where: { $0.hasPrefix("2") }) {
            notes.warn("no 2xx answer is documented; the mock answers 200 with no body", at: operation.pointer.appending("responses"))
            responses["200"] = ["description": "OK (added by the import: the document names no success)"]
        }
        endpoint["responses"] = .object(OrderedDictionary(uniqueKeysWithValues: responses.sorted { $0.key < $1.key }))
        endpoint["fake"] = self.fake(fake, responses: responses, id: id)
        if endpoint["fake"]?["stream"] != nil {
            endpoint["channel"] = .string(id)
            if let events = translation.events[id] { endpoint["events"] = events }
            if let stream = translation.streams[id] { endpoint["stream"] = stream }
        }
        return .object(endpoint)
    }

    private func parameter(_ parameter: (value: JSONValue, uri: String, pointer: JSONPointer)) -> JSONValue {
        var out: OrderedDictionary<String, JSONValue> = [:]
        if parameter.value["required"] == .bool(true) { out["required"] = true }
        var schema: JSONValue? = parameter.value["schema"].map { translation.dialect.translate($0, uri: parameter.uri, at: parameter.pointer.appending("schema")) }
        if schema == nil, let (type, media) = MediaSelection.json(in: parameter.value["content"]), let inner = media["schema"] {
            schema = translation.dialect.translate(inner, uri: parameter.uri, at: parameter.pointer.appending("content").appending(type).appending("schema"))
            notes.warn("a parameter given as JSON content is validated as its schema, not parsed as JSON", uri: parameter.uri, at: parameter.pointer.appending("content"))
        }
        if let schema { out["schema"] = schema }
        if let description = parameter.value["description"]?.stringValue { out["description"] = .string(description) }
        let example = parameter.value["example"] ?? parameter.value["examples"]?.objectValue?.values.first.flatMap {
            translation.sources.resolve($0, at: parameter.pointer, in: parameter.uri)?.value["value"]
        }
        if let example, let schema {
            if let problem = translation.examples?.problem(example, schema) {
                notes.warn("the parameter's example does not match its schema (\(problem)); left out", uri: parameter.uri, at: parameter.pointer.appending("example"))
            } else {
                out["example"] = example
            }
        } else if let example {
            out["example"] = example
        }
        return .object(out)
    }

    private func body(_ raw: JSONValue, at pointer: JSONPointer) -> JSONValue? {
        guard let (value, uri, at) = translation.sources.resolve(raw, at: pointer, in: translation.sources.root.uri) else {
            notes.warn("the request body's $ref points at nothing; left out", at: pointer)
            return nil
        }
        guard let (type, media) = MediaSelection.json(in: value["content"]) else {
            let types = (value["content"]?.objectValue?.keys).map { $0.joined(separator: ", ") } ?? "none"
            notes.warn("only JSON request bodies are translated (this one is \(types)); the mock takes the request without checking its body", uri: uri, at: at.appending("content"))
            return nil
        }
        var out: OrderedDictionary<String, JSONValue> = [:]
        let mediaPointer = at.appending("content").appending(type)
        if let schema = media["schema"] {
            let translated = translation.dialect.translate(schema, uri: uri, at: mediaPointer.appending("schema"))
            out["schema"] = translated
            out["example"] = translation.example(for: media, schema: translated, uri: uri, at: mediaPointer).first?.value
        } else if let example = media["example"] {
            out["example"] = example
        }
        if let description = value["description"]?.stringValue { out["description"] = .string(description) }
        out["required"] = .bool(value["required"] == .bool(true))
        if type != "application/json" { out["contentType"] = .string(type) }
        return .object(out)
    }

    private func fake(_ fake: ResourceInference.Fake?, responses: OrderedDictionary<String, JSONValue>, id: String) -> JSONValue {
        switch fake {
        case .list(let name)?: return ["list": .string(name)]
        case .get(let name)?: return ["get": .string(name)]
        case .create(let name)?: return ["create": .string(name)]
        case .update(let name)?: return ["update": .string(name)]
        case .delete(let name)?: return ["delete": .string(name)]
        case nil:
            if translation.events[id] != nil { return ["stream": [:]] }
            let success = responses.keys.filter { $0.hasPrefix("2") }.sorted().first.flatMap { Int($0) } ?? 200
            return ["respond": .integer(success)]
        }
    }
}
