/// The one path matcher: compiled once from templates, matched per request without allocation-heavy work.
///
/// Literal segments win over parameters, longer literal affixes over shorter ones, so
/// `/goals/stats` beats `/goals/{id}` and `/goals/{id}:activate` beats `/goals/{id}`.
///
/// ```swift
/// var table = RouteTable<String>()
/// table.add(try PathTemplate("/goals/{id}:activate"), method: .POST, value: "activateGoal")
/// table.match(method: .POST, path: "/goals/goal_1%3Aactivate")
/// // .found(value: "activateGoal", parameters: ["id": "goal_1"], template: …)
/// ```
public struct RouteTable<Value: Sendable>: Sendable {
    public enum Match: Sendable {
        case found(value: Value, parameters: [String: String], template: PathTemplate)
        /// The path exists, but not for this method.
        case methodNotAllowed(allowed: [HTTPMethod])
        /// Nothing matches; `closest` is the most similar known template, for the error message.
        case notFound(closest: String?)
    }

    private struct Route: Sendable {
        var value: Value
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
    private var templates: [PathTemplate] = []

    public init() {}

    /// Adds a route; returns the value already registered for the same method and shape, if any.
    @discardableResult
    public mutating func add(_ template: PathTemplate, method: HTTPMethod, value: Value) -> Value? {
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
        if let existing = nodes[current].routes[method] { return existing.value }
        nodes[current].routes[method] = Route(value: value, template: template)
        templates.append(template)
        return nil
    }

    /// Matches a request path (without query string). Segments are percent-decoded after splitting.
    public func match(method: HTTPMethod, path: Substring) -> Match {
        var segments: [String] = []
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first?.isEmpty == true { parts.removeFirst() }
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        if parts.count == 1, parts[0].isEmpty { parts.removeAll() }
        segments.reserveCapacity(parts.count)
        for part in parts {
            guard let decoded = PercentEncoding.decode(part) else { return .notFound(closest: closest(to: path)) }
            segments.append(decoded)
        }
        var values: [String] = []
        var firstPathMatch: Int?
        if let (node, captured) = search(node: 0, segments: segments[...], values: &values, method: method, firstPathMatch: &firstPathMatch),
            let route = nodes[node].routes[method]
        {
            var parameters: [String: String] = [:]
            for (name, value) in zip(route.template.parameterNames, captured) { parameters[name] = value }
            return .found(value: route.value, parameters: parameters, template: route.template)
        }
        if let node = firstPathMatch {
            return .methodNotAllowed(allowed: nodes[node].routes.keys.sorted())
        }
        return .notFound(closest: closest(to: path))
    }

    public func match(method: HTTPMethod, path: String) -> Match { match(method: method, path: path[...]) }

    private func search(
        node: Int, segments: ArraySlice<String>, values: inout [String], method: HTTPMethod, firstPathMatch: inout Int?
    ) -> (Int, [String])? {
        guard let segment = segments.first else {
            guard !nodes[node].routes.isEmpty else { return nil }
            if nodes[node].routes[method] != nil { return (node, values) }
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
            let value = String(segment[start..<end])
            values.append(value)
            if let found = search(node: edge.node, segments: rest, values: &values, method: method, firstPathMatch: &firstPathMatch) {
                return found
            }
            values.removeLast()
        }
        return nil
    }

    /// The registered template most similar to `path` (edit distance), for 404 messages.
    public func closest(to path: Substring) -> String? {
        templates.min { EditDistance.between(Substring($0.template), path) < EditDistance.between(Substring($1.template), path) }?
            .template
    }
}
