import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// The caller's profile update and the features and limits of the tenant's subscription tier.
    mutating func registerProfile() {
        register("updateCurrentUser") { call throws(FakeError) in
            let caller = try call.caller()
            let changes = call.body.objectValue ?? [:]
            let now = JSONValue.string(call.now.rfc3339)
            let profile = try call.engine.store.mutate { (state: inout FakeState) throws(FakeError) -> JSONValue in
                try state.withAccountTenant(caller.tenantID) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                    guard var members = tenant.record("users", id: caller.userID)?.objectValue else {
                        throw .unauthorized("The signed-in user no longer exists")
                    }
                    // `phone` is accepted and dropped (K42); `preferences` is replaced whole.
                    for key in ["first_name", "last_name", "avatar_url", "preferences"] {
                        if let value = changes[key] { members[key] = value }
                    }
                    members.removeValue(forKey: "phone")
                    members["updated_at"] = now
                    tenant.put("users", id: caller.userID, .object(members))
                    return .object(members)
                }
            }
            return .data(profile)
        }

        register("userFeatures") { call throws(FakeError) in
            let tier = try call.activeTier()
            return .data(tier?["features"] ?? .array([]))
        }

        register("userLimits") { call throws(FakeError) in
            // An active tier without `limits` limits nothing (an absent key is unlimited, K22).
            if let tier = try call.activeTier() { return .data(tier["limits"] ?? .object([:])) }
            let names = ["goals", "kpis", "actions", "strategies", "attachments", "reports"]
            return .data(.object(OrderedDictionary(uniqueKeysWithValues: names.map { ($0, JSONValue.integer(0)) })))
        }
    }
}

extension BuiltinCall {
    /// The tier snapshot of the caller's tenant's subscription when it is active (`isActive`), else nil.
    func activeTier() throws(FakeError) -> JSONValue? {
        let tenantID = try caller().tenantID
        let subscription = engine.store.read { $0.tenants[tenantID]?.singleton(SubscriptionRecord.collection) }
        guard SubscriptionRecord.isActive(subscription) else { return nil }
        return subscription?["tier"]
    }
}
