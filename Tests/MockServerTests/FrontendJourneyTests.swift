import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import Testing

/// What the PurposePath frontend does, over a real socket on 127.0.0.1 (HummingbirdTesting `.live`).
@Suite struct FrontendJourneyTests {
    @Test(.timeLimit(.minutes(1)))
    func aFrontendSessionFromLoginToCleanup() async throws {
        let harness = try await MockHarness(accessTTL: 60, gateway: true)
        try await harness.app("gateway").test(.live) { raw in
            let account = "/account/api/v1", traction = "/traction/api/v1"
            let preflight = try await Client(raw).send(.options, traction + "/goals", headers: [
                "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"])
            #expect(preflight.status == 204)

            let login = try await Client(raw).send(.post, account + "/auth/login", json: ["email": "demo@purposepath.app", "password": "Demo123!"])
            let session = try #require(login.json?["data"])
            var client = Client(raw, token: session["access_token"]?.stringValue, tenant: session["tenant"]?["id"]?.stringValue)
            let refreshToken = try #require(session["refresh_token"]?.stringValue)
            #expect(try await client.send(.get, account + "/user/profile").json?["data"]?["email"] == "demo@purposepath.app")

            // Goals: create → read → update → activate → close → delete.
            let created = try await client.send(.post, traction + "/goals", json: ["title": "Open a second studio", "intent": "Serve clients in Lisbon in person"])
            #expect(created.status == 200)
            let goalID = try #require(created.json?["data"]?["id"]?.stringValue)
            #expect(created.json?["data"]?["status"] == "draft")
            #expect(try await client.send(.get, traction + "/goals/\(goalID)").json?["data"]?["title"] == "Open a second studio")
            #expect(try await client.send(.put, traction + "/goals/\(goalID)", json: ["title": "Open the Lisbon studio"]).status == 200)
            #expect(try await client.send(.post, traction + "/goals/\(goalID):activate", json: [:]).json?["data"]?["status"] == "active")
            let wrongClose = try await client.send(.post, traction + "/goals/\(goalID):close", json: ["finalStatus": "archived"])
            #expect(wrongClose.status == 422)
            #expect(try await client.send(.post, traction + "/goals/\(goalID)%3Aclose", json: ["finalStatus": "completed"]).json?["data"]?["status"] == "completed")

            // Strategies under the goal.
            let strategy = try await client.send(.post, traction + "/goals/\(goalID)/strategies", json: ["description": "Partner with a local gym"])
            let strategyID = try #require(strategy.json?["data"]?["id"]?.stringValue)
            #expect(try await client.send(.put, traction + "/goals/\(goalID)/strategies/\(strategyID)", json: ["status": "validated"]).status == 200)
            #expect(try await client.send(.delete, traction + "/goals/\(goalID)/strategies/\(strategyID)").status == 200)

            // Actions and issues.
            let action = try await client.send(.post, traction + "/operations/actions", json: [
                "title": "Sign the lease", "description": "Negotiate and sign", "startDate": "2025-12-01T00:00:00Z",
                "dueDate": "2025-12-20T00:00:00Z", "priority": "high", "assignedPersonId": "user_demo",
                "connections": ["goalIds": [.string(goalID)], "strategyIds": [], "issueIds": []],
            ])
            #expect(action.status == 200, "\(action.text)")
            let actionID = try #require(action.json?["data"]?["id"]?.stringValue)
            #expect(try await client.send(.put, traction + "/operations/actions/\(actionID)", json: ["status": "in_progress"]).json?["data"]?["status"] == "in_progress")
            #expect(try await client.send(.delete, traction + "/operations/actions/\(actionID)").status == 200)
            let issue = try await client.send(.post, traction + "/issues", json: [
                "title": "Landlord delays", "description": "No answer for two weeks", "reportedBy": "user_demo",
                "businessImpact": "medium", "priority": "high",
            ])
            #expect(issue.status == 200, "\(issue.text)")
            let issueID = try #require(issue.json?["data"]?["id"]?.stringValue)
            #expect(try await client.send(.put, traction + "/issues/\(issueID)", json: ["priority": "critical"]).json?["data"]?["priority"] == "critical")
            #expect(try await client.send(.delete, traction + "/issues/\(issueID)").status == 200)
            #expect(try await client.send(.delete, traction + "/goals/\(goalID)").status == 200)
            #expect(try await client.send(.get, traction + "/goals/\(goalID)").status == 404)

            // Another tenant sees none of it.
            let gina = try await Client(raw).send(.post, account + "/auth/login", json: ["email": "gina@globex.example", "password": "Globex123!"])
            let globex = Client(raw, token: gina.json?["data"]?["access_token"]?.stringValue, tenant: "tenant_globex")
            let theirGoals = try await globex.send(.get, traction + "/goals").json?["data"]?.arrayValue ?? []
            #expect(!theirGoals.isEmpty)
            #expect(theirGoals.allSatisfy { $0["id"]?.stringValue?.hasPrefix("goal_fleet") == true || !["goal_revenue", "goal_brand"].contains($0["id"]?.stringValue ?? "") })
            #expect(try await globex.send(.get, traction + "/goals/goal_revenue").status == 404)

            // Expiry, then the frontend's refresh-and-retry with rotation.
            harness.clock.advance(61)
            #expect(try await client.send(.get, traction + "/goals").status == 401)
            let refreshed = try await Client(raw).send(.post, account + "/auth/refresh", json: ["refresh_token": .string(refreshToken)])
            #expect(refreshed.status == 200)
            client.token = refreshed.json?["data"]?["access_token"]?.stringValue
            #expect(try await client.send(.get, traction + "/goals").status == 200)
            #expect(try await Client(raw).send(.post, account + "/auth/refresh", json: ["refresh_token": .string(refreshToken)]).status == 401)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func adminAPIResetsAndSwitchesScenarios() async throws {
        let harness = try await MockHarness()
        try await harness.app("traction").test(.live) { raw in
            let admin = Client(raw)
            #expect(try await admin.send(.get, "/__understudy/health").json?["data"]?["scenario"] == "default")
            let switched = try await admin.send(.post, "/__understudy/scenario/full-quarter")
            #expect(switched.json?["data"]?["scenario"] == "full-quarter")
            let state = try await admin.send(.get, "/__understudy/state?tenant=tenant_summit")
            #expect(state.json?["data"]?["tenants"]?[0]?["id"] == "tenant_summit")
            #expect(try await admin.send(.post, "/__understudy/scenario/nope").status == 404)
            #expect(try await admin.send(.post, "/__understudy/reset").json?["data"]?["scenario"] == "full-quarter")
            let log = try await admin.send(.get, "/__understudy/requests")
            #expect((log.json?["data"]?.arrayValue?.count ?? 0) >= 1)
        }
    }
}
