/// Everything the contracts say, loaded, resolved and compiled: immutable, shared by every request.
public struct ContractSet: Sendable {
    public var services: [Service]
    public var endpoints: [Endpoint]
    public var collections: [String: ResourceCollection]
    public var flows: [Flow]

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
