import Contracts
import Fakes

extension BuiltinRegistry {
    /// Every builtin the shipped PurposePath contracts name (see docs/builtins.md), grouped by area.
    ///
    /// ```swift
    /// let engine = try FakeEngine(contracts: set, scenarios: scenarios, scenario: "default", tokens: tokens,
    ///                             builtins: .purposePath)
    /// ```
    public static let purposePath: BuiltinRegistry = {
        var registry = BuiltinRegistry()
        registry.registerAuthentication()
        registry.registerCoaching()
        registry.registerAnalytics()
        return registry
    }()
}
