import Foundation

/// Server-side memory of issued tokens, so rotation and revocation work like the real service:
/// a refresh token is good once, logout ends the session, email tokens are single-use.
public struct SessionBook: Sendable {
    public enum RefreshState: String, Sendable { case unused, used, revoked }

    public struct RefreshToken: Sendable {
        public var userID: String
        public var sessionID: String
        public var expires: Date
        public var state: RefreshState

        public init(userID: String, sessionID: String, expires: Date, state: RefreshState) {
            self.userID = userID
            self.sessionID = sessionID
            self.expires = expires
            self.state = state
        }
    }

    public struct EmailToken: Sendable {
        public enum Kind: String, Sendable { case confirmation, reset }
        public var kind: Kind
        public var userID: String
        public var expires: Date
        public var used: Bool

        public init(kind: Kind, userID: String, expires: Date, used: Bool) {
            self.kind = kind
            self.userID = userID
            self.expires = expires
            self.used = used
        }
    }

    public var refreshTokens: [String: RefreshToken] = [:]
    public var revokedSessions: Set<String> = []
    public var emailTokens: [String: EmailToken] = [:]

    public init() {}

    /// The refresh token's record if it may still be exchanged (unused, unexpired, its session alive).
    public func redeemable(refreshID: String, now: Date) -> RefreshToken? {
        guard let token = refreshTokens[refreshID], token.state == .unused, token.expires > now,
            !revokedSessions.contains(token.sessionID)
        else { return nil }
        return token
    }

    /// Marks a refresh token used (unless `serve --mutate` keeps sessions alive for this request).
    public mutating func markUsed(refreshID: String) {
        guard EngineBends.current.endsSessions else { return }
        refreshTokens[refreshID]?.state = .used
    }

    /// Revokes a session's refresh tokens (logout): it cannot be renewed; its access tokens live out their TTL.
    public mutating func revokeRefresh(sessionID: String) {
        guard EngineBends.current.endsSessions else { return }
        for (id, token) in refreshTokens where token.sessionID == sessionID { refreshTokens[id]?.state = .revoked }
    }

    /// Ends a session: its access tokens stop working and its refresh tokens are revoked.
    public mutating func revoke(sessionID: String) {
        guard EngineBends.current.endsSessions else { return }
        revokedSessions.insert(sessionID)
        for (id, token) in refreshTokens where token.sessionID == sessionID { refreshTokens[id]?.state = .revoked }
    }

    /// Ends every session of a user (password reset).
    public mutating func revokeAll(userID: String) {
        for token in refreshTokens.values where token.userID == userID { revoke(sessionID: token.sessionID) }
    }
}
