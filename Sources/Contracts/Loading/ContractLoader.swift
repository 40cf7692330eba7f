import Foundation
import JSON
import JSONSchema

/// Loads a contracts directory into a `ContractSet`: parse → resolve → compile → check, gathering
/// every problem as a `Diagnostic` instead of stopping at the first.
///
/// ```swift
/// let result = ContractLoader.load(directory: "contracts")
/// if result.hasErrors { result.diagnostics.forEach { print($0) } }
/// let goals = result.contracts.endpoint(id: "listGoals")
/// ```
public final class ContractLoader {
    public struct Result: Sendable {
        public var contracts: ContractSet
        public var diagnostics: [Diagnostic]
        /// The parsed files by URI, with the place of every value: for tools that point into the
        /// contracts after loading (`understudy diff`). Not kept by `serve`.
        public var documents: [String: YAMLDocument] = [:]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    let directory: String
    let diagnostics = DiagnosticsCollector()
    var documents: [String: YAMLDocument] = [:]
    var compiler: SchemaCompiler
    var services: [Service] = []
    var endpoints: [Endpoint] = []
    var collections: [String: ResourceCollection] = [:]
    var flows: [Flow] = []
    var conventions = Conventions()
    var definitions: [String: FakeDefinition] = [:]
    var version: String?
    /// Every event a stream endpoint declares, for checking `emit`.
    var declaredEvents: Set<String> = []
    /// Checks that need every file parsed first (collections, endpoints, events used before declared).
    var deferredChecks: [() -> Void] = []
    /// Responses shared by `$ref` are parsed and checked once.
    var responseCache: [String: Response] = [:]
    /// Schemas already checked for keyword typos.
    var checkedSchemas: Set<String> = []

    /// The builtins `builtin:` may name; nil leaves the names unchecked (the engine that runs the
    /// contracts brings its registry's catalog).
    let builtins: BuiltinCatalog?

    init(directory: String, builtins: BuiltinCatalog? = nil) {
        self.directory = directory
        self.builtins = builtins
        self.compiler = SchemaCompiler(registry: SchemaRegistry())
    }

    /// Loads every `.yaml` file below `directory`.
    public static func load(directory: String, builtins: BuiltinCatalog? = nil) -> Result {
        let loader = ContractLoader(directory: directory, builtins: builtins)
        loader.run()
        return Result(contracts: loader.contractSet, diagnostics: loader.diagnostics.sorted, documents: loader.documents)
    }

    var contractSet: ContractSet {
        var set = ContractSet(
            services: services.sorted { $0.name < $1.name },
            endpoints: endpoints.sorted { ($0.service, $0.path.template, $0.method) < ($1.service, $1.path.template, $1.method) },
            collections: collections, flows: flows.sorted { $0.id < $1.id }, conventions: conventions,
            definitions: definitions)
        set.transitionTable = set.buildTransitionTable()
        set.version = version
        for (uri, document) in documents {
            set.sources.roots[uri] = document.root
            set.sources.paths[uri] = Self.relativePath(document.path, in: directory)
        }
        return set
    }

    private func run() {
        let paths = Self.yamlFiles(in: directory)
        guard !paths.isEmpty else {
            diagnostics.error("no .yaml contract files found", at: SourceLocation(file: directory, line: 1, column: 1))
            return
        }
        for document in YAMLDocument.loadAll(paths: paths, diagnostics: diagnostics).values {
            documents[document.uri] = document
        }
        var registry = SchemaRegistry()
        for (uri, document) in documents { registry.add(document.root, uri: uri) }
        compiler = SchemaCompiler(registry: registry)

        let servicesFile = (directory as NSString).appendingPathComponent("services.yaml")
        let servicesDocument = documents.values.first { $0.path == servicesFile }
        if let servicesDocument { parseServices(servicesDocument) } else {
            diagnostics.error("missing services.yaml (the services, ports and prefixes)", at: SourceLocation(file: directory, line: 1, column: 1))
        }
        for document in documents.values.sorted(by: { $0.path < $1.path }) where document.path != servicesFile {
            parseContractFile(document)
        }
        deferredChecks.forEach { $0() }
        checkRoutes()
        for problem in compiler.problems {
            let location = documents[problem.uri]?.location(of: problem.pointer)
                ?? SourceLocation(file: problem.uri, line: 1, column: 1)
            diagnostics.error("invalid schema: \(problem.message)", at: location)
        }
    }

