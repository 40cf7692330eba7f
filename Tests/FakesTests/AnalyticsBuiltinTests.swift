import Contracts
import Fakes
import Foundation
import JSON
import Testing

/// Goal activity (events included) and the dashboard analytics, with expected figures derived by
/// hand from fixtures/default (see the comments) at the test clock, 2025-11-24.
@Suite struct AnalyticsBuiltinTests {
    // MARK: Goal activity

    @Test func aDecisionIsStoredAndAnnouncedAsActivityAndDecision() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let subscription = harness.engine.events.subscribe(channel: "goal:goal_revenue", after: 0)
        let body: JSONValue = [
            "type": "decision", "title": "Pricing tiers approved", "text": "Three retainer tiers go live on November 1.",
            "metadata": ["decidedBy": ["user_demo", "user_sam"]],
        ]
        let response = try await harness.call("createGoalActivity", path: ["id": "goal_revenue"], body: body, as: demo)
        #expect(response.status == 200)
        let record = try #require(response.jsonBody?["data"])
        let id = try #require(record["id"]?.stringValue)
        #expect(id.hasPrefix("activity_"))
        #expect(record["goalId"] == "goal_revenue")
        #expect(record["createdBy"] == "user_demo")
        #expect(record["createdAt"] == "2025-11-24T16:00:00Z")
        #expect(record["metadata"]?["decidedBy"] == ["user_demo", "user_sam"])

        let events = await Self.next(2, from: subscription.events)
        #expect(events.map(\.name) == ["activity.created", "decision.created"])
        #expect(events.first?.data["activity"] == record)
        #expect(events.last?.data["decision"] == record)
        try Self.expectEventsMatchTheirSchemas(events, harness)

