import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// Subscribe, change, cancel and start a trial: the tenant's `subscription` singleton.
    mutating func registerSubscriptions() {
        register("createSubscription", description: "Starts a paid subscription after tier, frequency, promo and payment checks.") { call throws(FakeError) in try call.createSubscription() }
        register("changeSubscription", description: "Changes tier or frequency of the active subscription; effective at period end.") { call throws(FakeError) in try call.changeSubscription() }
        register("cancelSubscription", description: "Cancels at period end or immediately.") { call throws(FakeError) in try call.cancelSubscription() }
        register("startTrial", description: "Starts a trial subscription of a tier, once per tenant.") { call throws(FakeError) in try call.startTrial() }
    }
}

extension BuiltinCall {
    /// The refusal of create and startTrial when the tenant already has an active subscription.
    static let subscriptionAlreadyActive = FakeError(status: 422, "This account already has an active subscription", code: "SUBSCRIPTION_ALREADY_ACTIVE")

    /// A paid subscription for one period; Stripe's test card ids decline or ask for 3-D Secure.
    func createSubscription() throws(FakeError) -> FakeResponse {
        let caller = try caller()
        let body = self.body
        let paymentMethod = body["paymentMethodId"]?.stringValue
        let needsConfirmation = paymentMethod == "pm_card_authenticationRequired"
        let now = self.now
        let subscription = try engine.store.mutate { (state: inout FakeState) throws(FakeError) -> JSONValue in
            let global = state.global
            return try state.withAccountTenant(caller.tenantID) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                let current = tenant.singleton(SubscriptionRecord.collection)
                if SubscriptionRecord.isActive(current), current?["isTrial"] != .bool(true) { throw Self.subscriptionAlreadyActive }
                let offer = try SubscriptionCatalog.offer(
                    tierID: body["tierId"]?.stringValue, frequency: body["frequency"]?.stringValue,
                    promoCode: body["promoCode"]?.stringValue, in: global, now: now)
                if paymentMethod == "pm_card_chargeDeclined" {
                    throw FakeError(status: 422, "Your card was declined.", code: "PAYMENT_FAILED")
                }
                var members: OrderedDictionary<String, JSONValue> = [
                    "id": .string(IDGenerator.make(prefix: "sub_")), "userId": .string(caller.userID), "tier": offer.tierSnapshot,
                    "frequency": .string(offer.frequency), "status": needsConfirmation ? "incomplete" : "active",
                    "isActive": .bool(!needsConfirmation), "currentPeriodStart": .string(now.rfc3339),
                    "currentPeriodEnd": .string(AccountDates.periodEnd(from: now, frequency: offer.frequency).rfc3339),
                    "cancelAtPeriodEnd": false, "autoRenewal": true, "price": .number(offer.price), "currency": "USD",
                    "isTrial": false,
                ]
                for key in SubscriptionRecord.trialHistoryKeys { if let value = current?[key] { members[key] = value } }
                let record = SubscriptionRecord.ordered(members)
                tenant.setSingleton(SubscriptionRecord.collection, record)
                return record
            }
        }
        var answer: OrderedDictionary<String, JSONValue> = [
            "subscription": subscription, "requiresPaymentConfirmation": .bool(needsConfirmation),
        ]
        if needsConfirmation { answer["clientSecret"] = .string(Self.clientSecret()) }
        return .data(.object(answer))
    }

    /// New tier, frequency and price at once; the period and flags stay.
    func changeSubscription() throws(FakeError) -> FakeResponse {
        let caller = try caller()
        let body = self.body
        let now = self.now
        let subscription = try engine.store.mutate { (state: inout FakeState) throws(FakeError) -> JSONValue in
            let global = state.global
            return try state.withAccountTenant(caller.tenantID) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                guard let current = tenant.singleton(SubscriptionRecord.collection), SubscriptionRecord.isActive(current),
                    var members = current.objectValue
                else { throw FakeError(status: 422, "There is no active subscription to change", code: "NO_ACTIVE_SUBSCRIPTION") }
                let offer = try SubscriptionCatalog.offer(
                    tierID: body["tierId"]?.stringValue, frequency: body["frequency"]?.stringValue,
                    promoCode: body["promoCode"]?.stringValue, in: global, now: now)
                members["tier"] = offer.tierSnapshot
                members["frequency"] = .string(offer.frequency)
                members["price"] = .number(offer.price)
                let record = SubscriptionRecord.ordered(members)
                tenant.setSingleton(SubscriptionRecord.collection, record)
                return record
            }
        }
        return .data(["subscription": subscription, "effectiveDate": subscription["currentPeriodEnd"] ?? .string(now.rfc3339)])
    }

    /// At period end (flag, no renewal) or immediately (cancelled, inactive now); `reason` is ignored.
    func cancelSubscription() throws(FakeError) -> FakeResponse {
        let caller = try caller()
        guard let atPeriodEnd = body["cancelAtPeriodEnd"]?.boolValue else { throw .validation(["cancelAtPeriodEnd": "is required"]) }
        let now = JSONValue.string(self.now.rfc3339)
        let (subscription, effective) = try engine.store.mutate { (state: inout FakeState) throws(FakeError) -> (JSONValue, JSONValue) in
            try state.withAccountTenant(caller.tenantID) { (tenant: inout TenantState) throws(FakeError) -> (JSONValue, JSONValue) in
                guard let current = tenant.singleton(SubscriptionRecord.collection), SubscriptionRecord.isActive(current),
                    var members = current.objectValue
                else { throw FakeError(status: 422, "There is no active subscription to cancel", code: "NO_ACTIVE_SUBSCRIPTION") }
                let effective: JSONValue
                if atPeriodEnd {
                    effective = members["currentPeriodEnd"] ?? now
                    members["cancelAtPeriodEnd"] = true
                    members["autoRenewal"] = false
                    members["expirationDate"] = effective
                } else {
                    effective = now
                    members["status"] = "cancelled"
                    members["isActive"] = false
                    members["autoRenewal"] = false
                    members["cancelAtPeriodEnd"] = false
                    members["currentPeriodEnd"] = now
                    members["expirationDate"] = now
                }
                let record = SubscriptionRecord.ordered(members)
                tenant.setSingleton(SubscriptionRecord.collection, record)
                return (record, effective)
            }
        }
        return .data(["subscription": subscription, "cancelEffectiveDate": effective])
    }

    /// A `trialing` subscription for `options.trialDays` (14), once per tenant.
    func startTrial() throws(FakeError) -> FakeResponse {
        let caller = try caller()
        let tierID = body["tierId"]?.stringValue
        let days = max(0, option("trialDays")?.intValue ?? 14)
        let now = self.now
        let subscription = try engine.store.mutate { (state: inout FakeState) throws(FakeError) -> JSONValue in
            let global = state.global
            return try state.withAccountTenant(caller.tenantID) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                let current = tenant.singleton(SubscriptionRecord.collection)
                if SubscriptionRecord.isActive(current) { throw Self.subscriptionAlreadyActive }
                if current?["trialEndDate"] != nil {
                    throw FakeError(status: 422, "This account has already used its free trial", code: "TRIAL_ALREADY_USED")
                }
                let tier = try SubscriptionCatalog.tier(tierID, in: global)
                let supported = tier["supportedFrequencies"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let frequency = supported.contains("monthly") ? "monthly" : supported.first ?? "monthly"
                let price = tier["pricing"]?[frequency]?.doubleValue ?? 0
                let offer = SubscriptionOffer(tier: tier, frequency: frequency, basePrice: price, discount: nil, price: price)
                let end = JSONValue.string(now.addingTimeInterval(TimeInterval(days) * 86_400).rfc3339)
                let record = SubscriptionRecord.ordered([
                    "id": .string(IDGenerator.make(prefix: "sub_")), "userId": .string(caller.userID), "tier": offer.tierSnapshot,
                    "frequency": .string(frequency), "status": "trialing", "isActive": true,
                    "currentPeriodStart": .string(now.rfc3339), "currentPeriodEnd": end, "expirationDate": end,
                    "cancelAtPeriodEnd": false, "autoRenewal": false, "price": .number(price), "currency": "USD",
                    "isTrial": true, "trialEndDate": end,
                ])
                tenant.setSingleton(SubscriptionRecord.collection, record)
                return record
            }
        }
        return .data(["subscription": subscription, "trialEndDate": subscription["trialEndDate"] ?? .null])
    }

    /// A Stripe-style client secret, `pi_<24>_secret_<24>`.
    static func clientSecret() -> String {
        IDGenerator.make(prefix: "pi_", length: 24) + IDGenerator.make(prefix: "_secret_", length: 24)
    }
}
