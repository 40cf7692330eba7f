import Contracts
import Fakes
import JSON
import Testing

/// `serve --mutate` bends the engine for one request (`EngineBends`), and the engine itself
/// leaves out what is bent; the honest path around it is untouched.
@Suite struct EngineBendsTests {
    @Test func aDroppedChangeAnswersSuccessAndLeavesTheStateAsItWas() async throws {
        let harness = try await EngineHarness()
        let caller = try await harness.login()
        let before = try #require(try await harness.call("listGoals", as: caller).jsonBody?["data"]?.arrayValue?.count)
        let created = try await EngineBends.$current.withValue(EngineBends(keepsChanges: false)) {
            try await harness.call("createGoal", body: ["title": "Never kept", "intent": "x"], as: caller)
        }
        #expect(created.status == 200 && created.jsonBody?["data"]?["title"] == "Never kept")
        #expect(try await harness.call("listGoals", as: caller).jsonBody?["data"]?.arrayValue?.count == before)
        // Outside the bend, the same request is kept.
        #expect(try await harness.call("createGoal", body: ["title": "Kept", "intent": "x"], as: caller).status == 200)
        #expect(try await harness.call("listGoals", as: caller).jsonBody?["data"]?.arrayValue?.count == before + 1)
    }

    @Test func aRefusedTransitionIsCarriedOutOnlyWhileTransitionsAreNotEnforced() async throws {
        let harness = try await EngineHarness()
        let caller = try await harness.login()
        // goal_revenue is active: activating it again is refused.
        #expect(try await harness.call("activateGoal", path: ["id": "goal_revenue"], as: caller).status == 422)
        let bent = try await EngineBends.$current.withValue(EngineBends(enforcesTransitions: false)) {
            try await harness.call("activateGoal", path: ["id": "goal_revenue"], as: caller)
        }
        #expect(bent.status == 200 && bent.jsonBody?["data"]?["status"] == "active")
        #expect(try await harness.call("activateGoal", path: ["id": "goal_revenue"], as: caller).status == 422)
    }

    @Test func aRedeemedRefreshTokenStaysGoodWhileSessionsDoNotEnd() async throws {
        let harness = try await EngineHarness()
        let login = try await harness.call("login", body: ["email": "demo@purposepath.app", "password": "Demo123!"])
        let refresh = try #require(login.jsonBody?["data"]?["refresh_token"]?.stringValue)
        let first = try await EngineBends.$current.withValue(EngineBends(endsSessions: false)) {
            try await harness.call("refreshToken", body: ["refresh_token": .string(refresh)])
        }
        #expect(first.status == 200)
        // Not used up by the bent call: the honest engine redeems it once more, then refuses it.
        #expect(try await harness.call("refreshToken", body: ["refresh_token": .string(refresh)]).status == 200)
        #expect(try await harness.call("refreshToken", body: ["refresh_token": .string(refresh)]).status == 401)
    }
}
