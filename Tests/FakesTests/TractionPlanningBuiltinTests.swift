import CivilTime
import Contracts
import JSONSchema
import Fakes
import JSON
import Testing

/// KPI planning: milestones, plans, goal planning, plan adjustment, cross-goal impact and alerts,
/// replan rules. Test clock: 2025-11-24 (UTC).
@Suite struct TractionPlanningBuiltinTests {
    @Test func saveMilestonesMergesAndReplaces() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let body: JSONValue = ["milestones": [
            ["id": "milestone_mrr_dec", "targetDate": "2025-12-31", "targetValue": 52000],
            ["targetDate": "2025-10-15", "targetValue": 40000, "label": "Mid-October"],
            ["id": "milestone_mrr_nov", "targetDate": "2025-11-30", "targetValue": 45000, "label": "November"],
        ]]
        let saved = try await harness.call("putKpiMilestones", path: ["sharedKpiId": "kpi_mrr"], body: body, as: demo)
        #expect(saved.status == 200)
        let milestones = try #require(saved.jsonBody?["data"]?.arrayValue)
        #expect(milestones.map { $0["targetDate"] } == ["2025-10-15", "2025-11-30", "2025-12-31"])  // October dropped (replaceAll)
        #expect(milestones[0]["id"]?.stringValue?.hasPrefix("milestone_") == true && milestones[0]["sharedKpiId"] == "kpi_mrr")
        #expect(milestones[2]["targetValue"] == 52000 && milestones[2]["label"] == "Year-end target")  // left-out fields kept
        #expect(milestones[2]["notes"] == "Enough to fund a second senior coach from January")
        #expect(milestones[2]["createdAt"] == "2025-09-08T16:00:00Z" && milestones[2]["updatedAt"] == .string(harness.clock.now.rfc3339))
        let listed = try await harness.call("getKpiMilestones", path: ["sharedKpiId": "kpi_mrr"], as: demo)
        #expect(listed.jsonBody?["data"] == .array(milestones))

