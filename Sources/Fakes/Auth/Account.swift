/// Someone who can log in: a scenario user or a registered one.
public struct Account: Sendable, Hashable {
    public enum Status: String, Sendable { case active, pendingVerification = "pending_verification" }

    public var id: String
    public var email: String
    /// Nil for accounts created through Google sign-in.
    public var password: String?
    public var tenantID: String
    public var roles: [String]
    public var status: Status

    public init(id: String, email: String, password: String?, tenantID: String, roles: [String], status: Status) {
        self.id = id
        self.email = email
        self.password = password
        self.tenantID = tenantID
        self.roles = roles
        self.status = status
    }

    public var isAdmin: Bool { roles.contains("admin") }
}
