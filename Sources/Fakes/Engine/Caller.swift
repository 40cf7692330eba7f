import Contracts
import JSON

/// Who is calling: established from the access token before a behaviour runs.
public struct Caller: Sendable, Equatable {
    public var userID: String
    public var tenantID: String
    public var email: String
    public var roles: [String]
    public var sessionID: String

    public init(userID: String, tenantID: String, email: String, roles: [String], sessionID: String) {
        self.userID = userID
        self.tenantID = tenantID
        self.email = email
        self.roles = roles
        self.sessionID = sessionID
    }
}
