import Contracts
import Foundation
import JSON
import OrderedCollections

/// Stage 3 of an import: the checked document as contracts — services.yaml, the service's
/// `schemas.yaml` (components and shared responses), one contract file per tag with its endpoints
/// and collections — and the fixtures that seed those collections from the examples.
final class ContractTranslation {
    let sources: OpenAPISources
    let notes: ImportNotes
    let service: String
    let book: SchemaBook
    let dialect: SchemaDialect
    private(set) var security: SecurityMapping
    private(set) var refusal: RefusalShape
    /// Set once the schemas are settled: examples are checked and made from here on.
    private(set) var examples: ExampleCheck?
    /// The responses of `schemas.yaml`, by name.
    private(set) var responses: OrderedDictionary<String, JSONValue> = [:]
    private var responseNames: [String: String] = [:]
    /// Events of stream endpoints, by endpoint id, as `events:` of the contract.
    private(set) var events: [String: JSONValue] = [:]
    /// What a stream promises (`x-understudy-stream`), by endpoint id, as `stream:` of the contract.
    private(set) var streams: [String: JSONValue] = [:]
    private var currentID = ""
    /// Schemas the translation adds (the refusal schema).
    private(set) var extraSchemas: OrderedDictionary<String, JSONValue> = [:]

    init(sources: OpenAPISources, notes: ImportNotes, service: String, legacy: Bool) {
        self.sources = sources
        self.notes = notes
        self.service = service
        book = SchemaBook(sources: sources, notes: notes)
        dialect = SchemaDialect(sources: sources, notes: notes, legacy: legacy, book: book)
        book.dialect = dialect
        security = SecurityMapping(root: sources.root.root, sources: sources, notes: notes)
        refusal = RefusalShape(operations: [], sources: sources, properties: { _ in [:] }, translate: { value, _, _ in value })
    }

    var credentialHeader: String? { if case .header(let name, _)? = security.header { name } else { nil } }
    /// The tenant header and query parameter an exported document declares (`x-understudy-conventions`):
    /// conventions, not parameters of each endpoint.
    var tenancy: (header: String?, query: String?, parameter: String?) {
        let tenancy = sources.root.root["x-understudy-conventions"]?["tenancy"]
        return (tenancy?["header"]?.stringValue, tenancy?["query"]?.stringValue, tenancy?["parameter"]?.stringValue)
    }
    var queryCredential: String? { security.query }

    // MARK: The whole translation

    func run() -> ImportedContracts {
        let operations = OperationInventory.operations(in: sources, notes: notes)
        var auths: [AuthRequirement] = []
        for operation in operations { auths.append(security.auth(of: operation.operation, at: operation.pointer)) }
        let ids = Self.endpointIDs(operations, notes: notes)
        // Pass 1 reaches every schema (so `schemas.yaml` is complete before examples are checked).
        for (index, operation) in operations.enumerated() {
            currentID = ids[index]
            _ = EndpointTranslation(translation: self).endpoint(operation, id: ids[index], auth: auths[index], fake: nil)
        }
        book.settle()
        refusal = RefusalShape(operations: operations, sources: sources, properties: properties(of:),
                               translate: { [dialect] value, uri, pointer in dialect.translate(value, uri: uri, at: pointer) })
        book.settle()
        responses = [:]
        responseNames = [:]
        events = [:]
        streams = [:]
        examples = ExampleCheck(schemas: ["schemas": .object(book.schemas.merging(extraSchemas) { $1 })])
        var inference = ResourceInference(operations: operations, successSchema: successSchema(of:), properties: properties(of:), resolve: resolved(_:))
        // Pass 2: the endpoints as written.
        var files: OrderedDictionary<String, OrderedDictionary<String, JSONValue>> = [:]
        var fileOfEndpoint: [String: String] = [:]
        for (index, operation) in operations.enumerated() {
            currentID = ids[index]
            let fake = inference.fakes["\(operation.method) \(operation.path)"]
            let file = Self.fileName(operation)
            files[file, default: [:]][ids[index]] = EndpointTranslation(translation: self).endpoint(operation, id: ids[index], auth: auths[index], fake: fake)
            fileOfEndpoint[ids[index]] = file
            if let fake { inference.mark(fake.collection, global: !auths[index].isProtected, file: file) }
        }
        examples = ExampleCheck(schemas: ["schemas": .object(book.schemas.merging(extraSchemas) { $1 })])
        let seeding = FixtureSeeding(translation: self, inference: inference, operations: operations, ids: ids, files: files, fileOfEndpoint: fileOfEndpoint)
        return ImportedContracts(translation: self, files: files, collections: inference.collections, records: seeding.records())
    }

