import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

/// How the company report reaches the caller's tenant: a copy-on-write snapshot.
enum TractionStore {
    /// The caller's tenant as it is now (a cheap copy-on-write snapshot) for read-only builtins.
    static func tenant(of call: BuiltinCall) throws(FakeError) -> TenantState {
        let caller = try call.caller()
        guard let tenant = call.read({ $0.tenants[caller.tenantID] }) else {
            throw .forbidden("Tenant '\(caller.tenantID)' does not exist")
        }
        return tenant
    }
}
