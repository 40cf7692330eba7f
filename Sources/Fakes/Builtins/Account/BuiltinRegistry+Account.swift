extension BuiltinRegistry {
    /// The Account builtins of docs/builtins.md.
    mutating func registerAccount() {
    }
}
