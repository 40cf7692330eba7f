@testable import Contracts
import Fakes
import PurposePathFakes
import Foundation
import JSON
import Testing
import TestSupport

/// The `write` kind end to end on a contract written here: steps that bind, check, create from a
/// list, update, delete with cascade and emit; one transaction; gathered field errors.
@Suite struct WriteBehaviourTests {
    static let contract = """
        service: traction
        collections:
          goals: { schema: { $ref: "#/schemas/Goal" }, idPrefix: goal_ }
          strategies: { schema: { $ref: "#/schemas/Strategy" }, idPrefix: strategy_, parent: { collection: goals, field: goalId } }
          notes: { schema: { type: object }, idPrefix: note_, parent: { collection: strategies, field: strategyId } }
        endpoints:
          splitGoal:
            method: POST
            path: /goals/{id}/split
            auth: tenant
            body: { schema: { type: object, properties: { titles: { type: array, items: { type: string } }, limit: { type: integer } } }, example: { titles: [a] } }
            responses:
              200: { data: { type: object }, example: { success: true, data: {} } }
              401: { $ref: "#/responses/Error" }
              404: { $ref: "#/responses/Error" }
              409: { $ref: "#/responses/Error" }
              422: { $ref: "#/responses/Error" }
            fake:
              write:
                steps:
                  - let: goal
                    value: first(@goals[id == path.id])
                  - require: $goal != null
                    status: 404
                    code: NOT_FOUND
                    message: Goal not found
                  - require: count(body.titles) > 0
                    field: titles
                    message: must list at least one title
                  - require: body.limit == null or body.limit > 0
                    field: limit
                    message: must be positive
                  - create: goals
                    each: body.titles
                    value: { title: "{{$item}}", status: active, progress: 0, position: "{{$index}}", from: "{{$goal.title}}" }
                    as: made
                  - require: body.limit == null or count($made) <= body.limit
                    status: 409
                    code: TOO_MANY
                    message: "{{count($made)}} goals would be made; the limit is {{body.limit}}"
                  - update: goals
                    where: id == path.id
                    set: { status: split, progress: "{{progress + 1}}" }
                    as: old
                  - delete: strategies
                    where: goalId == path.id
                    as: removed
                  - emit: goal.made
                    each: $made
                    channel: "goal:{{$item.id}}"
                    data: { id: "{{$item.id}}", title: "{{$item.title}}" }
                answer:
                  made: "{{$made.id}}"
                  old: "{{first($old).status}}"
                  removed: "{{count($removed)}}"
          goalStream:
            method: GET
            path: /goals/stream
            auth: tenant
            responses:
              200: { description: events, contentType: text/event-stream }
              401: { $ref: "#/responses/Error" }
            events:
              goal.made: { schema: { type: object } }
            channel: goals
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
              position: { type: integer }
              from: { type: string }
              createdAt: { type: string }
              updatedAt: { type: string }
          Strategy:
            type: object
            properties: { id: { type: string }, goalId: { type: string } }
        """

    struct Setup {
        let engine: FakeEngine
        let contracts: ContractSet
        let caller = Caller(userID: "user_a", tenantID: "tenant_a", email: "a@example.com", roles: [], sessionID: "s")

        func split(_ id: String, _ body: JSONValue) async throws -> FakeResponse {
            let endpoint = try #require(contracts.endpoint(id: "splitGoal"))
            return await engine.handle(FakeRequest(endpoint: endpoint, pathParameters: ["id": id], query: [:], headers: [:], body: body, caller: caller))
        }

        func records(_ collection: String) -> [JSONValue] {
            engine.store.read { $0.tenants["tenant_a"]?.all(collection) ?? [] }
        }
    }