        let feed = try await harness.call("listGoalActivity", path: ["id": "goal_revenue"], query: ["type": "decision"], as: demo)
        let ids = feed.jsonBody?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(ids == ["activity_revenue_decision_tiers", id])
    }

    @Test func anAttachmentEntryAnnouncesTheFileAndOtherTypesOnlyTheActivity() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let url = "https://files.acme-coaching.example/goal_group_program/venue-shortlist.pdf"
        let attachment = try await harness.call(
            "createGoalActivity", path: ["id": "goal_group_program"],
            body: ["type": "attachment", "text": "Three venues that can host all six sessions.", "url": .string(url)], as: demo)
        let record = try #require(attachment.jsonBody?["data"])
        try await harness.call(
            "createGoalActivity", path: ["id": "goal_group_program"], body: ["type": "weekly_review", "text": "Week 47: seats full."], as: demo)

        // Replay of the goal's channel: exactly these three events, in publication order.
        let replay = harness.engine.events.subscribe(channel: "goal:goal_group_program", after: 0).replay
        #expect(replay.map(\.name) == ["activity.created", "attachment.created", "activity.created"])
        let file = try #require(replay.dropFirst().first?.data["attachment"])
        // Without a title, the file is named by its url; its id is the activity's.
        #expect(file == ["id": record["id"]!, "activityId": record["id"]!, "name": .string(url), "url": .string(url),
                         "createdBy": "user_demo", "createdAt": "2025-11-24T16:00:00Z"])
        try Self.expectEventsMatchTheirSchemas(replay, harness)
        // Every event also reaches the tenant's channel.
        #expect(harness.engine.events.subscribe(channel: "tenant:tenant_acme", after: 0).replay.count == 3)
    }

    @Test func activityRefusesAMissingGoalAndAnAttachmentWithoutURL() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let missing = try await harness.call("createGoalActivity", path: ["id": "goal_nope"], body: ["type": "note", "text": "x"], as: demo)
        #expect(missing.status == 404)
        let noURL = try await harness.call("createGoalActivity", path: ["id": "goal_revenue"], body: ["type": "attachment", "text": "x"], as: demo)
        #expect(noURL.status == 422)
        #expect(noURL.jsonBody?["errors"]?["url"] != nil)
        // Globex's user cannot write to Acme's goal: it is not in their tenant.
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let foreign = try await harness.call("createGoalActivity", path: ["id": "goal_revenue"], body: ["type": "note", "text": "x"], as: gina)
        #expect(foreign.status == 404)
        #expect(harness.engine.events.subscribe(channel: "goal:goal_revenue", after: 0).replay.isEmpty)
        let count = harness.engine.store.read { $0.tenants["tenant_acme"]?.count("activities") }
        #expect(count == 14)
    }

    @Test func aNoteGivesEachAttachmentAnIdAndAnnouncesEachFile() async throws {
        let harness = try await EngineHarness()
        let sam = try await harness.login("sam@acme.example", password: "Sam12345!")
        let subscription = harness.engine.events.subscribe(channel: "goal:goal_retention", after: 0)
        let files: JSONValue = [
            ["name": "onboarding-call-outline.docx", "url": "https://files.acme-coaching.example/r/outline.docx"],
            ["name": "churn-review.pdf", "url": "https://files.acme-coaching.example/r/churn.pdf", "contentType": "application/pdf", "sizeBytes": 52000],
        ]
        let response = try await harness.call(
            "addGoalNote", path: ["id": "goal_retention"], body: ["note": "Outline and churn review attached.", "attachments": files], as: sam)
        #expect(response.status == 200)
        let record = try #require(response.jsonBody?["data"])
        #expect(record["type"] == "note")
        #expect(record["text"] == "Outline and churn review attached.")
        #expect(record["createdBy"] == "user_sam")
        let stored = try #require(record["attachments"]?.arrayValue)
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0["id"]?.stringValue?.hasPrefix("attachment_") == true })
        #expect(stored[1]["sizeBytes"] == 52000)

        let events = await Self.next(3, from: subscription.events)
        #expect(events.map(\.name) == ["activity.created", "attachment.created", "attachment.created"])
        #expect(events[1].data["attachment"]?["id"] == stored[0]["id"])
        #expect(events[2].data["attachment"]?["activityId"] == record["id"])
        #expect(events[2].data["attachment"]?["contentType"] == "application/pdf")
        try Self.expectEventsMatchTheirSchemas(events, harness)

        // A note without attachments carries none and announces only the activity.
        let plain = try await harness.call("addGoalNote", path: ["id": "goal_retention"], body: ["note": "Call booked."], as: sam)
        #expect(plain.jsonBody?["data"]?["attachments"] == nil)
        #expect(harness.engine.events.subscribe(channel: "goal:goal_retention", after: 0).replay.count == 4)
        let missing = try await harness.call("addGoalNote", path: ["id": "goal_gone"], body: ["note": "x"], as: sam)
        #expect(missing.status == 404)
    }

    // MARK: Goal statistics

    @Test func goalStatsCountTheFixtureGoals() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let stats = try #require(try await harness.call("getGoalStats", as: demo).jsonBody?["data"])
        #expect(stats["totalGoals"] == 5)
        #expect(stats["activeGoals"] == 2)
        #expect(stats["completedGoals"] == 1)
        #expect(stats["goalsByStatus"] == ["draft": 1, "active": 2, "completed": 1, "paused": 1, "cancelled": 0, "archived": 0])
        #expect(stats["goalsByHorizon"] == ["year": 2, "quarter": 2, "month": 1])
        // revenue: MRR 41200/50000 → 82.4, churn down 2.5/3.1 → 80.6, mean 81.5; group program:
        // cohort 6/12 → 50, MRR 82.4, mean 66.2; brand (paused, no links) 0; website (completed) 100.
        // (81.5 + 66.2 + 0 + 100) / 4 = 61.925 → 61.9.
        #expect(stats["averageProgress"]?.doubleValue == 61.9)

        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let globex = try #require(try await harness.call("getGoalStats", as: gina).jsonBody?["data"])
        #expect(globex["totalGoals"] == 1)
        // On-time delivery 92.1 against the 95 target → 96.9.
        #expect(globex["averageProgress"]?.doubleValue == 96.9)
    }

    @Test func goalStatsFollowNewAndActivatedGoals() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let created = try await harness.call(
            "createGoal", body: ["title": "Hire a senior coach", "intent": "Add capacity for January", "horizon": "month"], as: demo)
        let id = try #require(created.jsonBody?["data"]?["id"]?.stringValue)
        var stats = try #require(try await harness.call("getGoalStats", as: demo).jsonBody?["data"])
        #expect(stats["totalGoals"] == 6)
        #expect(stats["goalsByStatus"]?["draft"] == 2)
        #expect(stats["goalsByHorizon"]?["month"] == 2)
        #expect(stats["averageProgress"]?.doubleValue == 61.9)  // drafts do not count
        try await harness.call("activateGoal", path: ["id": id], as: demo)
        stats = try #require(try await harness.call("getGoalStats", as: demo).jsonBody?["data"])
        #expect(stats["activeGoals"] == 3)
        // An active goal without links counts 0: 247.7 / 5 = 49.54 → 49.5.
        #expect(stats["averageProgress"]?.doubleValue == 49.5)
    }

    // MARK: Recent activity

    @Test func recentActivityIsNewestFirstAndCappedBySize() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let items = try #require(try await harness.call("listRecentActivity", as: demo).jsonBody?["data"]?.arrayValue)
        #expect(items.count == 10)
        // The three October readings (31st, 17:00, 16:40, 12:00), then the retention goal's update (20th, 12:10).
        #expect(items.prefix(4).compactMap { $0["id"]?.stringValue } == [
            "kpi_updated_reading_mrr_2025_10", "kpi_updated_reading_churn_2025_10", "kpi_updated_reading_cohort_2025_10",
            "goal_updated_goal_retention",
        ])
        #expect(items[0]["userName"] == "Dana Rivera")
        #expect(items[0]["entityTitle"] == "Monthly recurring revenue")
        #expect(items[0]["description"] == "Recorded 41200 USD for 2025-10")
        #expect(items[1]["description"] == "Recorded 3.1 % for 2025-10")  // the adjusted value
        #expect(items[1]["userName"] == "Sam Patel")
        #expect(items[3]["description"] == "Updated goal \"Improve client retention\" (status draft)")
        let stamps = items.compactMap { $0["timestamp"]?.stringValue }
        #expect(stamps == stamps.sorted(by: >))

        // 5 goals created + 5 updated + 7 strategies + 7 readings + 2 completed actions = 26.
        let all = try #require(try await harness.call("listRecentActivity", query: ["size": 50], as: demo).jsonBody?["data"]?.arrayValue)
        #expect(all.count == 26)
        let types = Dictionary(grouping: all) { $0["type"]?.stringValue ?? "" }.mapValues(\.count)
        #expect(types == ["goal_created": 5, "goal_updated": 5, "strategy_added": 7, "kpi_updated": 7, "action_completed": 2])
        let completed = all.first { $0["id"] == "action_completed_action_pricing_benchmark" }
        #expect(completed?["timestamp"] == "2025-10-08T12:30:00Z")
        #expect(completed?["userName"] == "Sam Patel")
        let strategy = all.first { $0["id"] == "strategy_added_strategy_podcast" }
        #expect(strategy?["userId"] == "user_demo")  // the brand goal's owner

        let three = try await harness.call("listRecentActivity", query: ["size": 3], as: demo)
        #expect(three.jsonBody?["data"]?.arrayValue?.count == 3)
        let tooMany = try await harness.call("listRecentActivity", query: ["size": 51], as: demo)
        #expect(tooMany.status == 422)
    }

    @Test func recentActivityShowsACompletedActionAtOnce() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        try await harness.call("updateAction", path: ["actionId": "action_crm_dedupe"], body: ["status": "completed", "progress": 100], as: demo)
        let first = try await harness.call("listRecentActivity", query: ["size": 1], as: demo).jsonBody?["data"]?[0]
        #expect(first?["id"] == "action_completed_action_crm_dedupe")
        #expect(first?["timestamp"] == "2025-11-24T16:00:00Z")
        #expect(first?["userName"] == "Sam Patel")
    }

    // MARK: Performance score and team alignment

    @Test func performanceScoreCombinesTheFourComponents() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let score = try #require(try await harness.call("getPerformanceScore", as: demo).jsonBody?["data"])
        let components = try #require(score["components"])
        // Goals: 1 completed of 4 decided (25); both active goals have every link on track (100).
        #expect(components["goals"]?["metrics"] == ["completionRate": 25.0, "onTimeRate": 100.0])
        #expect(components["goals"]?["score"]?.doubleValue == 62.5)
        // Strategies: 5 of 7 validated or adopted (71.4), 3 of 7 adopted (42.9), mean 57.1.
        #expect(components["strategies"]?["metrics"] == ["validatedRate": 71.4, "adoptionRate": 42.9])
        #expect(components["strategies"]?["score"]?.doubleValue == 57.1)
        // KPIs over the 4 links of active/paused goals: none at 100% progress; all 4 on track.
        #expect(components["kpis"]?["metrics"] == ["targetAchievementRate": 0.0, "onTrackRate": 100.0])
        // Actions: 2 of 9 completed (22.2); on time on 2025-11-24: 2 completed + 4 due from the 24th (66.7).
        #expect(components["actions"]?["metrics"] == ["completionRate": 22.2, "onTimeRate": 66.7])
        #expect(components["actions"]?["weight"]?.doubleValue == 0.1)
        // 0.4 × 62.5 + 0.2 × 57.14 + 0.3 × 50 + 0.1 × 44.44 = 55.87.
        #expect(score["overallScore"]?.doubleValue == 55.9)
        // October against September attainment: MRR 98.1 vs 91.7, churn 100 vs 83.3, cohort 75 vs 25.
        #expect(score["trend"] == "improving")
        #expect(score["lastCalculated"] == "2025-11-24T16:00:00Z")

        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let globex = try #require(try await harness.call("getPerformanceScore", as: gina).jsonBody?["data"])
        // Goals 50, strategies 100, KPIs 50 (96.9% progress, on track), actions 50 (1 of 3 done; 2 of 3 on time).
        #expect(globex["overallScore"]?.doubleValue == 60.0)
        #expect(globex["components"]?["actions"]?["metrics"] == ["completionRate": 33.3, "onTimeRate": 66.7])
    }

    @Test func theTrendFollowsTheLatestReadingMonth() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        // November MRR at 30000 against 46000 planned (65.2) after October's 98.1: declining.
        try Self.putReading(harness, id: "reading_mrr_2025_11", kpi: "kpi_mrr", period: "2025-11", value: 30000)
        var score = try await harness.call("getPerformanceScore", as: demo).jsonBody?["data"]
        #expect(score?["trend"] == "declining")
        // At 45000 (97.8 against 98.1) the change is within two points: stable.
        try Self.putReading(harness, id: "reading_mrr_2025_11", kpi: "kpi_mrr", period: "2025-11", value: 45000)
        score = try await harness.call("getPerformanceScore", as: demo).jsonBody?["data"]
        #expect(score?["trend"] == "stable")
        let team = try await harness.call("getTeamAlignment", as: demo).jsonBody?["data"]
        #expect(team?["trend"] == "stable")
        // With the November MRR off plan, the revenue goal has a link off track.
        try Self.putReading(harness, id: "reading_mrr_2025_11", kpi: "kpi_mrr", period: "2025-11", value: 30000)
        score = try await harness.call("getPerformanceScore", as: demo).jsonBody?["data"]
        // Both active goals link MRR (thresholds 80 and 70): 65.2 is off track for both.
        #expect(score?["components"]?["goals"]?["metrics"]?["onTimeRate"]?.doubleValue == 0)
        #expect(score?["components"]?["kpis"]?["metrics"]?["onTrackRate"]?.doubleValue == 50)
    }

    @Test func teamAlignmentReadsOwnersAssigneesAndSharedKPIs() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let team = try #require(try await harness.call("getTeamAlignment", as: demo).jsonBody?["data"])
        #expect(team["alignmentScore"]?.doubleValue == 78.3)  // (86 + 78 + 71) / 3
        #expect(team["teamSize"] == 2)
        // revenue (Dana + Sam's actions), group program (Sam + Dana's action), website (Dana + Sam).
        #expect(team["goalsWithMultipleOwners"] == 3)
        #expect(team["sharedKPIs"] == 3)  // MRR, churn, NPS
        // revenue and group program share MRR; the brand goal shares nothing: 2 of 3.
        #expect(team["collaborationMetrics"]?["crossGoalCollaboration"]?.doubleValue == 66.7)
        #expect(team["collaborationMetrics"]?["strategyAlignment"]?.doubleValue == 79.4)  // (88+74+81+69+85)/5
        #expect(team["collaborationMetrics"]?["kpiSharing"]?.doubleValue == 66.7)  // MRR, churn of MRR, churn, cohort
        #expect(team["trend"] == "improving")

        // An action on the brand goal assigned to Sam and also connected to the revenue goal.
        let action: JSONValue = [
            "title": "Draft a referral-partner case study", "description": "For the brand and the referral programme.",
            "startDate": "2025-11-24T00:00:00Z", "dueDate": "2025-12-12T00:00:00Z", "priority": "medium", "assignedPersonId": "user_sam",
            "connections": ["goalIds": ["goal_brand", "goal_revenue"], "strategyIds": [], "issueIds": []],
        ]
        try await harness.call("createAction", body: action, as: demo)
        let after = try #require(try await harness.call("getTeamAlignment", as: demo).jsonBody?["data"])
        #expect(after["goalsWithMultipleOwners"] == 4)
        #expect(after["collaborationMetrics"]?["crossGoalCollaboration"]?.doubleValue == 100)
    }

    // MARK: Helpers

    /// Up to `count` events from a stream, giving up after two seconds.
    static func next(_ count: Int, from stream: AsyncStream<PublishedEvent>) async -> [PublishedEvent] {
        await withTaskGroup(of: [PublishedEvent]?.self) { group in
            group.addTask {
                var events: [PublishedEvent] = []
                for await event in stream {
                    events.append(event)
                    if events.count == count { break }
                }
                return events
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }

    /// Each event's data must match its declaration in realtime.yaml.
    static func expectEventsMatchTheirSchemas(_ events: [PublishedEvent], _ harness: EngineHarness) throws {
        let declarations = try harness.endpoint("streamGoalActivity").events
        for event in events {
            let schema = try #require(declarations.first { $0.name == event.name }?.schema, "no schema for \(event.name)")
            let errors = schema.validate(event.data)
            #expect(errors.isEmpty, "\(event.name): \(errors.map(\.message)) — \(event.data.jsonString())")
            #expect(event.data["type"] == .string(event.name))
        }
    }

    /// Stores a reading straight into Acme's state (the reading endpoints belong to another area).
    static func putReading(_ harness: EngineHarness, id: String, kpi: String, period: String, value: Double) throws {
        let record: JSONValue = [
            "id": .string(id), "kpiId": .string(kpi), "period": .string(period), "value": .number(value), "source": "reading",
            "recordedBy": "user_demo", "createdAt": "2025-11-24T15:00:00Z", "updatedAt": "2025-11-24T15:00:00Z",
        ]
        try harness.engine.store.mutate { (state: inout FakeState) throws(FakeError) in
            state.tenants["tenant_acme"]?.put("kpiReadings", id: id, record)
        }
    }
}
