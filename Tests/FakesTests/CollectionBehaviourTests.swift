import CivilTime
import Contracts
import Fakes
import JSON
import Testing

/// The declarative kinds, through real shipped endpoints that use them.
@Suite struct CollectionBehaviourTests {
    @Test func createGetUpdateDeleteWithDefaultsIdsAndTimestamps() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let created = try await harness.call("createGoal", body: ["title": "Launch a podcast", "intent": "Reach new clients"], as: demo)
        let goal = try #require(created.jsonBody?["data"])
        let id = try #require(goal["id"]?.stringValue)
        #expect(id.hasPrefix("goal_") && id.count == "goal_".count + 12)
        #expect(goal["status"] == "draft")
        #expect(goal["createdAt"] == .string(harness.clock.now.rfc3339))
        harness.clock.advance(60)
        let updated = try await harness.call("updateGoal", path: ["id": id], body: ["description": "Weekly episodes"], as: demo)
        #expect(updated.jsonBody?["data"]?["description"] == "Weekly episodes")
        #expect(updated.jsonBody?["data"]?["updatedAt"] == .string(harness.clock.now.rfc3339))
        #expect(updated.jsonBody?["data"]?["createdAt"] == goal["createdAt"])
        #expect(try await harness.call("deleteGoal", path: ["id": id], as: demo).status == 200)
        #expect(try await harness.call("getGoal", path: ["id": id], as: demo).status == 404)
        #expect(try await harness.call("deleteGoal", path: ["id": id], as: demo).status == 404)
    }

    @Test func nestedRecordsNeedTheirParentAndGoWithIt() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let orphan = try await harness.call("createStrategy", path: ["goalId": "goal_missing"], body: ["description": "x"], as: demo)
        #expect(orphan.status == 404)
        let strategies = harness.engine.store.read { $0.tenants["tenant_acme"]!.all("strategies").filter { $0["goalId"] == "goal_revenue" }.count }
        #expect(strategies > 0)
        #expect(try await harness.call("deleteGoal", path: ["id": "goal_revenue"], as: demo).status == 200)
        let left = harness.engine.store.read { $0.tenants["tenant_acme"]!.all("strategies").filter { $0["goalId"] == "goal_revenue" }.count }
        #expect(left == 0)
    }

    @Test func transitionsFollowTheAllowedStates() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        // goal_retention is a draft: it may be activated, then paused, but a draft may not be paused.
        #expect(try await harness.call("pauseGoal", path: ["id": "goal_retention"], body: [:], as: demo).jsonBody?["code"] == "INVALID_STATUS_TRANSITION")
        #expect(try await harness.call("activateGoal", path: ["id": "goal_retention"], body: [:], as: demo).jsonBody?["data"]?["status"] == "active")
        #expect(try await harness.call("pauseGoal", path: ["id": "goal_retention"], body: [:], as: demo).jsonBody?["data"]?["status"] == "paused")
        let closed = try await harness.call("closeGoal", path: ["id": "goal_retention"], body: ["finalStatus": "cancelled"], as: demo)
        #expect(closed.jsonBody?["data"]?["status"] == "cancelled")
        #expect(try await harness.call("activateGoal", path: ["id": "goal_retention"], body: [:], as: demo).status == 422)
    }

    @Test func tenantsNeverSeeEachOthersRecords() async throws {
        let harness = try await EngineHarness()
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let goals = try #require(try await harness.call("listGoals", as: gina).jsonBody?["data"]?.arrayValue)
        #expect(goals.map { $0["id"] } == [.string("goal_fleet")])
        #expect(try await harness.call("getGoal", path: ["id": "goal_revenue"], as: gina).status == 404)
        #expect(try await harness.call("deleteGoal", path: ["id": "goal_revenue"], as: gina).status == 404)
        let acme = harness.engine.store.read { $0.tenants["tenant_acme"]!.record("goals", id: "goal_revenue") }
        #expect(acme != nil)
    }

    @Test func concurrentWritesAreAllKeptWithDistinctIds() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let before = harness.engine.store.read { $0.tenants["tenant_acme"]!.count("goals") }
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let response = try await harness.call("createGoal", body: ["title": .string("Goal \(index)"), "intent": "Load"], as: demo)
                    return response.jsonBody?["data"]?["id"]?.stringValue
                }
            }
            var ids: Set<String> = []
            for try await id in group { if let id { ids.insert(id) } }
            return ids
        }
        #expect(ids.count == 200)
        #expect(harness.engine.store.read { $0.tenants["tenant_acme"]!.count("goals") } == before + 200)
    }

    @Test func respondAnswersTheTemplatedExample() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let endpoint = try harness.endpoint("getStrategySuggestions")
        var body = try #require(endpoint.body?.example)
        body["goalIntent"] = "Double our coaching revenue"
        let response = try await harness.call("getStrategySuggestions", body: body, as: demo)
        #expect(response.status == 200)
        #expect(response.jsonBody?.jsonString().contains("Double our coaching revenue") == true)
    }

    @Test func aResetBringsBackTheFixtures() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        _ = try await harness.call("deleteGoal", path: ["id": "goal_revenue"], as: demo)
        try harness.engine.reset()
        #expect(try await harness.call("getGoal", path: ["id": "goal_revenue"], as: demo).status == 200)
        try harness.engine.reset(to: "full-quarter")
        #expect(harness.engine.store.read { $0.tenants["tenant_summit"] != nil && $0.tenants["tenant_acme"] == nil })
        #expect(throws: FakeError.self) { try harness.engine.reset(to: "no-such-scenario") }
    }
}
