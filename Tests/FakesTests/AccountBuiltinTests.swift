import Contracts
import Fakes
import JSON
import Testing

/// Profile, features/limits and the subscription lifecycle (create, change, cancel, trial).
@Suite struct AccountBuiltinTests {
    static let professionalFeatures: JSONValue = ["goals", "goalCreate", "strategies", "kpis", "operations", "reports", "realtime", "attachments", "bulkPlanner"]

    @Test func featuresAndLimitsFollowTheTenantsActiveSubscription() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(try await harness.call("getUserFeatures", as: demo).jsonBody?["data"] == Self.professionalFeatures)
        #expect(try await harness.call("getUserLimits", as: demo).jsonBody?["data"] == ["goals": 10, "kpis": 50, "actions": nil, "strategies": 20])
        #expect(try await harness.call("getUserFeatures", as: gina).jsonBody?["data"] == ["goals", "goalCreate", "strategies", "kpis", "operations"])

        try await harness.cancelImmediately(demo)
        #expect(try await harness.call("getUserFeatures", as: demo).jsonBody?["data"] == [])
        #expect(try await harness.call("getUserLimits", as: demo).jsonBody?["data"]
            == ["goals": 0, "kpis": 0, "actions": 0, "strategies": 0, "attachments": 0, "reports": 0])
        #expect(try await harness.call("getUserLimits", as: gina).jsonBody?["data"]?["goals"] == 3)
    }

    @Test func createSubscriptionIsRefusedWhileActiveThenChecksTierFrequencyPromoAndCard() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let refused = try await harness.call("createSubscription", body: ["tierId": "tier_enterprise", "frequency": "monthly"], as: demo)
        #expect(refused.status == 422)
        #expect(refused.jsonBody?["code"] == "SUBSCRIPTION_ALREADY_ACTIVE")
        try await harness.cancelImmediately(demo)

        let unknownTier = try await harness.call("createSubscription", body: ["tierId": "tier_platinum", "frequency": "monthly"], as: demo)
        #expect(unknownTier.status == 422)
        #expect(unknownTier.jsonBody?["errors"]?["tierId"] != nil)
        let yearlyStarter = try await harness.call("createSubscription", body: ["tierId": "tier_starter", "frequency": "yearly"], as: demo)
        #expect(yearlyStarter.jsonBody?["code"] == "VALIDATION_ERROR")
        #expect(yearlyStarter.jsonBody?["errors"]?["frequency"] != nil)
        let expired = try await harness.call(
            "createSubscription", body: ["tierId": "tier_professional", "frequency": "monthly", "promoCode": "SUMMER2025"], as: demo)
        #expect(expired.jsonBody?["code"] == "PROMO_CODE_INVALID")
        let declined = try await harness.call(
            "createSubscription", body: ["tierId": "tier_professional", "frequency": "monthly", "paymentMethodId": "pm_card_chargeDeclined"], as: demo)
        #expect(declined.status == 422)
        #expect(declined.jsonBody?["code"] == "PAYMENT_FAILED")
        #expect(try await harness.subscription(demo)?["status"] == "cancelled")

        let created = try await harness.call(
            "createSubscription", body: ["tierId": "tier_professional", "frequency": "yearly", "promoCode": "welcome20", "paymentMethodId": "pm_card_visa"],
            as: demo)
        #expect(created.status == 200)
        let data = try #require(created.jsonBody?["data"])
        #expect(data["requiresPaymentConfirmation"] == false)
        #expect(data["clientSecret"] == nil)
        let subscription = try #require(data["subscription"])
        #expect(subscription["id"]?.stringValue?.hasPrefix("sub_") == true && subscription["id"] != "sub_acme_professional")
        #expect(subscription["price"]?.doubleValue == 239.99)  // 299.99 × 0.8 = 239.992
        #expect(subscription["status"] == "active" && subscription["isActive"] == true && subscription["isTrial"] == false)
        #expect(subscription["currentPeriodStart"] == "2025-11-24T16:00:00Z")
        #expect(subscription["currentPeriodEnd"] == "2026-11-24T16:00:00Z")
        #expect(subscription["tier"]?["id"] == "tier_professional" && subscription["tier"]?["pricing"] == nil)
        #expect(try await harness.subscription(demo) == subscription)
        #expect(try await harness.call("getUserFeatures", as: demo).jsonBody?["data"] == Self.professionalFeatures)
    }

    @Test func anAuthenticationRequiredCardLeavesAnIncompleteSubscription() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        try await harness.cancelImmediately(demo)
        let response = try await harness.call(
            "createSubscription", body: ["tierId": "tier_enterprise", "frequency": "monthly", "paymentMethodId": "pm_card_authenticationRequired"],
            as: demo)
        let data = try #require(response.jsonBody?["data"])
        #expect(data["requiresPaymentConfirmation"] == true)
        let secret = try #require(data["clientSecret"]?.stringValue)
        #expect(secret.hasPrefix("pi_") && secret.contains("_secret_") && secret.count == 3 + 24 + 8 + 24)
        #expect(data["subscription"]?["status"] == "incomplete" && data["subscription"]?["isActive"] == false)
        #expect(data["subscription"]?["price"]?.doubleValue == 99.99)
        #expect(try await harness.call("getUserFeatures", as: demo).jsonBody?["data"] == [])
    }

    @Test func changeReplacesTierFrequencyAndPriceButKeepsThePeriod() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let before = try await harness.subscription(gina)
        let changed = try await harness.call(
            "changeSubscription", body: ["tierId": "tier_enterprise", "frequency": "yearly", "promoCode": "ANNUAL15"], as: demo)
        #expect(changed.status == 200)
        let data = try #require(changed.jsonBody?["data"])
        #expect(data["effectiveDate"] == "2025-11-01T00:00:00Z")
        #expect(data["subscription"]?["id"] == "sub_acme_professional")
        #expect(data["subscription"]?["tier"]?["name"] == "Enterprise")
        #expect(data["subscription"]?["frequency"] == "yearly")
        #expect(data["subscription"]?["price"]?.doubleValue == 849.99)  // 999.99 × 0.85 = 849.9915
        #expect(data["subscription"]?["currentPeriodStart"] == "2025-10-01T00:00:00Z")
        #expect(try await harness.call("getUserLimits", as: demo).jsonBody?["data"]
            == ["goals": nil, "kpis": nil, "actions": nil, "strategies": nil, "attachments": nil, "reports": nil])
        #expect(try await harness.subscription(gina) == before)

        let wrongTier = try await harness.call(
            "changeSubscription", body: ["tierId": "tier_starter", "frequency": "monthly", "promoCode": "LAUNCH10"], as: demo)
        #expect(wrongTier.jsonBody?["code"] == "PROMO_CODE_INVALID")
        try await harness.cancelImmediately(demo)
        let inactive = try await harness.call("changeSubscription", body: ["tierId": "tier_starter", "frequency": "monthly"], as: demo)
        #expect(inactive.status == 422)
        #expect(inactive.jsonBody?["code"] == "NO_ACTIVE_SUBSCRIPTION")
    }

    @Test func cancelAtPeriodEndKeepsAccessAndImmediateCancelEndsIt() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let atEnd = try await harness.call("cancelSubscription", body: ["reason": "Holidays", "cancelAtPeriodEnd": true], as: demo)
        let data = try #require(atEnd.jsonBody?["data"])
        #expect(data["cancelEffectiveDate"] == "2025-11-01T00:00:00Z")
        #expect(data["subscription"]?["cancelAtPeriodEnd"] == true && data["subscription"]?["autoRenewal"] == false)
        #expect(data["subscription"]?["expirationDate"] == "2025-11-01T00:00:00Z")
        #expect(data["subscription"]?["isActive"] == true && data["subscription"]?["status"] == "active")

        harness.clock.advance(3600)
        let now = try await harness.call("cancelSubscription", body: ["cancelAtPeriodEnd": false], as: demo)
        let immediate = try #require(now.jsonBody?["data"])
        #expect(immediate["cancelEffectiveDate"] == "2025-11-24T17:00:00Z")
        let subscription = try #require(immediate["subscription"])
        #expect(subscription["status"] == "cancelled" && subscription["isActive"] == false)
        #expect(subscription["cancelAtPeriodEnd"] == false && subscription["autoRenewal"] == false)
        #expect(subscription["currentPeriodEnd"] == "2025-11-24T17:00:00Z" && subscription["expirationDate"] == "2025-11-24T17:00:00Z")
        #expect(try await harness.subscription(demo) == subscription)

        let again = try await harness.call("cancelSubscription", body: ["cancelAtPeriodEnd": true], as: demo)
        #expect(again.status == 422)
        #expect(again.jsonBody?["code"] == "NO_ACTIVE_SUBSCRIPTION")
    }

    @Test func aTenantGetsOneTrial() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let active = try await harness.call("startTrial", body: ["tierId": "tier_starter"], as: demo)
        #expect(active.jsonBody?["code"] == "SUBSCRIPTION_ALREADY_ACTIVE")
        try await harness.cancelImmediately(demo)
        let unknown = try await harness.call("startTrial", body: ["tierId": "tier_platinum"], as: demo)
        #expect(unknown.status == 422 && unknown.jsonBody?["errors"]?["tierId"] != nil)

        let started = try await harness.call("startTrial", body: ["tierId": "tier_starter"], as: demo)
        #expect(started.status == 200)
        let data = try #require(started.jsonBody?["data"])
        #expect(data["trialEndDate"] == "2025-12-08T16:00:00Z")  // 14 days after the test clock's start
        let trial = try #require(data["subscription"])
        #expect(trial["status"] == "trialing" && trial["isActive"] == true && trial["isTrial"] == true)
        #expect(trial["frequency"] == "monthly" && trial["price"]?.doubleValue == 12.99 && trial["autoRenewal"] == false)
        #expect(trial["currentPeriodEnd"] == "2025-12-08T16:00:00Z" && trial["expirationDate"] == "2025-12-08T16:00:00Z")
        #expect(try await harness.call("getUserFeatures", as: demo).jsonBody?["data"] == ["goals", "goalCreate", "strategies", "kpis", "operations"])

        #expect(try await harness.call("startTrial", body: ["tierId": "tier_starter"], as: demo).jsonBody?["code"] == "SUBSCRIPTION_ALREADY_ACTIVE")
        try await harness.cancelImmediately(demo)
        let used = try await harness.call("startTrial", body: ["tierId": "tier_professional"], as: demo)
        #expect(used.status == 422 && used.jsonBody?["code"] == "TRIAL_ALREADY_USED")
    }

    @Test func convertingATrialKeepsItUsed() async throws {
        let harness = try await EngineHarness(scenario: "onboarding")
        let demo = try await harness.login()
        let converted = try await harness.call("createSubscription", body: ["tierId": "tier_professional", "frequency": "monthly", "promoCode": "LAUNCH10"], as: demo)
        #expect(converted.status == 200)
        let subscription = try #require(converted.jsonBody?["data"]?["subscription"])
        #expect(subscription["isTrial"] == false && subscription["status"] == "active")
        #expect(subscription["price"]?.doubleValue == 19.99)  // 29.99 − 1000 cents
        #expect(subscription["trialEndDate"] == "2025-12-04T09:00:00Z")
        try await harness.cancelImmediately(demo)
        #expect(try await harness.call("startTrial", body: ["tierId": "tier_professional"], as: demo).jsonBody?["code"] == "TRIAL_ALREADY_USED")
    }

    @Test func updateCurrentUserChangesTheProfileLoginAnswers() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        harness.clock.advance(60)
        let updated = try await harness.call(
            "updateCurrentUser",
            body: ["last_name": "Rivera-Lopez", "phone": "5035550142", "avatar_url": "https://avatars.example.com/dana-2025.png", "preferences": ["theme": "dark"]],
            as: demo)
        #expect(updated.status == 200)
        let profile = try #require(updated.jsonBody?["data"])
        #expect(profile["first_name"] == "Dana" && profile["last_name"] == "Rivera-Lopez")
        #expect(profile["preferences"] == ["theme": "dark"])  // replaced whole: weeklyDigest is gone
        #expect(profile["phone"] == nil)
        #expect(profile["updated_at"] == "2025-11-24T16:01:00Z" && profile["created_at"] == "2025-09-01T09:00:00Z")

        let login = try await harness.call("login", body: ["email": "demo@purposepath.app", "password": "Demo123!"])
        #expect(login.jsonBody?["data"]?["user"] == profile)
        #expect(try await harness.call("getCurrentUser", as: demo).jsonBody?["data"] == profile)
        let sam = try await harness.login("sam@acme.example", password: "Sam12345!")
        #expect(try await harness.call("getCurrentUser", as: sam).jsonBody?["data"]?["last_name"] == "Patel")
    }
}

extension EngineHarness {
    /// The caller's tenant's subscription as `GET /user/subscription` answers it (nil on 404).
    func subscription(_ caller: Caller) async throws -> JSONValue? {
        try await call("getUserSubscription", as: caller).jsonBody?["data"]
    }

    /// Cancels the caller's tenant's subscription now, expecting success.
    func cancelImmediately(_ caller: Caller, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let response = try await call("cancelSubscription", body: ["cancelAtPeriodEnd": false], as: caller, sourceLocation: sourceLocation)
        #expect(response.status == 200, sourceLocation: sourceLocation)
    }
}
