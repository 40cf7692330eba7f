import Contracts
import Fakes
import JSON
import Testing

/// Promo validation, payment intents, the Stripe webhook and the admin trial extension.
@Suite struct AccountBillingTests {
    func promo(_ code: String, _ tier: String, _ frequency: String, harness: EngineHarness, as caller: Caller) async throws -> FakeResponse {
        try await harness.call(
            "validatePromoCode", body: ["promoCode": .string(code), "tierId": .string(tier), "frequency": .string(frequency)], as: caller)
    }

    @Test func validatePromoPricesValidCodesAndAnswersTheBasePriceOtherwise() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let percentage = try await promo("welcome20", "tier_professional", "monthly", harness: harness, as: demo)
        #expect(percentage.jsonBody?["data"] == [
            "isValid": true, "discount": ["type": "percentage", "value": 20, "duration": "repeating", "durationInMonths": 6], "newPrice": 23.99,
        ])
        let fixed = try await promo("LAUNCH10", "tier_enterprise", "yearly", harness: harness, as: demo)
        #expect(fixed.jsonBody?["data"]?["newPrice"]?.doubleValue == 989.99)  // 999.99 − 1000 cents
        let wrongTier = try await promo("LAUNCH10", "tier_starter", "monthly", harness: harness, as: demo)
        #expect(wrongTier.jsonBody?["data"] == ["isValid": false, "newPrice": 12.99])
        let expired = try await promo("SUMMER2025", "tier_professional", "monthly", harness: harness, as: demo)
        #expect(expired.jsonBody?["data"] == ["isValid": false, "newPrice": 29.99])
        let unknown = try await promo("NOPE", "tier_professional", "yearly", harness: harness, as: demo)
        #expect(unknown.jsonBody?["data"] == ["isValid": false, "newPrice": 299.99])

        let badTier = try await promo("WELCOME20", "tier_platinum", "monthly", harness: harness, as: demo)
        #expect(badTier.status == 422 && badTier.jsonBody?["errors"]?["tierId"] != nil)
        let badFrequency = try await promo("WELCOME20", "tier_starter", "yearly", harness: harness, as: demo)
        #expect(badFrequency.status == 422 && badFrequency.jsonBody?["errors"]?["frequency"] != nil)
    }

    @Test func paymentIntentsAnswerTheDiscountedAmountInCentsAndStoreNothing() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let before = try await harness.subscription(demo)
        let plain = try await harness.call("createPaymentIntent", body: ["tierId": "tier_professional", "frequency": "monthly"], as: demo)
        let data = try #require(plain.jsonBody?["data"])
        #expect(data["amount"] == 2999 && data["currency"] == "usd")
        #expect(data["clientSecret"]?.stringValue?.hasPrefix("pi_") == true)
        let discounted = try await harness.call(
            "createPaymentIntent", body: ["tierId": "tier_enterprise", "frequency": "yearly", "promoCode": "ANNUAL15"], as: demo)
        #expect(discounted.jsonBody?["data"]?["amount"] == 84999)
        let invalid = try await harness.call(
            "createPaymentIntent", body: ["tierId": "tier_professional", "frequency": "monthly", "promoCode": "ANNUAL15"], as: demo)
        #expect(invalid.status == 422 && invalid.jsonBody?["code"] == "PROMO_CODE_INVALID")
        #expect(invalid.jsonBody?["errors"]?["promoCode"] != nil)
        let badFrequency = try await harness.call("createPaymentIntent", body: ["tierId": "tier_starter", "frequency": "yearly"], as: demo)
        #expect(badFrequency.status == 422 && badFrequency.jsonBody?["code"] == "VALIDATION_ERROR")
        #expect(try await harness.subscription(demo) == before)
    }

    func event(_ type: String, tenant: String, object: JSONValue = [:]) -> JSONValue {
        var members = object.objectValue ?? [:]
        members["metadata"] = ["tenantId": .string(tenant)]
        return ["id": "evt_test", "object": "event", "type": .string(type), "created": 1_764_000_000, "data": ["object": .object(members)]]
    }

    @Test func webhookEventsMoveTheNamedTenantsSubscription() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let globex = try await harness.subscription(gina)

        #expect(try await harness.call("handleBillingWebhook", body: event("invoice.payment_failed", tenant: "tenant_acme")).jsonBody == ["success": true])
        #expect(try await harness.subscription(demo)?["status"] == "past_due")
        #expect(try await harness.subscription(demo)?["isActive"] == true)
        try await harness.call("handleBillingWebhook", body: event("invoice.paid", tenant: "tenant_acme"))
        #expect(try await harness.subscription(demo)?["status"] == "active")

        try await harness.call(
            "handleBillingWebhook",
            body: event("customer.subscription.updated", tenant: "tenant_acme", object: ["status": "canceled", "cancel_at_period_end": true]))
        var acme = try #require(try await harness.subscription(demo))
        #expect(acme["status"] == "cancelled" && acme["isActive"] == false)
        #expect(acme["cancelAtPeriodEnd"] == true && acme["autoRenewal"] == false)
        try await harness.call("handleBillingWebhook", body: event("customer.subscription.updated", tenant: "tenant_acme", object: ["status": "trialing"]))
        #expect(try await harness.subscription(demo)?["isActive"] == true)

        try await harness.call("handleBillingWebhook", body: event("customer.subscription.deleted", tenant: "tenant_acme"))
        acme = try #require(try await harness.subscription(demo))
        #expect(acme["status"] == "cancelled" && acme["isActive"] == false && acme["autoRenewal"] == false)
        #expect(acme["expirationDate"] == "2025-11-24T16:00:00Z")
        #expect(try await harness.subscription(gina) == globex)
    }

    @Test func webhookEventsForUnknownTenantsOrTypesChangeNothing() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let before = try await harness.subscription(demo)
        let unknown = try await harness.call("handleBillingWebhook", body: event("customer.subscription.deleted", tenant: "tenant_nowhere"))
        #expect(unknown.status == 200 && unknown.jsonBody == ["success": true])
        try await harness.call("handleBillingWebhook", body: event("charge.refunded", tenant: "tenant_acme"))
        try await harness.call("handleBillingWebhook", body: ["id": "evt_x", "type": "invoice.paid", "data": ["object": [:]]])
        #expect(try await harness.subscription(demo) == before)
    }

    @Test func anAdminExtendsATrialAndTheHistoryGrows() async throws {
        let harness = try await EngineHarness(scenario: "onboarding")
        let demo = try await harness.login()
        #expect(try await harness.call("getUserTrialHistory", path: ["userId": "user_demo"], as: demo).jsonBody?["data"] == [])
        harness.clock.advance(86_400 * 20)  // the trial (ends 2025-12-04) has expired: extension revives it
        let extended = try await harness.call(
            "extendUserTrial", path: ["userId": "user_demo"],
            body: ["newExpirationDate": "2025-12-18T09:00:00Z", "reason": "Customer success initiative", "extendedBy": "user_demo"], as: demo)
        #expect(extended.status == 200)
        let data = try #require(extended.jsonBody?["data"])
        #expect(data["previousExpirationDate"] == "2025-12-04T09:00:00Z" && data["newExpirationDate"] == "2025-12-18T09:00:00Z")
        let subscription = try #require(data["subscription"])
        for field in ["trialEndDate", "expirationDate", "currentPeriodEnd"] { #expect(subscription[field] == "2025-12-18T09:00:00Z") }
        #expect(subscription["status"] == "trialing" && subscription["isActive"] == true)
        #expect(subscription["trialExtendedBy"] == "user_demo" && subscription["trialExtensionReason"] == "Customer success initiative")
        #expect(try await harness.subscription(demo) == subscription)

        try await harness.call(
            "extendUserTrial", path: ["userId": "user_demo"],
            body: ["newExpirationDate": "2026-01-08T09:00:00Z", "reason": "Holidays", "extendedBy": "user_demo"], as: demo)
        let history = try #require(try await harness.call("getUserTrialHistory", path: ["userId": "user_demo"], as: demo).jsonBody?["data"]?.arrayValue)
        #expect(history.count == 2)
        #expect(history.last?["previousExpirationDate"] == "2025-12-18T09:00:00Z" && history.last?["newExpirationDate"] == "2026-01-08T09:00:00Z")
        #expect(history.last?["extendedAt"] == "2025-12-14T16:00:00Z" && history.last?["reason"] == "Holidays")
        #expect(history.last?["id"]?.stringValue?.hasPrefix("trialext_") == true)
    }

    @Test func extendTrialRefusesForeignUsersNonTrialsAndNonAdmins() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let body: JSONValue = ["newExpirationDate": "2025-12-18T09:00:00Z", "reason": "Goodwill", "extendedBy": "user_demo"]
        let foreign = try await harness.call("extendUserTrial", path: ["userId": "user_gina"], body: body, as: demo)
        #expect(foreign.status == 404)
        let notTrial = try await harness.call("extendUserTrial", path: ["userId": "user_sam"], body: body, as: demo)
        #expect(notTrial.status == 422 && notTrial.jsonBody?["code"] == "NOT_A_TRIAL")
        #expect(try await harness.subscription(demo)?["trialEndDate"] == nil)

        let samLogin = try await harness.call("login", body: ["email": "sam@acme.example", "password": "Sam12345!"])
        let samToken = try #require(samLogin.jsonBody?["data"]?["access_token"]?.stringValue)
        let auth = try harness.endpoint("extendUserTrial").auth
        #expect(auth == .admin)
        await #expect(throws: FakeError.forbidden("This endpoint requires the admin role")) {
            _ = try await harness.engine.authenticate(auth, bearer: samToken, tenant: "tenant_acme")
        }
    }
}
