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
    var responses: OrderedDictionary<String, JSONValue> = [:]
    var responseNames: [String: String] = [:]
    /// Events of stream endpoints, by endpoint id, as `events:` of the contract.
    var events: [String: JSONValue] = [:]
    /// What a stream promises (`x-understudy-stream`), by endpoint id, as `stream:` of the contract.
    var streams: [String: JSONValue] = [:]
    var currentID = ""
    /// Schemas the translation adds (the refusal schema).
    var extraSchemas: OrderedDictionary<String, JSONValue> = [:]

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
}
