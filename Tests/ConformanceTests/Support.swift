import Conformance
@testable import Contracts
import TestSupport

/// A small contract set in a temporary directory: a protected list, a read by id, a create with a
/// required field, a stream and a public endpoint — one of each kind of case.
enum SmallContracts {
    static let goals = """
        service: traction
        endpoints:
          listGoals:
            method: GET
            path: /goals
            auth: tenant
            responses:
              200: { data: { type: array, items: { $ref: "#/schemas/Goal" } }, example: { success: true, data: [] } }
              401: { schema: { $ref: "#/schemas/Error" }, example: { success: false } }
            fake: { list: goals }
          getGoal:
            method: GET
            path: /goals/{id}
            auth: tenant
            responses:
              200: { data: { $ref: "#/schemas/Goal" }, example: { success: true, data: { id: goal_1, title: T } } }
              401: { schema: { $ref: "#/schemas/Error" }, example: { success: false } }
              404: { schema: { $ref: "#/schemas/Error" }, example: { success: false } }
            fake: { get: goals }
          createGoal:
            method: POST
            path: /goals
            auth: tenant
            body:
              schema: { type: object, required: [title], properties: { title: { type: string }, intent: { type: string } } }
              example: { intent: Grow, title: Increase Revenue }
            responses:
              200: { data: { $ref: "#/schemas/Goal" }, example: { success: true, data: { id: goal_1, title: T } } }
              401: { schema: { $ref: "#/schemas/Error" }, example: { success: false } }
              422: { schema: { $ref: "#/schemas/Error" }, example: { success: false } }
            fake: { create: goals }
          streamGoals:
            method: GET
            path: /realtime/goals/{goalId}
            auth: query
            query:
              access_token: { required: true, schema: { type: string } }
            responses:
              200: { contentType: text/event-stream }
              401: { schema: { $ref: "#/schemas/Error" }, example: { success: false } }
              404: { schema: { $ref: "#/schemas/Error" }, example: { success: false } }
            fake: { list: goals }
          health:
            method: GET
            path: /health
            auth: none
            responses:
              200: { schema: { type: object, required: [status], properties: { status: { type: string } } }, example: { status: ok } }
            fake: { respond: 200 }
        schemas:
          Goal: { type: object, required: [id, title], properties: { id: { type: string }, title: { type: string } } }
          Error: { type: object, required: [success], properties: { success: { const: false } } }
        collections:
          goals: { schema: { $ref: "#/schemas/Goal" }, idPrefix: goal_ }
        """

    /// The minimal services with the envelope these contracts are written in (and no tenancy).
    static let services = servicesYAML + """

        envelope: { success: success }
        """

    /// Loads the small set; `extra` adds files (name → YAML).
    static func load(extra: [String: String] = [:]) throws -> (ContractSet, [Diagnostic], TemporaryDirectory) {
        let directory = try TemporaryDirectory(["services.yaml": services, "traction/goals.yaml": goals].merging(extra) { $1 })
        let result = ContractLoader.load(directory: directory.path)
        return (result.contracts, result.diagnostics, directory)
    }

    static func scenario(goals: [String]) -> Scenario {
        Scenario(name: "default", title: "t", description: "d", users: [],
                 tenants: [TenantFixture(id: "tenant_a", name: "A", data: ["goals": .array(goals.map { ["id": .string($0), "title": "G"] })])],
                 global: [:])
    }
}
