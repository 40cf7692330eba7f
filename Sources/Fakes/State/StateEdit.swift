import JSON

/// One change a builtin asks for, as a value. A builtin decides on a read of the state and returns
/// its edits; the engine applies them under the same lock, in order — the builtin never writes the
/// state itself ("the state machine returns an action").
///
/// ```swift
/// try call.change { state throws(FakeError) in
///     guard state.account(email: email) == nil else { throw .validation(["email": "taken"]) }
///     return [.addTenant(id: tenantID, name: name), .putAccount(account)]
/// }
/// ```
public enum StateEdit: Sendable {
    /// A new tenant, seeded with the system records every tenant has.
    case addTenant(id: String, name: String)
    case putAccount(Account)
    case putRecord(tenant: String, collection: String, id: String, record: JSONValue)
    case setSingleton(tenant: String, collection: String, record: JSONValue)
    case putEmailToken(String, SessionBook.EmailToken)
    /// A single-use email token is used up.
    case useEmailToken(String)
    /// A refresh token is used up (its exchange happened).
    case useRefreshToken(String)
    /// A session ends: its access tokens stop working, its refresh tokens are revoked.
    case endSession(String)
    /// A session's refresh tokens are revoked; its access tokens live out their time.
    case revokeRefresh(sessionID: String)
    /// Every session of a user ends (a password reset).
    case endSessions(userID: String)

    func apply(to state: inout FakeState) {
        switch self {
        case .addTenant(let id, let name): state.addTenant(id: id, name: name)
        case .putAccount(let account): state.accounts[account.id] = account
        case .putRecord(let tenant, let collection, let id, let record): state.tenants[tenant]?.put(collection, id: id, record)
        case .setSingleton(let tenant, let collection, let record): state.tenants[tenant]?.setSingleton(collection, record)
        case .putEmailToken(let token, let record): state.sessions.emailTokens[token] = record
        case .useEmailToken(let token): state.sessions.emailTokens[token]?.used = true
        case .useRefreshToken(let id): state.sessions.markUsed(refreshID: id)
        case .endSession(let id): state.sessions.revoke(sessionID: id)
        case .revokeRefresh(let id): state.sessions.revokeRefresh(sessionID: id)
        case .endSessions(let userID): state.sessions.revokeAll(userID: userID)
        }
    }
}