    /// `traction/goals.yaml` for `<directory>/traction/goals.yaml`.
    static func relativePath(_ path: String, in directory: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : (path as NSString).lastPathComponent
    }

    static func yamlFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                paths.append((directory as NSString).appendingPathComponent(relative))
            }
        }
        return paths.sorted()
    }

    private func parseServices(_ document: YAMLDocument) {
        guard let file = ObjectReader(document.root, at: .root, in: document, what: "services.yaml", allowed: ["services", "version", "sessions", "tenancy", "pagination", "credentials", "cors", "envelope", "readiness"], diagnostics: diagnostics),
            let entries = file.mapping("services")
        else { return }
        conventions = parseConventions(file)
        version = file.string("version")
        if let value = file.value("pagination") { conventions.pagination = parsePage(value, at: file.pointer("pagination"), in: document) ?? .standard }
        for (name, value) in entries {
            let pointer = file.pointer("services").appending(name)
            guard let reader = ObjectReader(value, at: pointer, in: document, what: "service '\(name)'", allowed: ["title", "port", "prefix"], diagnostics: diagnostics)
            else { continue }
            let port = reader.integer("port")
            if reader.members["port"] == nil { reader.error("missing required key 'port'") }
            if let port, !(0...65535).contains(port) { reader.error("port \(port) is out of range", at: "port") }
            let prefix = reader.string("prefix", required: true) ?? ""
            if !prefix.isEmpty, !prefix.hasPrefix("/") { reader.error("prefix must start with '/'", at: "prefix") }
            services.append(Service(name: name, title: reader.string("title") ?? name, port: port ?? 0, prefix: prefix, location: reader.location))
        }
    }

    static let fileKeys = ["service", "tags", "endpoints", "schemas", "responses", "collections", "flows", "define"]

    private func parseContractFile(_ document: YAMLDocument) {
        guard let file = ObjectReader(document.root, at: .root, in: document, what: "contract file", allowed: Self.fileKeys, diagnostics: diagnostics)
        else { return }
        let serviceName = file.string("service")
        if let serviceName, !services.isEmpty, !services.contains(where: { $0.name == serviceName }) {
            let message = EditDistance.message("unknown service '\(serviceName)'", for: serviceName, among: services.map(\.name))
            file.error(message, at: "service")
        }
        if let schemas = file.mapping("schemas") {
            // Compiled even when unused, so a broken schema is reported where it is written.
            for name in schemas.keys { _ = compileSchema(in: document, at: file.pointer("schemas").appending(name)) }
        }
        if let definitions = file.mapping("define") {
            for (signature, value) in definitions { parseDefinition(signature, value, at: file.pointer("define").appending(signature), in: document) }
        }
        if let collections = file.mapping("collections") {
            for (name, value) in collections { parseCollection(name: name, value: value, at: file.pointer("collections").appending(name), in: document) }
        }
        if let endpoints = file.mapping("endpoints") {
            if serviceName == nil, !file.has("service") { file.error("a file with endpoints needs 'service'") }
            let tags = file.stringList("tags")
            for (id, value) in endpoints {
                parseEndpoint(id: id, value: value, at: file.pointer("endpoints").appending(id), in: document, service: serviceName ?? "", fileTags: tags)
            }
        }
        if let flows = file.mapping("flows") {
            for (id, value) in flows { parseFlow(id: id, value: value, at: file.pointer("flows").appending(id), in: document) }
        }
        if file.has("responses") { _ = file.mapping("responses") }
    }

    private func checkRoutes() {
        var tables: [String: RouteTable<String>] = [:]
        var ids: [String: SourceLocation] = [:]
        for endpoint in endpoints.sorted(by: { $0.location < $1.location }) {
            if let previous = ids[endpoint.id] {
                diagnostics.error("duplicate endpoint id '\(endpoint.id)' (first declared at \(previous))", at: endpoint.location)
            } else {
                ids[endpoint.id] = endpoint.location
            }
            for template in endpoint.allPaths {
                if let other = tables[endpoint.service, default: RouteTable()].add(template, method: endpoint.method, value: endpoint.id) {
                    diagnostics.error(
                        "route \(endpoint.method.rawValue) \(template.template) of '\(endpoint.id)' collides with endpoint '\(other)'",
                        at: endpoint.location)
                }
            }
        }
    }
}
