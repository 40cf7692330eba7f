/// The matching half of `RouteTable`, free of its generic value so the compiler specialises it
/// once, here: a route resolves to the index of its value.
///
/// A tree of path segments: literal children by text, parameter children by their literal affixes
/// (longest first), and at each node the routes by method.
@usableFromInline
struct RouteTree: Sendable {
    @usableFromInline
    enum Match {
        case found(index: Int, parameters: [String: String], template: PathTemplate)
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private struct Route: Sendable {
        var index: Int
        var template: PathTemplate
    }

    private struct ParameterEdge: Sendable {
        var prefix: String
        var suffix: String
        var node: Int
    }

    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameters: [ParameterEdge] = []
        var routes: [HTTPMethod: Route] = [:]
    }

    private var nodes: [Node] = [Node()]
    private(set) var templates: [PathTemplate] = []

    /// Adds a route; returns the index already registered for the same method and shape, if any.
    mutating func add(_ template: PathTemplate, method: HTTPMethod, index: Int) -> Int? {
        var current = 0
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                if let next = nodes[current].literals[text] {
                    current = next
                } else {
                    nodes.append(Node())
                    nodes[current].literals[text] = nodes.count - 1
                    current = nodes.count - 1
                }
            case .parameter(_, let prefix, let suffix):
                if let edge = nodes[current].parameters.first(where: { $0.prefix == prefix && $0.suffix == suffix }) {
                    current = edge.node
                } else {
                    nodes.append(Node())
                    nodes[current].parameters.append(ParameterEdge(prefix: prefix, suffix: suffix, node: nodes.count - 1))
                    nodes[current].parameters.sort { ($0.prefix.count + $0.suffix.count) > ($1.prefix.count + $1.suffix.count) }
                    current = nodes.count - 1
                }
            }
        }
        if let existing = nodes[current].routes[method] { return existing.index }
        nodes[current].routes[method] = Route(index: index, template: template)
        templates.append(template)
        return nil
    }

    @usableFromInline
    func match(method: HTTPMethod, path: Substring) -> Match {
        var segments: [String] = []
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first?.isEmpty == true { parts.removeFirst() }
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        if parts.count == 1, parts[0].isEmpty { parts.removeAll() }
        segments.reserveCapacity(parts.count)
        for part in parts {
            guard let decoded = PercentEncoding.decode(part) else { return .notFound }
            segments.append(decoded)
        }
        var values: [String] = []
        var firstPathMatch: Int?
        if let node = search(node: 0, segments: segments[...], values: &values, method: method, firstPathMatch: &firstPathMatch),
            let route = nodes[node].routes[method]
        {
            var parameters: [String: String] = [:]
            for (name, value) in zip(route.template.parameterNames, values) { parameters[name] = value }
            return .found(index: route.index, parameters: parameters, template: route.template)
        }
        if let node = firstPathMatch {
            return .methodNotAllowed(allowed: nodes[node].routes.keys.sorted())
        }
        return .notFound
    }

    /// The node holding a route for `method` below `node`, capturing parameter values on the way.
    private func search(
        node: Int, segments: ArraySlice<String>, values: inout [String], method: HTTPMethod, firstPathMatch: inout Int?
    ) -> Int? {
        guard let segment = segments.first else {
            guard !nodes[node].routes.isEmpty else { return nil }
            if nodes[node].routes[method] != nil { return node }
            if firstPathMatch == nil { firstPathMatch = node }
            return nil
        }
        let rest = segments.dropFirst()
        if let next = nodes[node].literals[segment],
            let found = search(node: next, segments: rest, values: &values, method: method, firstPathMatch: &firstPathMatch)
        {
            return found
        }
        for edge in nodes[node].parameters {
            // Byte-wise: affixes are ASCII literals, and Character counting would walk the segment.
            let bytes = segment.utf8
            guard bytes.count > edge.prefix.utf8.count + edge.suffix.utf8.count,
                bytes.starts(with: edge.prefix.utf8), bytes.reversed().starts(with: edge.suffix.utf8.reversed())
            else { continue }
            let start = bytes.index(bytes.startIndex, offsetBy: edge.prefix.utf8.count)
            let end = bytes.index(bytes.endIndex, offsetBy: -edge.suffix.utf8.count)
            values.append(String(segment[start..<end]))
            if let found = search(node: edge.node, segments: rest, values: &values, method: method, firstPathMatch: &firstPathMatch) {
                return found
            }
            values.removeLast()
        }
        return nil
    }
}
