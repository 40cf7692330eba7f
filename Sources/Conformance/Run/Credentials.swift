import Contracts

/// How the runner signs in: a login through the contract's `login` endpoint, or a given token.
public enum Credentials: Sendable {
    case login(email: String, password: String)
    case token(String, tenant: String)
    case none

    public var email: String? { if case .login(let email, _) = self { email } else { nil } }
    public var password: String? { if case .login(_, let password) = self { password } else { nil } }
}
