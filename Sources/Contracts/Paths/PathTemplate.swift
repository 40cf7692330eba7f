/// A path with parameters, as contracts write it: `/goals/{id}:activate`.
///
/// A segment is a literal, a parameter, or a parameter followed by a literal suffix (the
/// custom-method style `{id}:activate`). Parsing reports problems instead of crashing.
///
/// ```swift
/// let template = try PathTemplate("/goals/{goalId}/kpis/{kpiId}:link")
/// template.parameterNames                  // ["goalId", "kpiId"]
/// template.expand(["goalId": "g 1", "kpiId": "k"])   // "/goals/g%201/kpis/k:link"
/// ```
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        /// A parameter, optionally with a literal prefix and suffix within the same segment.
        case parameter(name: String, prefix: String, suffix: String)
    }

    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public init(message: String) { self.message = message }
        public var description: String { message }
    }

    public let template: String
    public let segments: [Segment]

    public init(_ template: String) throws(SyntaxError) {
        guard template.hasPrefix("/") else { throw SyntaxError(message: "path must start with '/': \(template)") }
        self.template = template
        var segments: [Segment] = []
        var names: Set<String> = []
        let parts = template.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for part in parts where !(parts.count == 1 && part.isEmpty) {
            guard !part.isEmpty else { throw SyntaxError(message: "empty segment in \(template)") }
            let segment = try Self.parseSegment(part, in: template)
            if case .parameter(let name, _, _) = segment {
                guard names.insert(name).inserted else {
                    throw SyntaxError(message: "parameter {\(name)} appears twice in \(template)")
                }
            }
            segments.append(segment)
        }
        self.segments = segments
    }

    private static func parseSegment(_ part: Substring, in template: String) throws(SyntaxError) -> Segment {
        guard let open = part.firstIndex(of: "{") else {
            guard !part.contains("}") else { throw SyntaxError(message: "unbalanced '}' in \(template)") }
            return .literal(String(part))
        }
        guard let close = part[open...].firstIndex(of: "}") else {
            throw SyntaxError(message: "unbalanced '{' in \(template)")
        }
        let name = part[part.index(after: open)..<close]
        let prefix = part[..<open]
        let suffix = part[part.index(after: close)...]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw SyntaxError(message: "invalid parameter name '{\(name)}' in \(template)")
        }
        guard !suffix.contains("{"), !suffix.contains("}"), !prefix.contains("}") else {
            throw SyntaxError(message: "at most one parameter per segment in \(template)")
        }
        return .parameter(name: String(name), prefix: String(prefix), suffix: String(suffix))
    }

    public var parameterNames: [String] {
        segments.compactMap { if case .parameter(let name, _, _) = $0 { name } else { nil } }
    }

    /// The template with every parameter erased (`/goals/{}:activate`): two routes collide when these match.
    public var shape: String {
        "/" + segments.map {
            switch $0 {
            case .literal(let text): text
            case .parameter(_, let prefix, let suffix): prefix + "{}" + suffix
            }
        }.joined(separator: "/")
    }

    /// A concrete path: parameters filled in and percent-encoded; a missing one stays `{name}`.
    public func expand(_ values: [String: String]) -> String {
        "/" + segments.map {
            switch $0 {
            case .literal(let text): text
            case .parameter(let name, let prefix, let suffix):
                prefix + (values[name].map(PercentEncoding.encodeSegment) ?? "{\(name)}") + suffix
            }
        }.joined(separator: "/")
    }

    public var description: String { template }
}
