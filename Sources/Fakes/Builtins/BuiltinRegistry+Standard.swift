extension BuiltinRegistry {
    /// Every builtin the shipped contracts name (see docs/builtins.md), grouped by area.
    public static let standard: BuiltinRegistry = {
        var registry = BuiltinRegistry()
        registry.registerStreams()
        registry.registerAuthentication()
        registry.registerAccount()
        registry.registerCoaching()
        registry.registerTraction()
        registry.registerOperations()
        registry.registerAnalytics()
        return registry
    }()
}
