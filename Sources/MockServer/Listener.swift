import Contracts

/// What one listening socket serves: one service (at the root and under its gateway prefix),
/// or all services under their gateway prefixes (`--port`).
public struct Listener: Sendable {
    public var name: String
    public var port: Int
    var mounts: [Mount]

    /// A listener for one service: its routes at `/` and under the service's prefix.
    public static func service(_ service: Service, contracts: ContractSet, port: Int) -> Listener {
        let endpoints = contracts.endpoints(of: service.name)
        return Listener(name: service.name, port: port, mounts: [
            Mount(service: service, prefix: service.prefix, endpoints: endpoints),
            Mount(service: service, prefix: "", endpoints: endpoints),
        ])
    }

    /// One listener for every service, each under its gateway prefix.
    public static func gateway(_ contracts: ContractSet, port: Int) -> Listener {
        Listener(name: "gateway", port: port, mounts: contracts.services.map {
            Mount(service: $0, prefix: $0.prefix, endpoints: contracts.endpoints(of: $0.name))
        })
    }
}

/// Where a request's method and path land on a listener: what `serve` routes by and `proxy`
/// checks by — the same route tables.
public enum ListenerRoute: Sendable {
    /// The endpoint, its path values, its service and the path below the service's prefix.
    case found(endpoint: Endpoint, parameters: [String: String], service: Service, relativePath: Substring)
    /// The path is a contract route, but not for this method.
    case methodNotAllowed(allowed: [HTTPMethod])
    /// No contract route; the closest one, if any is near.
    case notFound(closest: String?, service: Service?)
}

extension Listener {
    public func match(method: HTTPMethod, path: Substring) -> ListenerRoute {
        var closest: String?
        // The service an unmatched path is for: the one whose prefix it is under, or the
        // listener's only service.
        var owner: Service? = Set(mounts.map(\.service.name)).count == 1 ? mounts.first?.service : nil
        for mount in mounts {
            guard let relative = mount.relativePath(path) else { continue }
            if owner == nil, !mount.prefix.isEmpty { owner = mount.service }
            switch mount.routes.match(method: method, path: relative) {
            case .found(let endpoint, let parameters, _):
                return .found(endpoint: endpoint, parameters: parameters, service: mount.service, relativePath: relative)
            case .methodNotAllowed(let allowed):
                return .methodNotAllowed(allowed: allowed)
            case .notFound(let suggestion):
                closest = closest ?? suggestion.map { mount.prefix + $0 }
            }
        }
        return .notFound(closest: closest, service: owner)
    }
}
