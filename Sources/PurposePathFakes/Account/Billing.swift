import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// The Stripe webhook: events applied to the subscription of the tenant they name.
    mutating func registerBilling() {
        register("billingWebhook", description: "Applies Stripe-like events to the tenant's subscription.") { call throws(FakeError) in
            try call.applyBillingEvent()
            return .success
        }
    }
}

extension BuiltinCall {
    /// Applies a Stripe event to the subscription of the tenant named in `data.object.metadata.tenantId`;
    /// unknown tenants, tenants without a subscription and other event types are left alone.
    func applyBillingEvent() throws(FakeError) {
        let object = body["data"]?["object"]
        guard let tenantID = object?["metadata"]?["tenantId"]?.stringValue, let type = body["type"]?.stringValue else { return }
        let now = JSONValue.string(self.now.rfc3339)
        try engine.store.mutate { (state: inout FakeState) throws(FakeError) in
            guard let current = state.tenants[tenantID]?.singleton(SubscriptionRecord.collection), var members = current.objectValue,
                Self.applyBillingEvent(type, object: object, now: now, to: &members)
            else { return }
            state.tenants[tenantID]?.setSingleton(SubscriptionRecord.collection, SubscriptionRecord.ordered(members))
        }
    }

    /// Changes a subscription's members for one event type; false when the event does not concern it.
    static func applyBillingEvent(_ type: String, object: JSONValue?, now: JSONValue, to members: inout OrderedDictionary<String, JSONValue>) -> Bool {
        switch type {
        case "invoice.paid", "invoice.payment_succeeded", "payment_intent.succeeded":
            members["status"] = "active"
            members["isActive"] = true
        case "invoice.payment_failed", "payment_intent.payment_failed":
            members["status"] = "past_due"
        case "customer.subscription.deleted":
            members["status"] = "cancelled"
            members["isActive"] = false
            members["autoRenewal"] = false
            members["cancelAtPeriodEnd"] = false
            members["expirationDate"] = now
        case "customer.subscription.updated":
            if let stripeStatus = object?["status"]?.stringValue, !stripeStatus.isEmpty {
                let status = stripeStatus == "canceled" ? "cancelled" : stripeStatus
                members["status"] = .string(status)
                members["isActive"] = .bool(["active", "trialing", "past_due"].contains(status))
            }
            if let atPeriodEnd = object?["cancel_at_period_end"]?.boolValue {
                members["cancelAtPeriodEnd"] = .bool(atPeriodEnd)
                members["autoRenewal"] = .bool(!atPeriodEnd)
            }
        default:
            return false
        }
        return true
    }
}
