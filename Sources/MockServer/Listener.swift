import Contracts

/// What one listening socket serves: one service (at the root and under its gateway prefix),
/// or all services under their gateway prefixes (`--port`).
public struct Listener: Sendable {
    public var name: String
    public var port: Int
    var mounts: [Mount]
    /// The one service a service listener serves; nil for the gateway listener.
    var service: String?

    /// A listener for one service: its routes at `/` and under the service's prefix.
    public static func service(_ service: Service, contracts: ContractSet, port: Int) -> Listener {
        let endpoints = contracts.endpoints(of: service.name)
        return Listener(name: service.name, port: port, mounts: [
            Mount(service: service, prefix: service.prefix, endpoints: endpoints),
            Mount(service: service, prefix: "", endpoints: endpoints),
        ], service: service.name)
    }

    /// One listener for every service, each under its gateway prefix.
    public static func gateway(_ contracts: ContractSet, port: Int) -> Listener {
        Listener(name: "gateway", port: port, mounts: contracts.services.map {
            Mount(service: $0, prefix: $0.prefix, endpoints: contracts.endpoints(of: $0.name))
        }, service: nil)
    }

    /// The same listener (name, port) over other contracts; a service they no longer declare is
    /// served with no routes (every path 404).
    public func rebuilt(for contracts: ContractSet) -> Listener {
        guard let name = service else { return .gateway(contracts, port: port) }
        guard let declared = contracts.service(named: name) else { return Listener(name: self.name, port: port, mounts: [], service: name) }
        var listener = Listener.service(declared, contracts: contracts, port: port)
        listener.name = self.name
        return listener
    }
}

/// Where a request's method and path land on a listener: what `serve` routes by and `proxy`
/// checks by — the one walk over the listener's route tables.
public enum ListenerRoute: Sendable {
    /// The endpoint, its path values and template, its service and the path below the service's prefix.
    case found(endpoint: Endpoint, parameters: [String: String], template: PathTemplate, service: Service, relativePath: Substring)
    /// The path is a contract route, but not for this method.
    case methodNotAllowed(allowed: [HTTPMethod], service: Service, relativePath: Substring)
    /// No contract route; the closest one, if any is near, and the service whose prefix the path is
    /// under (the listener's only service on a service listener), with the path below it.
    case notFound(closest: String?, service: Service?, relativePath: Substring)
}

extension Listener {
    public func match(method: HTTPMethod, path: Substring) -> ListenerRoute {
        var closest: String?
        var owner: (Service, Substring)?
        for mount in mounts {
            guard let relative = mount.relativePath(path) else { continue }
            if owner == nil, !mount.prefix.isEmpty { owner = (mount.service, relative) }
            switch mount.routes.match(method: method, path: relative) {
            case .found(let endpoint, let parameters, let template):
                return .found(endpoint: endpoint, parameters: parameters, template: template, service: mount.service, relativePath: relative)
            case .methodNotAllowed(let allowed):
                return .methodNotAllowed(allowed: allowed, service: mount.service, relativePath: relative)
            case .notFound(let suggestion):
                closest = closest ?? suggestion.map { mount.prefix + $0 }
            }
        }
        // At the root of a service listener the path is that service's.
        if owner == nil, let first = mounts.first, mounts.allSatisfy({ $0.service == first.service }) { owner = (first.service, path) }
        return .notFound(closest: closest, service: owner?.0, relativePath: owner?.1 ?? path)
    }
}
