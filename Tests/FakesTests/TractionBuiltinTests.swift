import CivilTime
import Fakes
import JSON
import Testing

/// Goal views, the guarded goal update, strategy reordering and goal ↔ KPI links, against the
/// default scenario (Acme Coaching; see fixtures/default/traction-goals.yaml).
@Suite struct TractionBuiltinTests {
    @Test func goalViewsEmbedStrategiesAndKpiFiguresComputedFromTheFixtures() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let response = try await harness.call("getGoal", path: ["id": "goal_revenue"], as: demo)
        #expect(response.status == 200)
        let goal = try #require(response.jsonBody?["data"])
        #expect(goal["title"] == "Grow recurring revenue")
        #expect(tractionIDs(goal["strategies"]) == ["strategy_referrals", "strategy_pricing"])  // order 1, 2
        #expect(tractionIDs(goal["kpis"]) == ["gkpi_revenue_mrr", "gkpi_revenue_churn"])  // link createdAt 15:40, 15:42
        // MRR: latest reading October 41,200; October plan 42,000 (milestone_mrr_oct); target 50,000 (December).
        let mrr = try #require(goal["kpis"]?[0])
        #expect(mrr["sharedKpiId"] == "kpi_mrr" && mrr["name"] == "Monthly recurring revenue" && mrr["direction"] == "up")
        #expect(mrr["currentValue"] == 41200 && mrr["plannedValue"] == 42000 && mrr["targetValue"] == 50000)
        #expect(mrr["attainmentPct"] == 98.1)  // 41200 / 42000
        #expect(mrr["progress"] == 82.4)  // 41200 / 50000
        #expect(mrr["onTrack"] == true)  // 98.1 ≥ 80
        // Churn (down): October adjusted value 3.1 against the October ceiling 3.5 and year-end 2.5.
        let churn = try #require(goal["kpis"]?[1])
        #expect(churn["currentValue"] == 3.1 && churn["plannedValue"] == 3.5 && churn["targetValue"] == 2.5)
        #expect(churn["attainmentPct"] == 100)  // 3.1 ≤ 3.5
        #expect(churn["progress"] == 80.6)  // 2.5 / 3.1
        let missing = try await harness.call("getGoal", path: ["id": "goal_nope"], as: demo)
        #expect(missing.status == 404 && missing.jsonBody?["code"] == "GOAL_NOT_FOUND")
    }

    @Test func listGoalViewsFiltersByOwnerAndStatusNewestFirst() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let all = try await harness.call("listGoals", as: demo)
        #expect(tractionIDs(all.jsonBody?["data"]) == ["goal_retention", "goal_group_program", "goal_brand", "goal_revenue", "goal_website"])
        let program = try #require(all.jsonBody?["data"]?[1])
        #expect(tractionIDs(program["kpis"]) == ["gkpi_program_cohort", "gkpi_program_mrr"])
        #expect(program["kpis"]?[0]?["attainmentPct"] == 75)  // cohort 6 against the 8 planned by November 14
        let mine = try await harness.call("listGoals", query: ["ownerId": "user_demo"], as: demo)
        #expect(tractionIDs(mine.jsonBody?["data"]) == ["goal_brand", "goal_revenue", "goal_website"])
        let active = try await harness.call("listGoals", query: ["ownerId": "user_demo", "status": "active"], as: demo)
        #expect(tractionIDs(active.jsonBody?["data"]) == ["goal_revenue"])
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(tractionIDs(try await harness.call("listGoals", as: gina).jsonBody?["data"]) == ["goal_fleet"])
    }

    @Test func updateGoalFollowsTheStatusMachine() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        harness.clock.advance(3600)
        let activated = try await harness.call("updateGoal", path: ["id": "goal_retention"], body: ["status": "active", "title": "Keep clients longer"], as: demo)
        #expect(activated.status == 200)
        #expect(activated.jsonBody?["data"]?["status"] == "active" && activated.jsonBody?["data"]?["title"] == "Keep clients longer")
        #expect(activated.jsonBody?["data"]?["updatedAt"] == .string(harness.clock.now.rfc3339))
        #expect(tractionIDs(activated.jsonBody?["data"]?["kpis"]) == ["gkpi_retention_churn"])

        let refused = try await harness.call("updateGoal", path: ["id": "goal_revenue"], body: ["status": "draft", "title": "Changed"], as: demo)
        #expect(refused.status == 422 && refused.jsonBody?["code"] == "INVALID_STATUS_TRANSITION")
        let unchanged = try await harness.call("getGoal", path: ["id": "goal_revenue"], as: demo)
        #expect(unchanged.jsonBody?["data"]?["title"] == "Grow recurring revenue" && unchanged.jsonBody?["data"]?["status"] == "active")

        let reopen = try await harness.call("updateGoal", path: ["id": "goal_website"], body: ["status": "active"], as: demo)
        #expect(reopen.status == 422)  // a completed goal stays closed
        let closed = try await harness.call("updateGoal", path: ["id": "goal_brand"], body: ["status": "cancelled"], as: demo)
        #expect(closed.jsonBody?["data"]?["status"] == "cancelled")  // paused → cancelled
        let paused = try await harness.call("updateGoal", path: ["id": "goal_group_program"], body: ["status": "paused"], as: demo)
        #expect(paused.jsonBody?["data"]?["status"] == "paused")
        let same = try await harness.call("updateGoal", path: ["id": "goal_website"], body: ["status": "completed", "description": "Done"], as: demo)
        #expect(same.status == 200 && same.jsonBody?["data"]?["description"] == "Done")  // same status is a no-op
        let missing = try await harness.call("updateGoal", path: ["id": "goal_nope"], body: ["title": "x"], as: demo)
        #expect(missing.status == 404 && missing.jsonBody?["code"] == "GOAL_NOT_FOUND")
    }

    @Test func reorderStrategiesSetsOrdersAllOrNothing() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let body: JSONValue = ["goalId": "goal_revenue", "strategyOrders": [["strategyId": "strategy_pricing", "newOrder": 1], ["strategyId": "strategy_referrals", "newOrder": 2]]]
        let reordered = try await harness.call("reorderStrategies", path: ["goalId": "goal_revenue"], body: body, as: demo)
        #expect(reordered.status == 200)
        #expect(tractionIDs(reordered.jsonBody?["data"]) == ["strategy_pricing", "strategy_referrals"])
        #expect(reordered.jsonBody?["data"]?[0]?["updatedAt"] == .string(harness.clock.now.rfc3339))
        let view = try await harness.call("getGoal", path: ["id": "goal_revenue"], as: demo)
        #expect(tractionIDs(view.jsonBody?["data"]?["strategies"]) == ["strategy_pricing", "strategy_referrals"])

        let wrongGoal = try await harness.call(
            "reorderStrategies", path: ["goalId": "goal_revenue"],
            body: ["goalId": "goal_brand", "strategyOrders": [["strategyId": "strategy_pricing", "newOrder": 5]]], as: demo)
        #expect(wrongGoal.status == 422 && wrongGoal.jsonBody?["errors"]?["goalId"] != nil)
        let foreign = try await harness.call(
            "reorderStrategies", path: ["goalId": "goal_revenue"],
            body: ["strategyOrders": [["strategyId": "strategy_referrals", "newOrder": 9], ["strategyId": "strategy_podcast", "newOrder": 1]]], as: demo)
        #expect(foreign.status == 422 && foreign.jsonBody?["errors"]?["strategyOrders.1.strategyId"] != nil)
        let after = try await harness.call("getGoal", path: ["id": "goal_revenue"], as: demo)
        #expect(after.jsonBody?["data"]?["strategies"]?[1]?["order"] == 2)  // the refused bodies wrote nothing
        let missing = try await harness.call("reorderStrategies", path: ["goalId": "goal_nope"], body: body, as: demo)
        #expect(missing.status == 404)
    }

    @Test func linkGetThresholdAndUnlinkAKpi() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let before = try await harness.call("listAvailableKpis", path: ["goalId": "goal_retention"], as: demo)
        #expect(tractionIDs(before.jsonBody?["data"]) == ["kpi_nps", "kpi_cohort_size", "kpi_mrr"])  // by name: Client…, Group…, Monthly…

        let linked = try await harness.call("linkGoalKpi", path: ["goalId": "goal_retention"], body: ["kpiId": "kpi_nps", "thresholdPct": 80], as: demo)
        #expect(linked.status == 200)
        let view = try #require(linked.jsonBody?["data"])
        let linkID = try #require(view["id"]?.stringValue)
        #expect(linkID.hasPrefix("gkpi_") && view["goalId"] == "goal_retention" && view["sharedKpiId"] == "kpi_nps")
        // NPS: September survey 52 against the single December milestone of 60.
        #expect(view["currentValue"] == 52 && view["plannedValue"] == 60 && view["attainmentPct"] == 86.7 && view["onTrack"] == true)
        let after = try await harness.call("listAvailableKpis", path: ["goalId": "goal_retention"], as: demo)
        #expect(tractionIDs(after.jsonBody?["data"]) == ["kpi_cohort_size", "kpi_mrr"])

        let relinked = try await harness.call("linkGoalKpi", path: ["goalId": "goal_retention"], body: ["kpiId": "kpi_nps", "thresholdPct": 85], as: demo)
        #expect(relinked.jsonBody?["data"]?["id"] == .string(linkID) && relinked.jsonBody?["data"]?["thresholdPct"] == 85)
        let raised = try await harness.call("setGoalKpiThreshold", path: ["goalId": "goal_retention", "kpiId": "kpi_nps"], body: ["thresholdPct": 95], as: demo)
        #expect(raised.jsonBody?["data"]?["thresholdPct"] == 95 && raised.jsonBody?["data"]?["onTrack"] == false)  // 86.7 < 95
        let read = try await harness.call("getGoalKpiLink", path: ["goalId": "goal_retention", "kpiId": "kpi_nps"], as: demo)
        #expect(read.jsonBody?["data"]?["thresholdPct"] == 95 && read.jsonBody?["data"]?["id"] == .string(linkID))
        let goal = try await harness.call("getGoal", path: ["id": "goal_retention"], as: demo)
        #expect(tractionIDs(goal.jsonBody?["data"]?["kpis"]) == ["gkpi_retention_churn", .string(linkID)])

        let unlinked = try await harness.call("unlinkGoalKpi", path: ["goalId": "goal_retention"], body: ["kpiId": "kpi_nps"], as: demo)
        #expect(unlinked.status == 200 && unlinked.jsonBody == ["success": true])
        #expect(try await harness.call("getGoalKpiLink", path: ["goalId": "goal_retention", "kpiId": "kpi_nps"], as: demo).status == 404)
        #expect(try await harness.call("unlinkGoalKpi", path: ["goalId": "goal_retention"], body: ["kpiId": "kpi_nps"], as: demo).status == 404)
        #expect(try await harness.call("setGoalKpiThreshold", path: ["goalId": "goal_retention", "kpiId": "kpi_nps"], body: ["thresholdPct": 50], as: demo).status == 404)
    }

    @Test func linkRefusesUnknownKpisGoalsAndOtherTenantsRecords() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let unknown = try await harness.call("linkGoalKpi", path: ["goalId": "goal_revenue"], body: ["kpiId": "kpi_on_time", "thresholdPct": 80], as: demo)
        #expect(unknown.status == 422 && unknown.jsonBody?["errors"]?["kpiId"] != nil)  // Globex's KPI
        let noGoal = try await harness.call("linkGoalKpi", path: ["goalId": "goal_fleet"], body: ["kpiId": "kpi_mrr", "thresholdPct": 80], as: demo)
        #expect(noGoal.status == 404)
        let noThreshold = try await harness.call("linkGoalKpi", path: ["goalId": "goal_retention"], body: ["kpiId": "kpi_nps", "thresholdPct": 120], as: demo)
        #expect(noThreshold.status == 422 && noThreshold.jsonBody?["errors"]?["thresholdPct"] != nil)
        #expect(try await harness.call("listAvailableKpis", path: ["goalId": "goal_nope"], as: demo).status == 404)
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(try await harness.call("getGoalKpiLink", path: ["goalId": "goal_revenue", "kpiId": "kpi_mrr"], as: gina).status == 404)
        #expect(try await harness.call("getGoal", path: ["id": "goal_revenue"], as: gina).status == 404)
        let available = try await harness.call("listAvailableKpis", path: ["goalId": "goal_fleet"], as: gina)
        #expect(tractionIDs(available.jsonBody?["data"]) == [])  // Globex's only KPI is linked to its only goal
    }
}

/// The `id`s of an array of records, in order.
func tractionIDs(_ array: JSONValue?) -> [JSONValue] {
    (array?.arrayValue ?? []).map { $0["id"] ?? .null }
}
