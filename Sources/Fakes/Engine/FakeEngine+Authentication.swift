import Contracts
import Foundation
import JSON

extension FakeEngine {
    /// Establishes the caller of a protected endpoint, or refuses as the real services do:
    /// missing/invalid/expired/revoked token → 401, `X-Tenant-Id` not the token's tenant → 403,
    /// a non-admin on an admin endpoint → 403. `auth: query` reads `access_token` and `tenant`.
    public func authenticate(
        _ auth: AuthRequirement, bearer: String?, tenant: String?
    ) async throws(FakeError) -> Caller? {
        guard auth.isProtected else { return nil }
        guard let token = bearer, !token.isEmpty else {
            let credentials = contracts.conventions.credentials
            throw .unauthorized(auth == .query ? "\(credentials.query) query parameter is required" : "\(credentials.header): \(credentials.scheme) token is required")
        }
        guard let claims = await tokens.verify(token, type: "access", now: now) else {
            throw .unauthorized("Access token is invalid or expired")
        }
        let sessionRevoked = store.read { $0.sessions.revokedSessions.contains(claims.sid) }
        if sessionRevoked { throw .unauthorized("Session has ended; log in again") }
        // The tenant and statuses services.yaml `tenancy` declares; an API without it takes the
        // token's tenant.
        if let tenancy = contracts.conventions.tenancy {
            guard let tenant, !tenant.isEmpty else {
                let name = auth == .query ? tenancy.query.map { "\($0) query parameter" } ?? "tenant" : "\(tenancy.header) header"
                throw FakeError(status: tenancy.missing, "\(name) is required", code: "TENANT_REQUIRED")
            }
            guard tenant == claims.tenant else {
                throw FakeError(status: tenancy.foreign, "You do not have access to tenant '\(tenant)'", code: "INSUFFICIENT_PERMISSIONS")
            }
        }
        if auth == .admin, !claims.roles.contains("admin") { throw .forbidden("This endpoint requires the admin role") }
        return Caller(userID: claims.sub.value, tenantID: claims.tenant, email: claims.email, roles: claims.roles, sessionID: claims.sid)
    }

    /// Opens a session for an account: a signed token pair the session book remembers.
    public func openSession(for account: Account) async throws(FakeError) -> TokenService.IssuedPair {
        try await issuePair(for: account, session: IDGenerator.make(prefix: "sess_"))
    }

    public func issuePair(for account: Account, session: String) async throws(FakeError) -> TokenService.IssuedPair {
        let now = self.now
        let pair: TokenService.IssuedPair
        do {
            pair = try await tokens.issue(for: account, session: session, now: now)
        } catch {
            throw .internalError("could not sign tokens: \(error)")
        }
        try store.mutate { (state: inout FakeState) throws(FakeError) in
            state.sessions.refreshTokens[pair.refreshID] = .init(userID: account.id, sessionID: session, expires: pair.refreshExpires, state: .unused)
        }
        return pair
    }
}
