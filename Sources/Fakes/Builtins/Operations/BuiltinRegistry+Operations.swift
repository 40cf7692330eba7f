extension BuiltinRegistry {
    /// The Operations builtins of docs/builtins.md.
    mutating func registerOperations() {
    }
}
