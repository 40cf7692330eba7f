import Contracts

/// `--only` / `--skip`: a pattern matches a service name, an endpoint id, a tag, or (starting with `/`) a
/// path glob (`PathGlob`, as `serve --fail path=…` reads it: `*` any run, `?` one character).
public struct CaseFilter: Sendable {
    public var only: [String]
    public var skip: [String]

    public init(only: [String] = [], skip: [String] = []) {
        self.only = only
        self.skip = skip
    }

    /// Whether the endpoint is kept.
    public func includes(_ endpoint: Endpoint) -> Bool {
        if !only.isEmpty, !only.contains(where: { Self.matches($0, endpoint) }) { return false }
        return !skip.contains { Self.matches($0, endpoint) }
    }

    static func matches(_ pattern: String, _ endpoint: Endpoint) -> Bool {
        if pattern.hasPrefix("/") { return endpoint.allPaths.contains { PathGlob(pattern).matches($0.template) } }
        return pattern == endpoint.service || pattern == endpoint.id || endpoint.tags.contains(pattern)
    }
}