    func setup() async throws -> Setup {
        let directory = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/goals.yaml": Self.contract])
        let loaded = ContractLoader.load(directory: directory.path)
        #expect(loaded.diagnostics.map(\.description) == [])
        let data: [String: JSONValue] = [
            "goals": [["id": "g1", "title": "Grow", "status": "active", "progress": 40, "createdAt": "2025-01-01T00:00:00Z"]],
            "strategies": [["id": "s1", "goalId": "g1"], ["id": "s2", "goalId": "g1"], ["id": "s3", "goalId": "g9"]],
            "notes": [["id": "n1", "strategyId": "s1"], ["id": "n2", "strategyId": "s3"]],
        ]
        let scenario = Scenario(name: "default", title: "t", description: "d", users: [],
                                tenants: [TenantFixture(id: "tenant_a", name: "A", data: data)], global: [:])
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_760_000_000) }
        let engine = try FakeEngine(contracts: loaded.contracts, scenarios: ["default": scenario], scenario: "default", tokens: tokens,
                                    clock: clock)
        return Setup(engine: engine, contracts: loaded.contracts)
    }

    @Test func stepsCreateUpdateDeleteAndEmitInOrder() async throws {
        let s = try await setup()
        let subscription = s.engine.events.subscribe(channel: "tenant:tenant_a", after: 0)
        let response = try await s.split("g1", ["titles": ["Grow north", "Grow south"]])
        #expect(response.status == 200)
        let data = try #require(response.jsonBody?["data"])
        let made = try #require(data["made"]?.arrayValue?.compactMap { $0.stringValue })
        #expect(made.count == 2 && made.allSatisfy { $0.hasPrefix("goal_") })
        #expect(data["old"] == "split")
        #expect(data["removed"] == 2)
        let goals = s.records("goals")
        let first = try #require(goals.first { $0["id"]?.stringValue == made[0] })
        // The id leads, `$index` and the joined value are filled in, timestamps are stamped.
        #expect(first.objectValue?.keys.first == "id")
        #expect(first["title"] == "Grow north" && first["position"] == 0 && first["from"] == "Grow")
        #expect(first["createdAt"] == "2025-10-09T08:53:20Z" && first["updatedAt"] == "2025-10-09T08:53:20Z")
        let old = try #require(goals.first { $0["id"] == "g1" })
        #expect(old["status"] == "split" && old["progress"] == 41)
        #expect(old["createdAt"] == "2025-01-01T00:00:00Z" && old["updatedAt"] == "2025-10-09T08:53:20Z")
        // The strategies of g1 went, and the note under s1 with them; g9's stay.
        #expect(s.records("strategies").compactMap { $0["id"]?.stringValue } == ["s3"])
        #expect(s.records("notes").compactMap { $0["id"]?.stringValue } == ["n2"])
        // One event per made goal, on its channel and the tenant's, after the change was kept.
        var iterator = subscription.events.makeAsyncIterator()
        let one = try #require(await iterator.next(isolation: nil))
        let two = try #require(await iterator.next(isolation: nil))
        #expect(one.name == "goal.made" && one.data == ["id": .string(made[0]), "title": "Grow north"])
        #expect(two.data["id"] == .string(made[1]))
    }

    @Test func aRefusalHalfWayChangesNothing() async throws {
        let s = try await setup()
        let before = s.records("goals")
        let refused = try await s.split("g1", ["titles": ["a", "b", "c"], "limit": 2])
        #expect(refused.status == 409)
        #expect(refused.jsonBody?["code"] == "TOO_MANY")
        #expect(refused.jsonBody?["error"] == "3 goals would be made; the limit is 2")
        #expect(s.records("goals") == before)
        #expect(s.records("strategies").count == 3)
        let missing = try await s.split("g404", ["titles": ["a"]])
        #expect(missing.status == 404 && missing.jsonBody?["error"] == "Goal not found")
    }

    @Test func fieldChecksInARowAreReportedTogether() async throws {
        let s = try await setup()
        let refused = try await s.split("g1", ["titles": [], "limit": 0])
        #expect(refused.status == 422)
        #expect(refused.jsonBody?["code"] == "VALIDATION_ERROR")
        #expect(refused.jsonBody?["errors"] == ["limit": "must be positive", "titles": "must list at least one title"])
    }

    @Test func lintTypesStepsInOrder() throws {
        let broken = Self.contract
            .replacingOccurrences(of: "value: first(@goals[id == path.id])", with: "value: first(@goal[id == path.id])")
            .replacingOccurrences(of: "made: \"{{$made.id}}\"", with: "made: \"{{$mad.id}}\"")
            .replacingOccurrences(of: "set: { status: split, progress: \"{{progress + 1}}\" }", with: "set: { status: split, progress: \"{{progres + 1}}\" }")
            .replacingOccurrences(of: "          - delete: strategies\n            where: goalId == path.id\n",
                                  with: "          - delete: strategies\n            where: goalId == path.id\n            set: { x: 1 }\n")
            .replacingOccurrences(of: "emit: goal.made", with: "emit: goal.mad")
        let directory = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/goals.yaml": broken])
        let messages = ContractLoader.load(directory: directory.path).diagnostics.map(\.description)
        let expected = [
            "unknown collection '@goal'; did you mean 'goals'?",
            "'$mad' is not bound here; did you mean 'made'?",
            "unknown field 'progres'",
            "'set' does not apply to a 'delete' step",
            "emitted event 'goal.mad' is not declared by any stream endpoint; did you mean 'goal.made'?",
        ]
        for fragment in expected {
            #expect(messages.contains { $0.contains(fragment) && $0.contains("goals.yaml:") }, "missing \(fragment) in \(messages)")
        }
    }
}
