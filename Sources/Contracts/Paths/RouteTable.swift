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

    @usableFromInline var tree = RouteTree()
    @usableFromInline var values: [Value] = []

    public init() {}

    /// Adds a route; returns the value already registered for the same method and shape, if any.
    @discardableResult
    public mutating func add(_ template: PathTemplate, method: HTTPMethod, value: Value) -> Value? {
        if let existing = tree.add(template, method: method, index: values.count) { return values[existing] }
        values.append(value)
        return nil
    }

    /// Matches a request path (without query string). Segments are percent-decoded after splitting.
    /// Inlinable so the caller's `Value` is specialised: the request path runs through here.
    @inlinable
    public func match(method: HTTPMethod, path: Substring) -> Match {
        switch tree.match(method: method, path: path) {
        case .found(let index, let parameters, let template): .found(value: values[index], parameters: parameters, template: template)
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed: allowed)
        case .notFound: .notFound(closest: closest(to: path))
        }
    }

    public func match(method: HTTPMethod, path: String) -> Match { match(method: method, path: path[...]) }

    /// The registered template most similar to `path` (edit distance), for 404 messages.
    public func closest(to path: Substring) -> String? {
        tree.templates.min { EditDistance.between(Substring($0.template), path) < EditDistance.between(Substring($1.template), path) }?
            .template
    }
}