        let kept = try await harness.call(
            "putKpiMilestones", path: ["sharedKpiId": "kpi_mrr"],
            body: ["replaceAll": false, "milestones": [["targetDate": "2026-03-31", "targetValue": 56000, "label": "Q1 stretch"]]], as: demo)
        #expect(kept.jsonBody?["data"]?.arrayValue?.count == 4)
        let foreign = try await harness.call(
            "putKpiMilestones", path: ["sharedKpiId": "kpi_mrr"],
            body: ["milestones": [["targetDate": "2026-01-31", "targetValue": 1], ["id": "milestone_churn_oct", "targetDate": "2025-10-31", "targetValue": 3]]], as: demo)
        #expect(foreign.status == 422 && foreign.jsonBody?["errors"]?["milestones.1.id"] != nil)  // churn's milestone
        let unchanged = try await harness.call("getKpiMilestones", path: ["sharedKpiId": "kpi_mrr"], as: demo)
        #expect(unchanged.jsonBody?["data"]?.arrayValue?.count == 4)
        let churn = try await harness.call("getKpiMilestones", path: ["sharedKpiId": "kpi_churn"], as: demo)
        #expect(tractionIDs(churn.jsonBody?["data"]) == ["milestone_churn_oct", "milestone_churn_dec"])  // other KPIs untouched
        #expect(try await harness.call("putKpiMilestones", path: ["sharedKpiId": "kpi_nope"], body: body, as: demo).status == 404)
        let incomplete = try await harness.call(
            "putKpiMilestones", path: ["sharedKpiId": "kpi_mrr"], body: ["milestones": [["targetValue": 1], ["targetDate": "2026-02-30", "targetValue": 2]]], as: demo)
        #expect(incomplete.status == 422 && incomplete.jsonBody?["errors"]?["milestones.0.targetDate"] != nil)
        #expect(incomplete.jsonBody?["errors"]?["milestones.1.targetDate"] != nil)  // no February 30
    }

    @Test func kpiPlanByMonthAndByQuarter() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let monthly = try #require(try await harness.call("getKpiPlan", path: ["sharedKpiId": "kpi_mrr"], as: demo).jsonBody?["data"])
        #expect(monthly["baselineValue"] == 38500 && monthly["currentValue"] == 41200 && monthly["targetValue"] == 50000)
        #expect(monthly["targetDate"] == "2025-12-31" && tractionIDs(monthly["milestones"]).count == 3)
        // September and October readings; October, November and December milestones.
        #expect(monthly["points"] == [
            ["period": "2025-09", "plannedValue": 42000, "actualValue": 38500, "attainmentPct": 91.7],
            ["period": "2025-10", "plannedValue": 42000, "actualValue": 41200, "attainmentPct": 98.1],
            ["period": "2025-11", "plannedValue": 46000, "actualValue": nil, "attainmentPct": nil],
            ["period": "2025-12", "plannedValue": 50000, "actualValue": nil, "attainmentPct": nil],
        ])
        let quarterly = try await harness.call("getKpiPlan", path: ["sharedKpiId": "kpi_mrr"], query: ["granularity": "quarter"], as: demo)
        #expect(quarterly.jsonBody?["data"]?["points"] == [
            ["period": "2025-Q3", "plannedValue": 42000, "actualValue": 38500, "attainmentPct": 91.7],
            ["period": "2025-Q4", "plannedValue": 50000, "actualValue": 41200, "attainmentPct": 82.4],  // December plan
        ])
        let created = try await harness.call(
            "createKpi", body: ["name": "Average retainer size", "description": "", "category": "financial", "unit": "USD", "direction": "up", "isShared": true], as: demo)
        let newID = try #require(created.jsonBody?["data"]?["id"]?.stringValue)
        let empty = try await harness.call("getKpiPlan", path: ["sharedKpiId": newID], as: demo)
        #expect(empty.jsonBody?["data"]?["points"] == [] && empty.jsonBody?["data"]?["baselineValue"] == JSONValue.null)
        #expect(try await harness.call("getKpiPlan", path: ["sharedKpiId": "kpi_nope"], as: demo).status == 404)
        let weekly = try await harness.call("getKpiPlan", path: ["sharedKpiId": "kpi_mrr"], query: ["granularity": "week"], as: demo)
        #expect(weekly.status == 422 && weekly.jsonBody?["errors"]?["granularity"] != nil)
    }

    @Test func goalKpiPlanningListsMilestonesNextMilestoneAndRules() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let planning = try #require(try await harness.call("getGoalKpiPlanning", path: ["goalId": "goal_group_program"], as: demo).jsonBody?["data"])
        #expect(planning["goalId"] == "goal_group_program" && tractionIDs(planning["kpis"]) == ["gkpi_program_cohort", "gkpi_program_mrr"])
        let cohort = try #require(planning["kpis"]?[0])
        #expect(tractionIDs(cohort["milestones"]) == ["milestone_cohort_pilot", "milestone_cohort_jan"])
        #expect(cohort["nextMilestone"]?["id"] == "milestone_cohort_jan")  // the pilot milestone (Nov 14) has passed
        #expect(cohort["replanRule"] == ["sharedKpiId": "kpi_cohort_size", "enabled": false, "mode": "redistribute", "triggerThresholdPct": 80, "evaluationFrequency": "monthly", "notifyOwner": true])
        #expect(planning["kpis"]?[1]?["replanRule"]?["triggerThresholdPct"] == 90)  // MRR's stored rule
        #expect(try await harness.call("getGoalKpiPlanning", path: ["goalId": "goal_nope"], as: demo).status == 404)
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(try await harness.call("getGoalKpiPlanning", path: ["goalId": "goal_group_program"], as: gina).status == 404)
    }

    @Test func adjustRedistributesFutureMilestonesFromTheCurrentValue() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        // MRR's rule mode is redistribute. Today 2025-11-24: November 30 is 6 days away, December 31 is 37.
        let plan = try #require(try await harness.call("adjustKpiPlan", path: ["sharedKpiId": "kpi_mrr"], body: ["targetValue": 52000], as: demo).jsonBody?["data"])
        let (current, target): (Double, Double) = (41200, 52000)
        let november = ((current + (target - current) * 6 / 37) * 100).rounded() / 100
        #expect(plan["milestones"]?.arrayValue?.map { $0["targetValue"] } == [42000, .number(november), 52000])  // October is past: kept
        #expect(plan["targetValue"] == 52000 && plan["granularity"] == "month")
        #expect(plan["milestones"]?[0]?["updatedAt"] == "2025-09-08T16:00:00Z")
        #expect(plan["milestones"]?[1]?["updatedAt"] == .string(harness.clock.now.rfc3339))
        let stored = try await harness.call("getKpiMilestones", path: ["sharedKpiId": "kpi_mrr"], as: demo)
        #expect(stored.jsonBody?["data"]?[1]?["targetValue"] == .number(november))
    }

    @Test func adjustExtendsTheDeadlineOrOnlySetsTheTarget() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let extended = try await harness.call("adjustKpiPlan", path: ["sharedKpiId": "kpi_churn"], body: ["mode": "extend_deadline"], as: demo)
        #expect(extended.jsonBody?["data"]?["targetDate"] == "2026-01-31")
        let again = try await harness.call("adjustKpiPlan", path: ["sharedKpiId": "kpi_churn"], body: ["mode": "extend_deadline"], as: demo)
        #expect(again.jsonBody?["data"]?["targetDate"] == "2026-02-28")  // January 31 → end of February
        let manual = try await harness.call("adjustKpiPlan", path: ["sharedKpiId": "kpi_cohort_size"], body: ["mode": "manual", "targetValue": 14], as: demo)
        #expect(manual.jsonBody?["data"]?["milestones"]?.arrayValue?.map { $0["targetValue"] } == [8, 14])
        // Without milestones there is nothing to adjust.
        _ = try await harness.call("putKpiMilestones", path: ["sharedKpiId": "kpi_nps"], body: ["milestones": []], as: demo)
        let none = try await harness.call("adjustKpiPlan", path: ["sharedKpiId": "kpi_nps"], body: ["mode": "manual"], as: demo)
        #expect(none.status == 422 && none.jsonBody?["errors"]?["milestones"] != nil)
        #expect(try await harness.call("adjustKpiPlan", path: ["sharedKpiId": "kpi_nope"], as: demo).status == 404)
    }

    @Test func crossGoalImpactShowsEveryLinkingGoal() async throws {
        let harness = try await EngineHarness(scenario: "full-quarter")
        let demo = try await harness.login()
        let impact = try #require(try await harness.call("getKpiCrossGoalImpact", path: ["kpiId": "kpi_dtc_revenue"], as: demo).jsonBody?["data"])
        // November: 310,100 net (adjusted) against the November milestone of 350,000.
        #expect(impact["currentValue"] == 310100 && impact["plannedValue"] == 350000 && impact["attainmentPct"] == 88.6)
        #expect(impact["progress"] == 73.8)  // 310100 / 420000 (December target)
        #expect(impact["goals"]?.arrayValue?.map { $0["goalId"] } == ["goal_retail_popups", "goal_dtc_revenue", "goal_launch_trail"])
        #expect(impact["goals"]?.arrayValue?.map { $0["onTrack"] } == [true, false, true])  // thresholds 50, 90, 60
        #expect(impact["goalCount"] == 3 && impact["atRiskGoalCount"] == 1)
    }

    @Test func fullQuarterHasExactlyOneCrossGoalAlert() async throws {
        let harness = try await EngineHarness(scenario: "full-quarter")
        let demo = try await harness.login()
        let alerts = try #require(try await harness.call("listCrossGoalAlerts", as: demo).jsonBody?["data"]?.arrayValue)
        #expect(alerts.count == 1)
        let alert = try #require(alerts.first)
        #expect(alert["id"] == "alert_kpi_dtc_revenue" && alert["severity"] == "medium" && alert["attainmentPct"] == 88.6)
        #expect(alert["message"] == "Direct-to-consumer revenue is at 88.6% of plan, below the threshold of 1 of the 2 goals that share it")
        #expect(alert["affectedGoals"]?.arrayValue?.map { $0["goalId"] } == ["goal_dtc_revenue", "goal_launch_trail"])  // the cancelled pop-ups are left out
        #expect(alert["detectedAt"] == "2025-12-01T08:15:00Z")
    }

    @Test func alertsAreHighWhenTwoGoalsAreOffTrackAndSortHighFirst() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        #expect(try await harness.call("listCrossGoalAlerts", as: demo).jsonBody?["data"] == [])
        // November MRR 35,000 against 46,000 planned = 76.1%: under goal_revenue's 80, over goal_group_program's 70.
        _ = try await harness.call("createKpiReading", path: ["id": "kpi_mrr"], body: ["period": "2025-11", "value": 35000], as: demo)
        let medium = try await harness.call("listCrossGoalAlerts", as: demo)
        #expect(medium.jsonBody?["data"]?[0]?["severity"] == "medium" && medium.jsonBody?["data"]?[0]?["attainmentPct"] == 76.1)
        _ = try await harness.call("setGoalKpiThreshold", path: ["goalId": "goal_group_program", "kpiId": "kpi_mrr"], body: ["thresholdPct": 90], as: demo)
        // Churn: activate the retention goal so two open goals share it; 2.9 against the December ceiling 2.5 = 86.2%.
        _ = try await harness.call("updateGoal", path: ["id": "goal_retention"], body: ["status": "active"], as: demo)
        _ = try await harness.call("createKpiReading", path: ["id": "kpi_churn"], body: ["period": "2025-11", "value": 2.9], as: demo)
        let alerts = try #require(try await harness.call("listCrossGoalAlerts", as: demo).jsonBody?["data"]?.arrayValue)
        #expect(alerts.map { $0["kpiId"] } == ["kpi_mrr", "kpi_churn"])  // high first, though "Monthly client…" sorts first by name
        #expect(alerts.map { $0["severity"] } == ["high", "medium"])
        #expect(alerts[0]["message"] == "Monthly recurring revenue is at 76.1% of plan, below the threshold of 2 of the 2 goals that share it")
        #expect(alerts[1]["attainmentPct"] == 86.2)
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(try await harness.call("listCrossGoalAlerts", as: gina).jsonBody?["data"] == [])
    }

    @Test func replanRulesDefaultAndMerge() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let fallback = try await harness.call("getKpiReplanRule", path: ["sharedKpiId": "kpi_churn"], as: demo)
        #expect(fallback.jsonBody?["data"] == ["sharedKpiId": "kpi_churn", "enabled": false, "mode": "redistribute", "triggerThresholdPct": 80, "evaluationFrequency": "monthly", "notifyOwner": true])
        let first = try await harness.call("putKpiReplanRule", path: ["sharedKpiId": "kpi_churn"], body: ["enabled": true, "triggerThresholdPct": 85], as: demo)
        let now = JSONValue.string(harness.clock.now.rfc3339)
        #expect(first.jsonBody?["data"] == ["sharedKpiId": "kpi_churn", "enabled": true, "mode": "redistribute", "triggerThresholdPct": 85, "evaluationFrequency": "monthly", "notifyOwner": true, "createdAt": now, "updatedAt": now])
        harness.clock.advance(60)
        let second = try await harness.call("putKpiReplanRule", path: ["sharedKpiId": "kpi_churn"], body: ["mode": "manual"], as: demo)
        #expect(second.jsonBody?["data"]?["createdAt"] == now && second.jsonBody?["data"]?["updatedAt"] == .string(harness.clock.now.rfc3339))
        let read = try await harness.call("getKpiReplanRule", path: ["sharedKpiId": "kpi_churn"], as: demo)
        #expect(read.jsonBody?["data"]?["mode"] == "manual" && read.jsonBody?["data"]?["triggerThresholdPct"] == 85)
        // The stored mode now drives adjust: manual leaves the October ceiling alone.
        let plan = try await harness.call("adjustKpiPlan", path: ["sharedKpiId": "kpi_churn"], body: ["targetValue": 2.0], as: demo)
        #expect(plan.jsonBody?["data"]?["milestones"]?.arrayValue?.map { $0["targetValue"] } == [3.5, 2.0])
        let stored = try await harness.call("getKpiReplanRule", path: ["sharedKpiId": "kpi_mrr"], as: demo)
        #expect(stored.jsonBody?["data"]?["createdAt"] == "2025-09-08T16:05:00Z")
        // A bad mode never reaches the fake: the body schema (ReplanRuleInput) refuses it first.
        let schema = try #require(try harness.endpoint("putKpiReplanRule").body?.schema)
        #expect(!schema.isValid(["mode": "panic"]) && schema.isValid(["mode": "manual"]))
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(try await harness.call("getKpiReplanRule", path: ["sharedKpiId": "kpi_churn"], as: gina).status == 404)
        #expect(try await harness.call("putKpiReplanRule", path: ["sharedKpiId": "kpi_churn"], body: ["enabled": true], as: gina).status == 404)
    }
}
