import CivilTime
import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// Login, Google login, registration, refresh rotation, logout and the email-token flows.
    mutating func registerAuthentication() {
        register("login", description: "Checks email and password against the scenario users; issues an access and a refresh token.") { call throws(FakeError) in
            let email = call.body["email"]?.stringValue ?? ""
            let password = call.body["password"]?.stringValue ?? ""
            let account = call.read { $0.account(email: email) }
            guard let account, let expected = account.password, expected == password else {
                throw .unauthorized("Invalid email or password", code: "INVALID_CREDENTIALS")
            }
            guard account.status == .active else {
                throw .forbidden("Confirm your email address before logging in", code: "EMAIL_NOT_VERIFIED")
            }
            return try await call.signIn(account)
        }

        register("googleLogin", description: "Accepts any Google token (a JWT's email, or a bare email); logs in or signs up that user.") { call throws(FakeError) in
            guard let identity = GoogleIdentity(token: call.body["token"]?.stringValue ?? "") else {
                throw .unauthorized("Google token carries no email", code: "INVALID_TOKEN")
            }
            if let account = call.read({ $0.account(email: identity.email) }) {
                return try await call.signIn(account)
            }
            let account = try call.createAccount(
                email: identity.email, password: nil, firstName: identity.givenName, lastName: identity.familyName,
                avatarURL: identity.picture, verified: true, tenantNameSuffix: "'s Workspace")
            return try await call.signIn(account)
        }

        register("register", description: "Creates a tenant and a user; answers tokens, or the email-verification shape for '+verify' emails.") { call throws(FakeError) in
            let email = call.body["email"]?.stringValue ?? ""
            if call.read({ $0.account(email: email) }) != nil {
                throw .validation(["email": "an account with this email already exists"], message: "Email already registered", code: "EMAIL_ALREADY_EXISTS")
            }
            let marker = call.stringOption("verificationMarker") ?? "+verify"
            let needsVerification = email.split(separator: "@").first?.contains(marker) ?? false
            let account = try call.createAccount(
                email: email, password: call.body["password"]?.stringValue, firstName: call.body["first_name"]?.stringValue ?? "",
                lastName: call.body["last_name"]?.stringValue ?? "", avatarURL: nil, verified: false,
                tenantNameSuffix: call.stringOption("tenantNameSuffix") ?? "'s Workspace",
                pending: needsVerification)
            let token = try call.issueEmailToken(.confirmation, for: account.id, lifetime: 24 * 3600)
            call.log("confirmation link for \(email): \(call.request.headers["x-frontend-base-url"] ?? "")/confirm-email?token=\(token)")
            if needsVerification {
                return call.data(["requires_email_verification": true, "tenant_id": .string(account.tenantID)])
            }
            return try await call.signIn(account)
        }

        register("refresh", description: "Rotates a refresh token: the old one becomes used, a new pair is issued; reuse is a 401.") { call throws(FakeError) in
            let token = call.body["refresh_token"]?.stringValue ?? ""
            guard let claims = await call.verify(token, type: "refresh") else {
                throw .unauthorized("Refresh token is invalid or expired")
            }
            var redeemed: SessionBook.RefreshToken?
            try call.change { (state: borrowing FakeState) throws(FakeError) -> [StateEdit] in
                redeemed = state.sessions.redeemable(refreshID: claims.jti.value, now: call.now)
                return redeemed == nil ? [] : [.useRefreshToken(claims.jti.value)]
            }
            guard let redeemed, let account = call.read({ $0.accounts[redeemed.userID] }) else {
                throw .unauthorized("Refresh token was already used or revoked")
            }
            let pair = try await call.issuePair(for: account, session: redeemed.sessionID)
            return call.data(["access_token": .string(pair.accessToken), "refresh_token": .string(pair.refreshToken)])
        }

        register("logout", description: "Revokes the caller's refresh token given in the query.") { call throws(FakeError) in
            let caller = try call.caller()
            let token = call.request.query["refresh_token"]?.stringValue ?? ""
            let claims = await call.verify(token, type: "refresh")
            // What services.yaml `sessions.logout.revokes` lists: the refresh token (the documents), and
            // the access token too where declared; verify checks the same declaration.
            let revokes = call.conventions.sessions?.revokes ?? [.refresh]
            try call.change { _ throws(FakeError) -> [StateEdit] in
                guard let claims, claims.sub.value == caller.userID else { return [] }
                if revokes.contains(.access) { return [.endSession(claims.sid)] }
                return revokes.contains(.refresh) ? [.revokeRefresh(sessionID: claims.sid)] : []
            }
            return call.done
        }

        register("forgotPassword", description: "Issues a password-reset token for a known email; always answers success.") { call throws(FakeError) in
            let email = call.body["email"]?.stringValue ?? ""
            if let account = call.read({ $0.account(email: email) }) {
                let token = try call.issueEmailToken(.reset, for: account.id, lifetime: 3600)
                call.log("password reset link for \(email): \(call.request.headers["x-frontend-base-url"] ?? "")/reset-password?token=\(token)")
            }
            return call.done
        }

        register("resetPassword", description: "Consumes a reset token, sets the password and revokes the user's refresh tokens.") { call throws(FakeError) in
            let token = call.body["token"]?.stringValue ?? ""
            let password = call.body["new_password"]?.stringValue ?? ""
            try call.change { (state: borrowing FakeState) throws(FakeError) -> [StateEdit] in
                guard let record = state.sessions.emailTokens[token], record.kind == .reset, !record.used, record.expires > call.now,
                    var account = state.accounts[record.userID]
                else { throw .validation(["token": "reset token is invalid or expired"], message: "Invalid or expired token", code: "INVALID_TOKEN") }
                account.password = password
                return [.useEmailToken(token), .putAccount(account), .endSessions(userID: record.userID)]
            }
            return call.done
        }

        register("resendConfirmation", description: "Issues a new email-confirmation token for an unconfirmed user.") { call throws(FakeError) in
            let email = call.request.query["email"]?.stringValue ?? ""
            if let account = call.read({ $0.account(email: email) }), account.status == .pendingVerification || !call.isVerified(account) {
                let token = try call.issueEmailToken(.confirmation, for: account.id, lifetime: 24 * 3600)
                call.log("confirmation link for \(email): \(call.request.headers["x-frontend-base-url"] ?? "")/confirm-email?token=\(token)")
            }
            return call.done
        }

        register("confirmEmail", description: "Consumes a confirmation token and marks the email verified.") { call throws(FakeError) in
            let token = call.body["token"]?.stringValue ?? ""
            try call.change { (state: borrowing FakeState) throws(FakeError) -> [StateEdit] in
                guard let record = state.sessions.emailTokens[token], record.kind == .confirmation, !record.used, record.expires > call.now,
                    var account = state.accounts[record.userID]
                else { throw .validation(["token": "confirmation token is invalid or expired"], message: "Invalid or expired token", code: "INVALID_TOKEN") }
                let profile = state.editingProfile(of: account) { profile in
                    profile["email_verified"] = true
                    if profile["status"] == "pending_verification" { profile["status"] = "active" }
                    profile["updated_at"] = .string(call.now.rfc3339)
                }
                account.status = .active
                return [.useEmailToken(token), .putAccount(account)] + profile
            }
            return call.done
        }

        register("validateConfirmToken", description: "Reports a confirmation token as valid, used, expired or not_found without consuming it.") { call throws(FakeError) in
            let token = call.request.query["token"]?.stringValue ?? ""
            let record = call.read { $0.sessions.emailTokens[token] }
            let status: String = switch record {
            case .some(let record) where record.kind != .confirmation: "not_found"
            case .some(let record) where record.used: "used"
            case .some(let record) where record.expires <= call.now: "expired"
            case .some: "valid"
            case .none: "not_found"
            }
            return call.data(["status": .string(status)])
        }
    }
}
