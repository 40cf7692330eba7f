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
