extension BuiltinRegistry {
    /// The Traction builtins of docs/builtins.md.
    mutating func registerTraction() {
    }
}
