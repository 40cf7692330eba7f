import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// `extendTrial`: an admin moves the end of the tenant's trial and the move is recorded in `trialExtensions`.
    mutating func registerTrialAdmin() {
        register("extendTrial", description: "Admin: moves a trial's end date and records the extension in the history.") { call throws(FakeError) in try call.extendTrial() }
    }
}

extension BuiltinCall {
    /// Sets the trial's end (trialEndDate, expirationDate, currentPeriodEnd) to `newExpirationDate`, revives it
    /// as `trialing`, and appends `{previousExpirationDate, newExpirationDate, extendedBy, reason, extendedAt}`.
    func extendTrial() throws(FakeError) -> FakeResponse {
        let caller = try caller()
        let userID = request.pathParameters["userId"] ?? ""
        let body = self.body
        var problems: [String: String] = [:]
        let newDate = body["newExpirationDate"]?.stringValue ?? ""
        if AccountDates.parse(newDate) == nil { problems["newExpirationDate"] = "must be a date-time" }
        let reason = body["reason"]?.stringValue ?? ""
        if reason.isEmpty { problems["reason"] = "is required" }
        let extendedBy = body["extendedBy"]?.stringValue ?? ""
        if extendedBy.isEmpty { problems["extendedBy"] = "is required" }
        let historyPrefix = engine.contracts.collections["trialExtensions"]?.idPrefix ?? "trialext_"
        let now = JSONValue.string(self.now.rfc3339)
        let (subscription, previous) = try engine.store.mutate { (state: inout FakeState) throws(FakeError) -> (JSONValue, JSONValue) in
            try state.withAccountTenant(caller.tenantID) { (tenant: inout TenantState) throws(FakeError) -> (JSONValue, JSONValue) in
                guard tenant.record("users", id: userID) != nil else { throw .notFound("User") }
                guard problems.isEmpty else { throw .validation(problems) }
                guard let current = tenant.singleton(SubscriptionRecord.collection), current["isTrial"] == .bool(true),
                    var members = current.objectValue
                else { throw FakeError(status: 422, "The user's subscription is not a trial", code: "NOT_A_TRIAL") }
                let previous = members["trialEndDate"] ?? members["expirationDate"] ?? members["currentPeriodEnd"] ?? now
                let end = JSONValue.string(newDate)
                members["trialEndDate"] = end
                members["expirationDate"] = end
                members["currentPeriodEnd"] = end
                members["status"] = "trialing"
                members["isActive"] = true
                members["trialExtendedBy"] = .string(extendedBy)
                members["trialExtensionReason"] = .string(reason)
                let record = SubscriptionRecord.ordered(members)
                tenant.setSingleton(SubscriptionRecord.collection, record)
                let historyID = IDGenerator.make(prefix: historyPrefix)
                tenant.put("trialExtensions", id: historyID, [
                    "id": .string(historyID), "userId": .string(userID), "previousExpirationDate": previous,
                    "newExpirationDate": end, "extendedBy": .string(extendedBy), "reason": .string(reason), "extendedAt": now,
                ])
                return (record, previous)
            }
        }
        return .data(["subscription": subscription, "previousExpirationDate": previous, "newExpirationDate": .string(newDate)])
    }
}
