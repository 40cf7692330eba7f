/// Everything the contracts say, loaded, resolved and compiled: immutable, shared by every request.
public struct ContractSet: Sendable {
    public var services: [Service]
    public var endpoints: [Endpoint]
    public var collections: [String: ResourceCollection]
    public var flows: [Flow]
    /// How clients sign in and name their tenant (`services.yaml`).
    public var conventions: Conventions = Conventions()
    /// The contracts' named expressions (`define:`), by name.
    public var definitions: [String: FakeDefinition] = [:]
    /// The moves of every `transition` fake, by `collection.field`, for `allowsTransition(…)`.
    public var transitionTable: [String: [Transition]] = [:]
    /// The parsed documents, for translations that keep shared schemas shared (OpenAPI export).
    public var sources = SourceDocuments()
    /// The API's version (services.yaml `version:`), for documents that name one.
    public var version: String?

    public func service(named name: String) -> Service? { services.first { $0.name == name } }
    public func endpoint(id: String) -> Endpoint? { endpoints.first { $0.id == id } }
    public func endpoints(of service: String) -> [Endpoint] { endpoints.filter { $0.service == service } }

    /// One line per endpoint, `SERVICE METHOD PATH`, sorted: what `understudy routes` prints.
    /// With `includeAliases`, each alias adds a line of its own.
    public func routeLines(includeAliases: Bool = false) -> [String] {
        endpoints.flatMap { endpoint in
            (includeAliases ? endpoint.allPaths : [endpoint.path]).map {
                "\(endpoint.service) \(endpoint.method.rawValue) \($0.template)"
            }
        }.sorted()
    }
}

extension ContractSet {
    /// The protected endpoints forged tokens are sent to: per service, the first `perService` GETs
    /// (by path) that need no path value and no query parameter — auth is all they test. `verify`
    /// probes them and `serve --mutate accept-forged` breaks one of them, so both pick the same.
    public func tokenProbes(perService: Int) -> [Endpoint] {
        services.flatMap { service in
            endpoints(of: service.name)
                .filter { $0.auth.isProtected && $0.method == .GET && $0.path.parameterNames.isEmpty && !$0.query.contains(where: \.required) && $0.auth != .query }
                .sorted { $0.path.template < $1.path.template }
                .prefix(perService)
        }
    }
}
