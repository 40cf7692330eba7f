import CivilTime
import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinCall {
    /// The login answer: a new session's tokens, the user's profile and the tenant.
    func signIn(_ account: Account) async throws(FakeError) -> FakeResponse {
        let pair = try await openSession(for: account)
        let (profile, tenantName) = read { state in
            (state.profile(of: account), state.tenants[account.tenantID]?.name ?? account.tenantID)
        }
        return data([
            "access_token": .string(pair.accessToken), "refresh_token": .string(pair.refreshToken),
            "user": profile ?? .object([:]),
            "tenant": ["id": .string(account.tenantID), "name": .string(tenantName)],
        ])
    }

    /// A new account with its own tenant, profile and empty business foundation.
    func createAccount(
        email: String, password: String?, firstName: String, lastName: String, avatarURL: String?, verified: Bool,
        tenantNameSuffix: String, pending: Bool = false
    ) throws(FakeError) -> Account {
        let account = Account(
            id: IDGenerator.make(prefix: "user_"), email: email, password: password,
            tenantID: IDGenerator.make(prefix: "tenant_"), roles: ["admin"], status: pending ? .pendingVerification : .active)
        let time = JSONValue.string(now.rfc3339)
        var profile: OrderedDictionary<String, JSONValue> = [
            "user_id": .string(account.id), "email": .string(email), "first_name": .string(firstName), "last_name": .string(lastName),
        ]
        if let avatarURL { profile["avatar_url"] = .string(avatarURL) }
        profile["created_at"] = time
        profile["updated_at"] = time
        profile["status"] = .string(pending ? "pending_verification" : "active")
        profile["email_verified"] = .bool(verified)
        profile["preferences"] = .object([:])
        let tenantName = (firstName.isEmpty ? email : firstName) + tenantNameSuffix
        try change { (state: borrowing FakeState) throws(FakeError) -> [StateEdit] in
            guard state.account(email: email) == nil else {
                throw .validation(["email": "an account with this email already exists"], message: "Email already registered", code: "EMAIL_ALREADY_EXISTS")
            }
            // A new tenant has an (empty) business foundation from the start, as the real service does;
            // onboarding answers its empty default until the first update.
            return [
                .addTenant(id: account.tenantID, name: tenantName), .putAccount(account),
                .putRecord(tenant: account.tenantID, collection: "users", id: account.id, record: .object(profile)),
                .setSingleton(tenant: account.tenantID, collection: "foundation", record: ["businessName": "", "vision": "", "purpose": "", "coreValues": []]),
            ]
        }
        return account
    }

    /// A single-use email token (confirmation or password reset).
    func issueEmailToken(_ kind: SessionBook.EmailToken.Kind, for userID: String, lifetime: TimeInterval) throws(FakeError) -> String {
        let token = IDGenerator.make(prefix: kind == .confirmation ? "cfm_" : "rst_", length: 20)
        try change { _ throws(FakeError) -> [StateEdit] in
            [.putEmailToken(token, .init(kind: kind, userID: userID, expires: now.addingTimeInterval(lifetime), used: false))]
        }
        return token
    }

    func isVerified(_ account: Account) -> Bool {
        read { $0.profile(of: account)?["email_verified"] == .bool(true) }
    }
}

extension FakeState {
    /// The user's record in the tenant's `users` collection (UserProfile).
    public func profile(of account: Account) -> JSONValue? {
        tenants[account.tenantID]?.record("users", id: account.id)
    }

    /// The edit that changes the user's profile record, or none when there is no profile.
    func editingProfile(of account: Account, _ change: (inout JSONValue) -> Void) -> [StateEdit] {
        guard var profile = profile(of: account) else { return [] }
        change(&profile)
        return [.putRecord(tenant: account.tenantID, collection: "users", id: account.id, record: profile)]
    }
}

/// What Google sign-in needs from the token: an email, and names when a JWT carries them.
struct GoogleIdentity {
    var email: String
    var givenName = ""
    var familyName = ""
    var picture: String?

    /// A three-part JWT's payload (read without checking the signature: the mock accepts any
    /// Google token) or a bare email address.
    init?(token: String) {
        let parts = token.split(separator: ".")
        if parts.count == 3, let payload = Self.decodeBase64URL(parts[1]), let json = try? JSONParser.parse(payload),
            let email = json["email"]?.stringValue
        {
            self.email = email
            givenName = json["given_name"]?.stringValue ?? ""
            familyName = json["family_name"]?.stringValue ?? ""
            picture = json["picture"]?.stringValue
            return
        }
        guard token.contains("@"), !token.contains(" ") else { return nil }
        email = token
    }

    static func decodeBase64URL(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