    static func endpointIDs(_ operations: [ImportedOperation], notes: ImportNotes) -> [String] {
        var taken: Set<String> = []
        return operations.map { operation in
            let written = operation.operation["operationId"]?.stringValue
            var id = written.map { EndpointNaming.identifier($0, capitalizeFirst: false) } ?? EndpointNaming.fallback(method: operation.method, path: operation.path)
            if let written, written != id {
                notes.warn("operationId '\(written)' becomes the endpoint id '\(id)' (ids are identifiers)", at: operation.pointer.appending("operationId"))
            }
            let base = id
            var suffix = 2
            while !taken.insert(id).inserted { id = "\(base)\(suffix)"; suffix += 1 }
            return id
        }
    }

    /// The contract file an operation goes in: its first tag, else its first path segment.
    static func fileName(_ operation: ImportedOperation) -> String {
        let tag = operation.operation["tags"]?[0]?.stringValue
        // The first word of the path, past version segments (`/2.0/users`, `/v1/pets`).
        let segment = operation.literalSegments.first { segment in
            guard let first = segment.first, first.isLetter else { return false }
            return !(first == "v" && segment.dropFirst().allSatisfy { $0.isNumber || $0 == "." } && segment.count > 1)
        }
        let name = (tag ?? segment ?? "api").lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let cleaned = String(name).split(separator: "-").joined(separator: "-")
        return cleaned.isEmpty || cleaned == "schemas" ? "api" : cleaned
    }

    // MARK: Schemas, as the inference and the envelope read them

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

    // MARK: Examples

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

    // MARK: Shared responses and refusals

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

    // MARK: Streams

    /// The events of a `text/event-stream` answer described as `openapi export` writes them (a
    /// `oneOf` of `{event: {const: NAME}, data}`); a stream described otherwise is noted.
    func recordEvents(_ media: JSONValue, uri: String, at pointer: JSONPointer, operation: ImportedOperation) {
        var declared: OrderedDictionary<String, JSONValue> = [:]
        for (index, branch) in (media["schema"]?["oneOf"]?.arrayValue ?? []).enumerated() {
            guard let name = branch["properties"]?["event"]?["const"]?.stringValue else { continue }
            var event: OrderedDictionary<String, JSONValue> = [:]
            if let description = branch["description"]?.stringValue { event["description"] = .string(description) }
            let dataPointer = pointer.appending("schema").appending("oneOf").appending(index).appending("properties").appending("data")
            if let data = branch["properties"]?["data"] {
                let translated = dialect.translate(data, uri: uri, at: dataPointer)
                event["schema"] = translated
                if let example = media["examples"]?[name]?["value"]?["data"], examples?.problem(example, translated) == nil {
                    event["example"] = example
                } else if let examples {
                    event["example"] = examples.synthesized(translated)
                }
            }
            declared[name] = .object(event)
        }
        guard !declared.isEmpty else {
            notes.warn("this event stream does not describe its events (one oneOf branch per event, as `openapi export` writes); the mock answers its example", uri: uri, at: pointer)
            return
        }
        events[currentID] = .object(declared)
        if let promise = media["x-understudy-stream"] {
            var stream: OrderedDictionary<String, JSONValue> = [:]
            if let ids = promise["ids"] { stream["ids"] = ids }
            if let replay = promise["replay"] { stream["replay"] = replay }
            if let heartbeat = promise["heartbeatSeconds"] { stream["heartbeat"] = heartbeat }
            streams[currentID] = .object(stream)
        }
    }
}
