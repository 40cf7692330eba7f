import Contracts
import Foundation
import JSON

/// The builtins by name: the public registration API through which an API's code-only behaviours
/// reach the engine. PurposePath's are `BuiltinRegistry.purposePath` (target PurposePathFakes); a
/// team with another API builds its own registry the same way and hands it to `FakeEngine`.
///
/// ```swift
/// var registry = BuiltinRegistry()
/// registry.register("echo", description: "Answers the request body.") { call in call.data(call.body) }
/// let engine = try FakeEngine(contracts: set, scenarios: scenarios, scenario: "default", tokens: tokens, builtins: registry)
/// let report = Linter.lint(contracts: "contracts", builtins: registry.catalog)
/// ```
public struct BuiltinRegistry: Sendable {
    public private(set) var handlers: [String: Builtin] = [:]
    /// What each builtin does, for `lint` (unknown names) and `lint --builtins`.
    public private(set) var catalog = BuiltinCatalog()
    /// Builtins whose answer depends only on the caller's tenant, the request and the day: their
    /// answers are cached until the tenant changes (`ReadCache`).
    public private(set) var tenantReads: Set<String> = []

    public init() {}

    /// `tenantRead`: the handler only reads the caller's tenant (no caller-, clock- or random-
    /// dependent output beyond the day), so its answer may be reused until the tenant changes.
    public mutating func register(_ name: String, description: String, tenantRead: Bool = false, _ handler: @escaping Builtin) {
        handlers[name] = handler
        catalog.add(name, description: description)
        if tenantRead { tenantReads.insert(name) } else { tenantReads.remove(name) }
    }

    public subscript(name: String) -> Builtin? { handlers[name] }
}
