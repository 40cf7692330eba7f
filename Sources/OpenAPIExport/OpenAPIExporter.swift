import Contracts
import JSON
import OrderedCollections

/// The contracts as an OpenAPI 3.1.0 document: what client generators, portals and API testers read.
///
/// ```swift
/// let exporter = OpenAPIExporter(contracts: loaded.contracts)
/// let document = exporter.document(.service("traction"))   // or .all, under the gateway prefixes
/// print(document.jsonString(pretty: true))
/// ```
///
/// Shared schemas, shared responses and the tenant header become `components` and are `$ref`'d;
/// the fake behind an endpoint travels as `x-understudy-fake`, flows stay out.
public struct OpenAPIExporter: Sendable {
    public let contracts: ContractSet

    public init(contracts: ContractSet) {
        self.contracts = contracts
    }

    /// The services one document covers.
    public enum Scope: Sendable, Equatable {
        case service(String)
        /// Every service in one document, its paths under the gateway prefixes.
        case all

        /// `all`, or a service of services.yaml; nil for anything else.
        public init?(_ name: String, in contracts: ContractSet) {
            if name == "all" { self = .all; return }
            guard contracts.service(named: name) != nil else { return nil }
            self = .service(name)
        }
    }

    /// The OpenAPI document for `scope`, members in the order a reader expects.
    public func document(_ scope: Scope) -> JSONValue {
        let services = scope == .all ? contracts.services : contracts.services.filter { scope == .service($0.name) }
        var components = ComponentBook(sources: contracts.sources)
        let operations = OperationTranslation(contracts: contracts)
        var paths: OrderedDictionary<String, OrderedDictionary<String, JSONValue>> = [:]
        var tags: [String] = []
        for service in services {
            for endpoint in contracts.endpoints(of: service.name) {
                let path = (scope == .all ? service.prefix : "") + endpoint.path.template
                paths[path, default: [:]][endpoint.method.rawValue.lowercased()] = operations.operation(endpoint, components: &components)
                for tag in endpoint.tags where !tags.contains(tag) { tags.append(tag) }
            }
        }
        var document: OrderedDictionary<String, JSONValue> = [
            "openapi": "3.1.0",
            "info": info(services, scope: scope),
            "servers": .array(servers(services, scope: scope)),
        ]
        if !tags.isEmpty { document["tags"] = .array(tags.map { ["name": .string($0)] }) }
        document["paths"] = .object(paths.mapValues { .object($0) })
        document["x-understudy-conventions"] = ConventionsTranslation.json(contracts.conventions)
        document["components"] = components.json(security: SecurityTranslation(conventions: contracts.conventions).schemes(for: contracts.endpoints.filter { endpoint in services.contains { $0.name == endpoint.service } }))
        return .object(document)
    }

    private func info(_ services: [Service], scope: Scope) -> JSONValue {
        let title = scope == .all ? services.map(\.title).joined(separator: ", ") : services.first?.title ?? "API"
        return [
            "title": .string(scope == .all ? "\(title) APIs" : "\(title) API"),
            "version": .string(contracts.version ?? "0.0.0"),
            "description": .string("Written by `understudy openapi export` from the contracts; the contracts are the source of truth."),
        ]
    }

    private func servers(_ services: [Service], scope: Scope) -> [JSONValue] {
        guard scope != .all else {
            return [["url": "http://localhost:{port}", "description": "understudy serve --port PORT (every service under its gateway prefix)",
                     "variables": ["port": ["default": "8080"]]]]
        }
        return services.map { service in
            ["url": .string("http://localhost:\(service.port)"), "description": .string("\(service.title) on its local default port (understudy serve)")]
        }
    }
}
