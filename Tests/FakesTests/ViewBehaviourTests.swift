@testable import Contracts
import Fakes
import PurposePathFakes
import Foundation
import JSON
import Testing
import TestSupport

/// The `view` kind end to end on a contract written here: one record with joined and computed
/// fields, filtered and paged lists, computed answers and requirements.
@Suite struct ViewBehaviourTests {
    static let contract = """
        service: traction
        collections:
          goals: { schema: { $ref: "#/schemas/Goal" }, idPrefix: goal_ }
          strategies: { schema: { $ref: "#/schemas/Strategy" }, idPrefix: strategy_, parent: { collection: goals, field: goalId } }
        endpoints:
          getGoalSummary:
            method: GET
            path: /goals/{id}
            auth: tenant
            responses:
              200: { data: { type: object }, example: { success: true, data: {} } }
              401: { $ref: "#/responses/Error" }
              404: { $ref: "#/responses/Error" }
            fake:
              view:
                from: goals
                one: path.id
                where: status != 'archived'
                fields:
                  strategies: "{{@strategies[goalId == record.id]}}"
                  strategyCount: "{{count(@strategies[goalId == record.id])}}"
                  label: "{{title}}: {{round(progress)}}%"
                omit: [secret]
              error: { status: 404, code: GOAL_NOT_FOUND }
          listGoals:
            method: GET
            path: /goals
            auth: tenant
            query:
              status: { schema: { type: string } }
              limit: { schema: { type: integer } }
              page: { schema: { type: integer } }
            responses:
              200: { schema: { type: object }, example: { success: true, data: [] } }
              401: { $ref: "#/responses/Error" }
            fake:
              view:
                from: goals
                filter: [status in query.status]
                sort: [-progress, title]
                page: { size: [limit], default: 2, members: { totalPages: pages } }
                omit: [secret]
          createGoal:
            method: POST
            path: /goals
            auth: tenant
            body: { schema: { $ref: "#/schemas/Goal" }, example: { title: New } }
            responses:
              200: { data: { type: object }, example: { success: true, data: {} } }
              401: { $ref: "#/responses/Error" }
              422: { $ref: "#/responses/Error" }
            fake: { create: goals }
          goalStats:
            method: GET
            path: /goal-stats
            auth: tenant
            responses:
              200: { data: { type: object }, example: { success: true, data: {} } }
              401: { $ref: "#/responses/Error" }
              409: { $ref: "#/responses/Error" }
            fake:
              view:
                let: { top: "first(sort(@goals, '-progress'))" }
                require: [{ that: "$top != null", status: 409, code: NO_GOALS, message: There are no goals yet }]
                select:
                  top: "{{$top.title}}"
                  total: "{{count(@goals)}}"
                  active: "{{count(@goals[status == 'active'])}}"
                  meanProgress: "{{round(avg(@goals.progress), 1)}}"
                  busiest: "{{first(@goals[count(@strategies[goalId == outer.id]) > 1]).title ?? 'none'}}"
                  tenant: "{{tenant.id}}"
        responses:
          Error: { schema: { type: object }, example: { success: false, error: x } }
        schemas:
          Goal:
            type: object
            properties:
              id: { type: string }
              title: { type: string }
              status: { type: string }
              progress: { type: number }
              secret: { type: string }
          Strategy:
            type: object
            properties: { id: { type: string }, goalId: { type: string }, order: { type: integer } }
        """

    struct Setup {
        let engine: FakeEngine
        let contracts: ContractSet
        let caller = Caller(userID: "user_a", tenantID: "tenant_a", email: "a@example.com", roles: [], sessionID: "s")

        func call(_ id: String, path: [String: String] = [:], query: [String: JSONValue] = [:], body: JSONValue? = nil, as caller: Caller? = nil) async throws -> FakeResponse {
            let endpoint = try #require(contracts.endpoint(id: id))
            return await engine.handle(FakeRequest(endpoint: endpoint, pathParameters: path, query: query, headers: [:], body: body, caller: caller ?? self.caller))
        }
    }

