import Contracts
import Fakes
import Foundation
import JSON
import Testing

/// The Coaching builtins that read tenant state or options: business data, insights, website scan
/// and the value-chosen templates.
@Suite struct CoachingDataTests {
    @Test func businessDataCopiesTheSeedAndCountsOperationsLive() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let before = try #require(try await harness.call("getBusinessData", as: demo).jsonBody?["data"])
        let documented = try #require(try harness.endpoint("getBusinessData").response(for: 200)?.examples.first?.value["data"])
        for part in ["revenue", "customers", "team"] { #expect(before[part] == documented[part]) }  // the Acme seed
        // Acme fixtures: goals active ×2; actions completed ×2; issues in status open/in_progress ×3, resolved ×1.
        #expect(before["operations"] == ["activeGoals": 2, "completedActions": 2, "openIssues": 3])

        let created = try await harness.call("createGoal", body: ["title": "Expand", "intent": "Open a second office"], as: demo)
        let goalID = try #require(created.jsonBody?["data"]?["id"]?.stringValue)
        let afterDraft = try await harness.call("getBusinessData", as: demo).jsonBody?["data"]?["operations"]?["activeGoals"]
        #expect(afterDraft == 2)  // a new goal is a draft
        let activated = try await harness.call("activateGoal", path: ["id": goalID], as: demo)
        #expect(activated.status == 200)
        let after = try await harness.call("getBusinessData", as: demo).jsonBody?["data"]?["operations"]?["activeGoals"]
        #expect(after == 3)

        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let globex = try #require(try await harness.call("getBusinessData", as: gina).jsonBody?["data"])
        #expect(globex["operations"] == ["activeGoals": 1, "completedActions": 1, "openIssues": 1])
        #expect(globex["revenue"]?["trend"] == "down")
    }

    @Test func businessDataOfATenantWithoutSeedIsZeroAndFlat() async throws {
        let harness = try await EngineHarness()
        let stranger = Caller(userID: "user_x", tenantID: "tenant_unseeded", email: "x@example.com", roles: [], sessionID: "s")
        let data = try #require(try await harness.call("getBusinessData", as: stranger).jsonBody?["data"])
        #expect(data["revenue"] == ["current": 0, "previous": 0, "trend": "flat", "changePercent": 0])
        #expect(data["operations"] == ["activeGoals": 0, "completedActions": 0, "openIssues": 0])
        #expect(data["team"]?["size"] == 0)
    }

    @Test func businessDataAndInsightsNeedACaller() async throws {
        let harness = try await EngineHarness()
        #expect(try await harness.call("getBusinessData").status == 401)
        #expect(try await harness.call("generateInsights").status == 401)
    }

    /// The ids of an insights page, its pagination, for the given query.
    static func insights(_ harness: EngineHarness, _ caller: Caller, _ query: [String: JSONValue]) async throws -> (ids: [String], pagination: JSONValue?) {
        let response = try await harness.call("generateInsights", query: query, as: caller)
        #expect(response.status == 200)
        let ids = (response.jsonBody?["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        return (ids, response.jsonBody?["pagination"])
    }

    @Test func insightsAreNewestFirstFilteredAndPaged() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let all = try await Self.insights(harness, demo, [:])
        #expect(all.ids == ["insight_acme_retention", "insight_acme_referrals", "insight_acme_pilot", "insight_acme_pricing", "insight_acme_reminders", "insight_acme_founder_time"])
        #expect(all.pagination == ["page": 1, "limit": 20, "total": 6, "total_pages": 1])

        let operations = try await Self.insights(harness, demo, ["category": "operations"])
        #expect(operations.ids == ["insight_acme_retention"])
        let high = try await Self.insights(harness, demo, ["priority": "high", "status": "acknowledged"])
        #expect(high.ids == ["insight_acme_pricing"])

        let secondPage = try await Self.insights(harness, demo, ["status": "active", "page": 2, "page_size": 3])
        #expect(secondPage.ids == ["insight_acme_reminders"])
        #expect(secondPage.pagination == ["page": 2, "limit": 3, "total": 4, "total_pages": 2])
        let pastTheEnd = try await Self.insights(harness, demo, ["status": "active", "page": 3, "page_size": 3])
        #expect(pastTheEnd.ids.isEmpty)
        #expect(pastTheEnd.pagination?["total"] == 4)
        let none = try await Self.insights(harness, demo, ["category": "finance", "status": "dismissed"])
        #expect(none.ids.isEmpty)
        #expect(none.pagination == ["page": 1, "limit": 20, "total": 0, "total_pages": 0])

        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let globex = try await Self.insights(harness, gina, [:])
        #expect(globex.ids == ["insight_globex_on_time", "insight_globex_fuel", "insight_globex_dispatch"])
    }

    @Test func websiteScanNamesTheBusinessFromTheHost() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        func scan(_ url: String) async throws -> JSONValue? {
            try await harness.call("scanWebsite", body: ["url": .string(url)], as: demo).jsonBody?["data"]
        }
        let tools = try await scan("https://acme-tools.com/about?x=1")
        #expect(tools?["businessName"] == "Acme Tools")
        #expect(tools?["industry"] == "Professional services")
        #expect(tools?["description"] == "Acme Tools (acme-tools.com) presents itself as a business in Professional services, built on expertise, quality and long-term client relationships.")
        let gear = try await scan("http://WWW.Peak_Outdoor--Gear.co.uk")
        #expect(gear?["businessName"] == "Peak Outdoor Gear")
        #expect(gear?["industry"] == "Outdoor retail")
        #expect(gear?["products"] == ["Peak Outdoor Gear Essentials", "Peak Outdoor Gear Premium"])
        let studio = try await scan("northwind.studio")  // no scheme: read as https
        #expect(studio?["businessName"] == "Northwind")
        #expect(studio?["industry"] == "Brand and web design")

        let refused = try await harness.call("scanWebsite", body: ["url": "not a url"], as: demo)
        #expect(refused.status == 422)
        #expect(refused.jsonBody?["errors"]?["url"] != nil)
    }

    @Test func respondByValuePicksTheCaseNamedByTheRequest() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let ica = try await harness.call("getOnboardingSuggestions", body: [
            "kind": "ica", "context": ["businessName": "Northwind", "products": ["A", "B", "C"]],
        ], as: demo)
        #expect(ica.jsonBody?["data"]?["reasoning"] == "These ideal clients feel the problem Northwind solves most sharply, have budget for your 3 products and can decide quickly.")
        #expect(ica.jsonBody?["data"]?["suggestions"]?[0] == "A decision-maker who already spends money on your industry solutions and is frustrated with the current options")
        let value = try await harness.call("getOnboardingSuggestions", body: ["kind": "valueProposition", "context": ["products": []]], as: demo)
        #expect(value.jsonBody?["data"]?["suggestions"]?[0] == "We helps customers get results faster, with less risk than doing it alone")
        let vision = try await harness.call("getOnboardingCoaching", body: [
            "topic": "vision", "message": "Where should we be in 2030?",
            "context": ["businessName": "Northwind", "industry": "Logistics"],
        ], as: demo)
        #expect(vision.jsonBody?["data"]?["suggestions"]?[0] == "Become the most trusted name in Logistics in our region")
        #expect(vision.jsonBody?["data"]?["response"]?.stringValue?.hasPrefix("You asked: \"Where should we be in 2030?\" A vision describes the future Northwind") == true)
    }
}
