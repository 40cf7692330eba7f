import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

/// A tier and frequency priced from the global catalogue, with a promo code applied when valid.
struct SubscriptionOffer: Sendable {
    /// The `tiers` catalogue record.
    var tier: JSONValue
    var frequency: String
    var basePrice: Double
    /// The promo's `discount` when a valid code was given.
    var discount: JSONValue?
    /// The price to pay: `basePrice` with the discount applied.
    var price: Double

    /// `UserSubscription.tier`: `{id, name, features, limits, supportedFrequencies}` copied from the catalogue.
    var tierSnapshot: JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [:]
        for key in ["id", "name", "features", "limits", "supportedFrequencies"] {
            members[key] = tier[key] ?? (key == "limits" ? .object([:]) : key.hasSuffix("s") ? .array([]) : "")
        }
        return .object(members)
    }
}

/// The subscription rules of docs/builtins.md: active tiers, supported frequencies, promo codes, discounts.
enum SubscriptionCatalog {
    /// The active catalogue tier with this id; otherwise 422 `errors.tierId`.
    static func tier(_ id: String?, in global: TenantState) throws(FakeError) -> JSONValue {
        guard let id, !id.isEmpty else { throw .validation(["tierId": "is required"]) }
        guard let tier = global.all("tiers").first(where: { $0["id"]?.stringValue == id }) else {
            throw .validation(["tierId": "unknown tier \(id)"])
        }
        guard tier["isActive"] == .bool(true) else { throw .validation(["tierId": "tier \(id) is not active"]) }
        return tier
    }

    /// The tier's price for a frequency it supports; otherwise 422 `errors.frequency`.
    static func basePrice(of tier: JSONValue, frequency: String?) throws(FakeError) -> Double {
        guard let frequency, !frequency.isEmpty else { throw .validation(["frequency": "is required"]) }
        let supported = tier["supportedFrequencies"]?.arrayValue ?? []
        guard supported.contains(.string(frequency)), let price = tier["pricing"]?[frequency]?.doubleValue else {
            throw .validation(["frequency": "is not offered by tier \(tier["name"]?.stringValue ?? tier["id"]?.stringValue ?? "")"])
        }
        return price
    }

    /// The `promoCodes` record for a code (case-insensitive) when it is active, unexpired and allows the tier.
    static func validPromo(_ code: String, tierID: String, in global: TenantState, now: Date) -> JSONValue? {
        let wanted = code.lowercased()
        guard let promo = global.all("promoCodes").first(where: { $0["code"]?.stringValue?.lowercased() == wanted }),
            promo["isActive"] == .bool(true), promo["discount"]?["value"]?.doubleValue != nil
        else { return nil }
        if let text = promo["expiresAt"]?.stringValue, let expires = AccountDates.parse(text), expires <= now { return nil }
        if let tiers = promo["tierIds"]?.arrayValue, !tiers.contains(.string(tierID)) { return nil }
        guard ["percentage", "fixed"].contains(promo["discount"]?["type"]?.stringValue ?? "") else { return nil }
        return promo
    }

    /// Percentage → `round(base × (100 − value) / 100, 2)`; fixed (cents) → `max(0, base − value/100)`, to the cent.
    static func discounted(_ base: Double, by discount: JSONValue) -> Double {
        let value = discount["value"]?.doubleValue ?? 0
        switch discount["type"]?.stringValue {
        case "percentage": return roundedToCents(base * (100 - value) / 100)
        case "fixed": return max(0, roundedToCents(base - value / 100))
        default: return base
        }
    }

    /// Half away from zero to two decimals (23.992 → 23.99), so prices carry no float residue.
    static func roundedToCents(_ amount: Double) -> Double { (amount * 100).rounded(.toNearestOrAwayFromZero) / 100 }

    /// Tier, frequency and (when `promoCode` is given) promo checked and priced. An invalid code is
    /// 422 `PROMO_CODE_INVALID` when `strictPromo`, otherwise it just gives no discount.
    static func offer(
        tierID: String?, frequency: String?, promoCode: String?, in global: TenantState, now: Date, strictPromo: Bool = true
    ) throws(FakeError) -> SubscriptionOffer {
        let tier = try tier(tierID, in: global)
        let base = try basePrice(of: tier, frequency: frequency)
        var offer = SubscriptionOffer(tier: tier, frequency: frequency ?? "", basePrice: base, discount: nil, price: base)
        guard let promoCode else { return offer }
        guard let promo = validPromo(promoCode, tierID: tier["id"]?.stringValue ?? "", in: global, now: now),
            let discount = promo["discount"]
        else {
            if strictPromo {
                throw .validation(
                    ["promoCode": "is invalid or expired"], message: "Promo code \(promoCode) is invalid or has expired",
                    code: "PROMO_CODE_INVALID")
            }
            return offer
        }
        offer.discount = discount
        offer.price = discounted(base, by: discount)
        return offer
    }
}

/// Date arithmetic and parsing for subscription periods, in UTC.
enum AccountDates {
    /// An RFC 3339 date-time, with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// The end of a billing period starting at `start`: one month or one year later.
    static func periodEnd(from start: Date, frequency: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let component: Calendar.Component = frequency == "yearly" ? .year : .month
        return calendar.date(byAdding: component, value: 1, to: start) ?? start.addingTimeInterval(frequency == "yearly" ? 365 * 86_400 : 30 * 86_400)
    }
}
