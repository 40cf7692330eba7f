import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// The caller's profile update.
    mutating func registerProfile() {
        register("updateCurrentUser", description: "Merges profile fields into the caller's user record (snake_case timestamps).") { call throws(FakeError) in
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

    }
}

