import Contracts

/// `--only` / `--skip`: a pattern matches a service name, an endpoint id, a tag, or (starting with `/`) a path glob.
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
        if pattern.hasPrefix("/") { return endpoint.allPaths.contains { glob(pattern, $0.template) } }
        return pattern == endpoint.service || pattern == endpoint.id || endpoint.tags.contains(pattern)
    }

    /// `*` matches any run of characters (including `/`); everything else literally.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == t[ti] { pi += 1; ti += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