    func setup(goals: [JSONValue]) async throws -> Setup {
        let directory = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/goals.yaml": Self.contract])
        let loaded = ContractLoader.load(directory: directory.path)
        #expect(loaded.diagnostics.map(\.description) == [])
        let strategies: [JSONValue] = [
            ["id": "s1", "goalId": "g1", "order": 1], ["id": "s2", "goalId": "g1", "order": 2], ["id": "s3", "goalId": "g2", "order": 1],
        ]
        let scenario = Scenario(name: "default", title: "t", description: "d", users: [],
                                tenants: [TenantFixture(id: "tenant_a", name: "A", data: ["goals": .array(goals), "strategies": .array(strategies)])],
                                global: [:])
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let engine = try FakeEngine(contracts: loaded.contracts, scenarios: ["default": scenario], scenario: "default", tokens: tokens, builtins: .purposePath)
        return Setup(engine: engine, contracts: loaded.contracts)
    }

    static let goals: [JSONValue] = [
        ["id": "g1", "title": "Grow", "status": "active", "progress": 40.4, "secret": "x"],
        ["id": "g2", "title": "Hire", "status": "paused", "progress": 70],
        ["id": "g3", "title": "Ship", "status": "active", "progress": 70],
        ["id": "g4", "title": "Old", "status": "archived", "progress": 100],
    ]

    @Test func oneRecordWithJoinedAndComputedFields() async throws {
        let s = try await setup(goals: Self.goals)
        let data = try #require(try await s.call("getGoalSummary", path: ["id": "g1"]).jsonBody?["data"])
        #expect(data["strategyCount"] == 2)
        #expect(data["strategies"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["s1", "s2"])
        #expect(data["label"] == "Grow: 40%")
        #expect(data["secret"] == nil)
        #expect(data.objectValue?.keys.first == "id")
        // Missing, or filtered out by `where`: the contract's 404.
        #expect(try await s.call("getGoalSummary", path: ["id": "nope"]).jsonBody?["code"] == "GOAL_NOT_FOUND")
        #expect(try await s.call("getGoalSummary", path: ["id": "g4"]).status == 404)
    }

    @Test func listsFilterSortAndPage() async throws {
        let s = try await setup(goals: Self.goals)
        let first = try #require(try await s.call("listGoals").jsonBody)
        // -progress, then title: the 70s tie is broken by title; missing nothing; two a page.
        #expect(first["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["g4", "g2"])
        #expect(first["pagination"] == ["page": 1, "limit": 2, "total": 4, "pages": 2])
        let second = try #require(try await s.call("listGoals", query: ["page": 2]).jsonBody)
        #expect(second["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["g3", "g1"])
        #expect(second["data"]?.arrayValue?.last?["secret"] == nil)
        let active = try #require(try await s.call("listGoals", query: ["status": "active,paused", "limit": 10]).jsonBody)
        #expect(active["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["g2", "g3", "g1"])
        let beyond = try #require(try await s.call("listGoals", query: ["page": 9]).jsonBody)
        #expect(beyond["data"] == [])
    }

    @Test func computedAnswersAndRequirements() async throws {
        let s = try await setup(goals: Self.goals)
        let stats = try #require(try await s.call("goalStats").jsonBody?["data"])
        #expect(stats == ["top": "Old", "total": 4, "active": 2, "meanProgress": 70.1, "busiest": "Grow", "tenant": "tenant_a"])
        let empty = try await setup(goals: [])
        let refused = try await empty.call("goalStats")
        #expect(refused.status == 409)
        #expect(refused.jsonBody?["code"] == "NO_GOALS")
        #expect(refused.jsonBody?["error"] == "There are no goals yet")
    }

    @Test func aKeptAnswerLastsOnlyUntilTheTenantChanges() async throws {
        let s = try await setup(goals: Self.goals)
        let before = try #require(try await s.call("listGoals", query: ["limit": 10]).jsonBody?["pagination"]?["total"])
        #expect(try await s.call("listGoals", query: ["limit": 10]).jsonBody?["pagination"]?["total"] == before)
        #expect(try await s.call("createGoal", body: ["title": "Fresh", "progress": 99]).status == 200)
        let after = try #require(try await s.call("listGoals", query: ["limit": 10]).jsonBody)
        #expect(after["pagination"]?["total"] == 5)
        #expect(after["data"]?.arrayValue?.dropFirst().first?["title"] == "Fresh")
    }

    @Test func aProtectedViewWithoutACallerIsUnauthorized() async throws {
        let s = try await setup(goals: Self.goals)
        let endpoint = try #require(s.contracts.endpoint(id: "goalStats"))
        let response = await s.engine.handle(FakeRequest(endpoint: endpoint, pathParameters: [:], query: [:], headers: [:], body: nil, caller: nil))
        #expect(response.status == 401)
    }
}
