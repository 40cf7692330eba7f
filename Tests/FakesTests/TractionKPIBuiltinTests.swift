import CivilTime
import Fakes
import JSON
import Testing

/// The KPI catalog, readings from all three sources with their `kpi.reading.created` events,
/// pagination and tenant isolation (default scenario).
@Suite struct TractionKPIBuiltinTests {
    @Test func listKpisFiltersSearchesSortsByNameAndPages() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let all = try await harness.call("listKpis", as: demo)
        #expect(tractionIDs(all.jsonBody?["data"]) == ["kpi_nps", "kpi_cohort_size", "kpi_churn", "kpi_mrr"])
        #expect(all.jsonBody?["pagination"] == ["page": 1, "limit": 20, "total": 4, "totalPages": 1])
        let page2 = try await harness.call("listKpis", query: ["page": 2, "size": 3], as: demo)
        #expect(tractionIDs(page2.jsonBody?["data"]) == ["kpi_mrr"])
        #expect(page2.jsonBody?["pagination"] == ["page": 2, "limit": 3, "total": 4, "totalPages": 2])
        let customer = try await harness.call("listKpis", query: ["category": "customer"], as: demo)
        #expect(tractionIDs(customer.jsonBody?["data"]) == ["kpi_nps", "kpi_churn"])
        let sams = try await harness.call("listKpis", query: ["ownerId": "user_sam"], as: demo)
        #expect(tractionIDs(sams.jsonBody?["data"]) == ["kpi_cohort_size", "kpi_churn"])
        let search = try await harness.call("listKpis", query: ["search": "REVENUE"], as: demo)
        #expect(tractionIDs(search.jsonBody?["data"]) == ["kpi_mrr"])  // name
        let inDescription = try await harness.call("listKpis", query: ["search": "survey"], as: demo)
        #expect(tractionIDs(inDescription.jsonBody?["data"]) == ["kpi_nps"])
        let inCategory = try await harness.call("listKpis", query: ["search": "growth"], as: demo)
        #expect(tractionIDs(inCategory.jsonBody?["data"]) == ["kpi_cohort_size"])
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(tractionIDs(try await harness.call("listKpis", as: gina).jsonBody?["data"]) == ["kpi_on_time"])
    }

    @Test func getKpiAnswersTheKpiWithItsReadingsInPeriodOrder() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let churn = try await harness.call("getKpi", path: ["id": "kpi_churn"], as: demo)
        #expect(churn.jsonBody?["data"]?["kpi"]?["name"] == "Monthly client churn")
        #expect(tractionIDs(churn.jsonBody?["data"]?["readings"]) == ["reading_churn_2025_09", "reading_churn_2025_10"])
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let foreign = try await harness.call("getKpi", path: ["id": "kpi_mrr"], as: gina)
        #expect(foreign.status == 404)
        #expect(try await harness.call("listKpiReadings", path: ["id": "kpi_mrr"], as: gina).status == 404)
        #expect(try await harness.call("getKpiCrossGoalImpact", path: ["kpiId": "kpi_mrr"], as: gina).status == 404)
    }

    @Test func readingsAreRecordedAndAnnouncedToEveryLinkingGoal() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let created = try await harness.call(
            "createKpiReading", path: ["id": "kpi_mrr"],
            body: ["period": "2025-11", "value": 44800, "adjustedValue": 44000, "reason": "Two new retainers"], as: demo)
        #expect(created.status == 200)
        let reading = try #require(created.jsonBody?["data"])
        #expect(reading["id"]?.stringValue?.hasPrefix("reading_") == true)
        #expect(reading["kpiId"] == "kpi_mrr" && reading["source"] == "reading" && reading["recordedBy"] == "user_demo")
        #expect(reading["adjustedValue"] == 44000 && reading["createdAt"] == .string(harness.clock.now.rfc3339))
        // kpi_mrr is linked to goal_revenue and goal_group_program, not to goal_retention.
        for goal in ["goal_revenue", "goal_group_program"] {
            let events = harness.engine.events.subscribe(channel: "goal:\(goal)", after: 0).replay
            #expect(events.map(\.name) == ["kpi.reading.created"])
            #expect(events.first?.data == ["type": "kpi.reading.created", "goalId": .string(goal), "reading": reading])
        }
        #expect(harness.engine.events.subscribe(channel: "goal:goal_retention", after: 0).replay.isEmpty)
        #expect(harness.engine.events.subscribe(channel: "tenant:tenant_acme", after: 0).replay.count == 2)
        // The new November reading is now the current value: 44,000 against November's 46,000.
        let link = try await harness.call("getGoalKpiLink", path: ["goalId": "goal_revenue", "kpiId": "kpi_mrr"], as: demo)
        #expect(link.jsonBody?["data"]?["currentValue"] == 44000 && link.jsonBody?["data"]?["plannedValue"] == 46000)
        #expect(link.jsonBody?["data"]?["attainmentPct"] == 95.7)  // 44000 / 46000

        let bad = try await harness.call("createKpiReading", path: ["id": "kpi_mrr"], body: ["period": "2025-13", "value": "many"], as: demo)
        #expect(bad.status == 422 && bad.jsonBody?["errors"]?["period"] != nil && bad.jsonBody?["errors"]?["value"] != nil)
        #expect(try await harness.call("createKpiReading", path: ["id": "kpi_nope"], body: ["period": "2025-11", "value": 1], as: demo).status == 404)
    }

    @Test func actualsAreReadingsOfTheSharedKpi() async throws {
        let harness = try await EngineHarness()
        let sam = try await harness.login("sam@acme.example", password: "Sam12345!")
        let actual = try await harness.call(
            "recordKpiActual", path: ["sharedKpiId": "kpi_cohort_size"], body: ["period": "2025-11", "value": 8, "notes": "Pilot full"], as: sam)
        #expect(actual.status == 200)
        let reading = try #require(actual.jsonBody?["data"])
        #expect(reading["source"] == "actual" && reading["notes"] == "Pilot full" && reading["recordedBy"] == "user_sam")
        let events = harness.engine.events.subscribe(channel: "goal:goal_group_program", after: 0).replay
        #expect(events.map { $0.data["reading"] } == [reading])
        let readings = try await harness.call("getKpi", path: ["id": "kpi_cohort_size"], as: sam)
        #expect(readings.jsonBody?["data"]?["readings"]?[2]?["id"] == reading["id"])
        #expect(try await harness.call("recordKpiActual", path: ["sharedKpiId": "kpi_nope"], body: ["period": "2025-11", "value": 8], as: sam).status == 404)
    }

    @Test func actionKpiUpdatesCheckTheirReferences() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let update = try await harness.call(
            "createActionKpiUpdate", path: ["actionId": "action_referral_partners"],
            body: ["kpiId": "kpi_churn", "sharedKpiId": "kpi_churn", "horizonId": "milestone_churn_dec", "newValue": 2.8, "notes": "Harbor HR clients stayed"], as: demo)
        #expect(update.status == 200)
        let data = try #require(update.jsonBody?["data"])
        #expect(data["actionId"] == "action_referral_partners" && data["kpiId"] == "kpi_churn" && data["newValue"] == 2.8)
        #expect(data["updateDate"] == "2025-11-24")  // today on the test clock
        let reading = try #require(data["reading"])
        #expect(reading["period"] == "2025-11" && reading["value"] == 2.8 && reading["source"] == "action")
        #expect(reading["actionId"] == "action_referral_partners" && reading["horizonId"] == "milestone_churn_dec")
        // Churn is linked to goal_revenue (active) and goal_retention (draft): both hear of it.
        for goal in ["goal_revenue", "goal_retention"] {
            #expect(harness.engine.events.subscribe(channel: "goal:\(goal)", after: 0).replay.map { $0.data["reading"] } == [reading])
        }
        let dated = try await harness.call(
            "createActionKpiUpdate", path: ["actionId": "action_referral_partners"],
            body: ["kpiId": "kpi_mrr", "newValue": 47000, "updateDate": "2025-12-02"], as: demo)
        #expect(dated.jsonBody?["data"]?["reading"]?["period"] == "2025-12" && dated.jsonBody?["data"]?["updateDate"] == "2025-12-02")

        let refusals: [(JSONValue, String)] = [
            (["kpiId": "kpi_on_time", "newValue": 1], "kpiId"),
            (["kpiId": "kpi_mrr", "sharedKpiId": "kpi_churn", "newValue": 1], "sharedKpiId"),
            (["kpiId": "kpi_mrr", "horizonId": "milestone_churn_dec", "newValue": 1], "horizonId"),
        ]
        for (body, field) in refusals {
            let refused = try await harness.call("createActionKpiUpdate", path: ["actionId": "action_referral_partners"], body: body, as: demo)
            #expect(refused.status == 422 && refused.jsonBody?["errors"]?[field] != nil, "\(field)")
        }
        let noAction = try await harness.call("createActionKpiUpdate", path: ["actionId": "action_route_pilot"], body: ["kpiId": "kpi_mrr", "newValue": 1], as: demo)
        #expect(noAction.status == 404)  // Globex's action
        let readings = try await harness.call("listKpiReadings", path: ["id": "kpi_mrr"], as: demo)
        #expect(readings.jsonBody?["pagination"]?["total"] == 3)  // two seeded, one dated update; refusals wrote nothing
    }

    @Test func listKpiReadingsKeepsTheMonthsBetweenStartAndEndDate() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        for (period, value) in [("2025-12", 47500), ("2025-11", 45100)] {
            _ = try await harness.call("createKpiReading", path: ["id": "kpi_mrr"], body: ["period": .string(period), "value": .integer(value)], as: demo)
        }
        let all = try await harness.call("listKpiReadings", path: ["id": "kpi_mrr"], as: demo)
        #expect(all.jsonBody?["data"]?.arrayValue?.compactMap { $0["period"]?.stringValue } == ["2025-09", "2025-10", "2025-11", "2025-12"])
        let window = try await harness.call("listKpiReadings", path: ["id": "kpi_mrr"], query: ["startDate": "2025-10-15", "endDate": "2025-11-01"], as: demo)
        #expect(window.jsonBody?["data"]?.arrayValue?.compactMap { $0["period"]?.stringValue } == ["2025-10", "2025-11"])
        let paged = try await harness.call("listKpiReadings", path: ["id": "kpi_mrr"], query: ["startDate": "2025-10-01", "page": 2, "size": 2], as: demo)
        #expect(paged.jsonBody?["data"]?.arrayValue?.compactMap { $0["period"]?.stringValue } == ["2025-12"])
        #expect(paged.jsonBody?["pagination"] == ["page": 2, "limit": 2, "total": 3, "totalPages": 2])
        let bad = try await harness.call("listKpiReadings", path: ["id": "kpi_mrr"], query: ["endDate": "soon"], as: demo)
        #expect(bad.status == 422 && bad.jsonBody?["errors"]?["endDate"] != nil)
        #expect(try await harness.call("listKpiReadings", path: ["id": "kpi_nope"], as: demo).status == 404)
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let theirs = try await harness.call("listKpiReadings", path: ["id": "kpi_on_time"], as: gina)
        #expect(theirs.jsonBody?["pagination"]?["total"] == 2)  // Acme's readings stay in Acme
    }
}
