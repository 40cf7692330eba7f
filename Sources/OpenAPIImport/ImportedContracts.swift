import Contracts
import Foundation
import JSON
import OrderedCollections

/// Stage 4 of an import: what it writes — `contracts/` and `fixtures/default/` — as files.
///
/// ```swift
/// let result = OpenAPIImporter.run(file: "petstore.yaml", service: nil)
/// try result.contracts?.write(to: "imported")    // imported/contracts/…, imported/fixtures/default/…
/// ```
public struct ImportedContracts: Sendable {
    /// Relative path → file text, in the order they are written.
    public let files: [(path: String, text: String)]
    public let service: String

    init(translation: ContractTranslation, files endpointFiles: OrderedDictionary<String, OrderedDictionary<String, JSONValue>>,
         collections: [ResourceInference.Collection], records: OrderedDictionary<String, [JSONValue]>) {
        let service = translation.service
        self.service = service
        let root = translation.sources.root
        let source = (root.path as NSString).lastPathComponent
        let info = root.root["info"]
        let heading = "# Imported from \(source) (OpenAPI \(root.root["openapi"]?.stringValue ?? "?"), \(info?["title"]?.stringValue ?? "untitled") \(info?["version"]?.stringValue ?? "")) by `understudy openapi import`.\n"
        var files: [(String, String)] = []
        func add(_ path: String, _ comment: String, _ value: JSONValue) {
            let body = (try? YAMLText.write(value)) ?? value.jsonString(pretty: true)
            files.append((path, heading + comment + body))
        }

        var services: OrderedDictionary<String, JSONValue> = [:]
        if let version = info?["version"] { services["version"] = .string(version.stringValue ?? version.jsonString()) }
        let port = Self.port(of: root.root["servers"]?[0]?["url"]?.stringValue)
        services["services"] = [service: ["title": .string(info?["title"]?.stringValue ?? service), "port": .integer(port), "prefix": ""]]
        // A document `openapi export` wrote carries the conventions OpenAPI has no words for.
        let declared = root.root["x-understudy-conventions"]
        if let tenancy = declared?["tenancy"] { services["tenancy"] = tenancy }
        if let credentials = declared?["credentials"] ?? translation.security.credentials { services["credentials"] = credentials }
        services["envelope"] = declared?["envelope"] ?? translation.refusal.declaration
        add("contracts/services.yaml", """
            # Answers are bare (as the document shows them); the mock's refusals carry the message in
            # `\(translation.refusal.envelope.message)`. Tokens: POST /__understudy/token (docs/serve.md).\n
            """, .object(services))

        var shared: OrderedDictionary<String, JSONValue> = ["service": .string(service)]
        let schemas = translation.book.schemas.merging(translation.extraSchemas) { $1 }
        if !schemas.isEmpty { shared["schemas"] = .object(schemas) }
        let responses = translation.responses.filter { $0.value != .null }
        if !responses.isEmpty { shared["responses"] = .object(responses) }
        add("contracts/\(service)/\(SchemaBook.file)", "# The document's components: schemas and shared responses.\n", .object(shared))

        let byName = Dictionary(uniqueKeysWithValues: collections.map { ($0.name, $0) })
        var parameterOwners: [String: String] = [:]
        for (file, endpoints) in endpointFiles {
            var contract: OrderedDictionary<String, JSONValue> = ["service": .string(service), "tags": [.string(file)]]
            let mine = collections.filter { ($0.file ?? endpointFiles.keys.first) == file }
            if !mine.isEmpty {
                contract["collections"] = .object(OrderedDictionary(uniqueKeysWithValues: mine.map { collection in
                    (collection.name, Self.declaration(collection, owners: &parameterOwners))
                }))
            }
            contract["endpoints"] = .object(endpoints.mapValues { Self.withParent($0, collections: byName) })
            add("contracts/\(service)/\(file).yaml", "", .object(contract))
        }

        add("fixtures/default/scenario.yaml", "", [
            "scenario": ["title": .string("Imported from \(source)"), "description": .string("Seeded from the document's examples (values made from the schemas where it shows none).")],
            "tenants": ["default": ["name": "Default tenant"]],
        ])
        var tenantData: OrderedDictionary<String, JSONValue> = [:]
        var globalData: OrderedDictionary<String, JSONValue> = [:]
        for collection in collections {
            let list = JSONValue.array(records[collection.name] ?? [])
            if collection.global { globalData[collection.name] = list } else { tenantData[collection.name] = list }
        }
        var fixtures: OrderedDictionary<String, JSONValue> = [:]
        if !tenantData.isEmpty { fixtures["tenants"] = ["default": ["data": .object(tenantData)]] }
        if !globalData.isEmpty { fixtures["global"] = ["data": .object(globalData)] }
        if !fixtures.isEmpty { add("fixtures/default/\(service).yaml", "# The records the collections start with, from the document's examples.\n", .object(fixtures)) }
        self.files = files
    }

    private static func declaration(_ collection: ResourceInference.Collection, owners: inout [String: String]) -> JSONValue {
        var out: OrderedDictionary<String, JSONValue> = ["schema": collection.schema]
        if collection.idField != "id" { out["idField"] = .string(collection.idField) }
        if collection.integerIDs { out["idType"] = "integer" }
        if collection.timestamps != "camelCase" { out["timestamps"] = .string(collection.timestamps) }
        if collection.global { out["global"] = true }
        if let parent = collection.parent { out["parent"] = ["collection": .string(parent.collection), "field": .string(parent.parameter)] }
        if let parameter = collection.itemParameter, parameter != "id", owners[parameter] == nil {
            owners[parameter] = collection.name
            out["parameters"] = [.string(parameter)]
        }
        return .object(out)
    }

    /// A child collection's fakes name the parent record from the path.
    private static func withParent(_ endpoint: JSONValue, collections: [String: ResourceInference.Collection]) -> JSONValue {
        guard case .object(var members) = endpoint, case .object(var fake) = members["fake"],
              let name = ["list", "get", "create", "update", "delete"].lazy.compactMap({ fake[$0]?.stringValue }).first,
              let parent = collections[name]?.parent
        else { return endpoint }
        fake["parent"] = ["collection": .string(parent.collection), "id": .string("{{path.\(parent.parameter)}}")]
        members["fake"] = .object(fake)
        return .object(members)
    }

    static func port(of url: String?) -> Int {
        guard let url, let components = URLComponents(string: url), let port = components.port, (1...65535).contains(port) else { return 8080 }
        return port
    }

    /// Writes every file below `directory` (made as needed).
    public func write(to directory: String) throws {
        for (path, text) in files {
            let file = (directory as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        }
    }
}
