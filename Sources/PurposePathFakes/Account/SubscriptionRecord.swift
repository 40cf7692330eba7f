import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

/// The tenant's `subscription` singleton record (UserSubscription): key order and small queries.
enum SubscriptionRecord {
    static let collection = "subscription"

    /// UserSubscription's property order, so rewritten records read like the contract's examples.
    static let keyOrder = [
        "id", "userId", "tier", "frequency", "status", "isActive", "currentPeriodStart", "currentPeriodEnd", "expirationDate",
        "cancelAtPeriodEnd", "autoRenewal", "price", "currency", "isTrial", "trialEndDate", "trialExtendedBy",
        "trialExtensionReason",
    ]

    /// The members in `keyOrder`, unknown keys after them.
    static func ordered(_ members: OrderedDictionary<String, JSONValue>) -> JSONValue {
        var result: OrderedDictionary<String, JSONValue> = [:]
        for key in keyOrder { if let value = members[key] { result[key] = value } }
        for (key, value) in members where result[key] == nil { result[key] = value }
        return .object(result)
    }
}

extension FakeState {
    /// Runs `body` on one tenant's records in place; a tenant that does not exist is 403.
    mutating func withAccountTenant<T>(_ id: String, _ body: (inout TenantState) throws(FakeError) -> T) throws(FakeError) -> T {
        guard tenants[id] != nil else { throw .forbidden("Tenant '\(id)' does not exist") }
        return try body(&tenants[id, default: TenantState(id: id, name: id)])
    }
}
