extension BuiltinRegistry {
    /// The Coaching builtins of docs/builtins.md.
    mutating func registerCoaching() {
    }
}
