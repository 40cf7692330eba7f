/// The behaviours implemented in code that contracts may name with `fake: { builtin: … }`, by
/// name with a one-line description: what the linter checks `builtin:` names against.
///
/// The catalog is not a list kept here: it comes from the `BuiltinRegistry` the engine runs with
/// (`registry.catalog`), so the linter and the engine can never disagree about which builtins exist.
///
/// ```swift
/// let report = Linter.lint(contracts: "contracts", builtins: BuiltinRegistry.purposePath.catalog)
/// ```
public struct BuiltinCatalog: Sendable {
    public private(set) var descriptions: [String: String]

    public init(_ descriptions: [String: String] = [:]) { self.descriptions = descriptions }

    /// Adds (or redescribes) one builtin.
    public mutating func add(_ name: String, description: String) { descriptions[name] = description }

    public func description(of name: String) -> String? { descriptions[name] }

    public var names: [String] { descriptions.keys.sorted() }
}
