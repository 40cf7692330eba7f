import Contracts
import Fakes

extension BuiltinRegistry {
    /// The Account builtins of docs/builtins.md (authentication is registered separately).
    mutating func registerAccount() {
        registerOnboarding()
    }
}
