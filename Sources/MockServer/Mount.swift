import Contracts

/// One service reachable on a listener, under a path prefix ("" at the root), with its routes.
/// Immutable and shared: every request walks the listener's mounts.
final class Mount: Sendable {
    let service: Service
    let prefix: String
    let routes: RouteTable<Endpoint>

    init(service: Service, prefix: String, endpoints: [Endpoint]) {
        self.service = service
        self.prefix = prefix
        var routes = RouteTable<Endpoint>()
        for endpoint in endpoints {
            for template in endpoint.allPaths { routes.add(template, method: endpoint.method, value: endpoint) }
        }
        self.routes = routes
    }

    /// The path below the prefix, when the request is for this mount.
    func relativePath(_ path: Substring) -> Substring? {
        guard !prefix.isEmpty else { return path }
        // Byte-wise: the prefix is ASCII, and Character comparison would walk grapheme clusters.
        guard path.utf8.starts(with: prefix.utf8) else { return nil }
        let rest = path[path.utf8.index(path.startIndex, offsetBy: prefix.utf8.count)...]
        guard let next = rest.utf8.first else { return "/" }
        return next == UInt8(ascii: "/") ? rest : nil
    }
}
