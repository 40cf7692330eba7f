import ContractDiff
import Contracts
import TestSupport
import Testing

/// A small API written for the diff tests, and the report of one edit of it.
///
/// ```swift
/// let report = try DiffFixture.diff { $0.goals = $0.goals.replacingOccurrences(of: "maxLength: 200", with: "maxLength: 100") }
/// ```
struct DiffFixture {
    var services = """
        services:
          traction: { title: Traction, port: 8002, prefix: /traction/api/v1 }
        """
    var common = """
        schemas:
          Error:
            type: object
            required: [success, error]
            properties: { success: { const: false }, error: { type: string } }
        responses:
          Unauthorized:
            schema: { $ref: "#/schemas/Error" }
            example: { success: false, error: Token missing }
          NotFound:
            schema: { $ref: "#/schemas/Error" }
            example: { success: false, error: Not found }
          Invalid:
            schema: { $ref: "#/schemas/Error" }
            example: { success: false, error: Validation failed }
        """
    var goals = """
        service: traction
        tags: [goals]
        endpoints:
          createGoal:
            summary: Create a goal
            method: POST
            path: /goals
            auth: tenant
            body:
              schema: { $ref: "#/schemas/GoalInput" }
              example: { title: Grow, ownerId: user_1 }
            responses:
              200:
                data: { $ref: "#/schemas/Goal" }
                example: { success: true, data: { id: goal_1, title: Grow, status: draft, score: 0 } }
              401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
              422: { $ref: "../common/errors.yaml#/responses/Invalid" }
          listGoals:
            summary: List goals
            method: GET
            path: /goals
            aliases: [/api/goals]
            auth: tenant
            query:
              status: { schema: { $ref: "#/schemas/GoalStatus" } }
            responses:
              200:
                data: { type: array, items: { $ref: "#/schemas/Goal" } }
                example: { success: true, data: [] }
              401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
              422: { $ref: "../common/errors.yaml#/responses/Invalid" }
          getGoal:
            summary: One goal
            method: GET
            path: /goals/{id}
            auth: tenant
            responses:
              200:
                data: { $ref: "#/schemas/Goal" }
                example: { success: true, data: { id: goal_1, title: Grow, status: draft, score: 0 } }
              401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
              404: { $ref: "../common/errors.yaml#/responses/NotFound" }
          streamGoal:
            summary: A goal's events
            method: GET
            path: /goals/{id}/events
            auth: query
            responses:
              200:
                description: The stream
                contentType: text/event-stream
              401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
              404: { $ref: "../common/errors.yaml#/responses/NotFound" }
            events:
              goal.updated:
                schema: { $ref: "#/schemas/Goal" }
                example: { id: goal_1, title: Grow, status: active, score: 1 }
            stream: { ids: true, replay: true, heartbeat: 15 }
        schemas:
          GoalStatus: { enum: [draft, active, paused] }
          GoalInput:
            type: object
            additionalProperties: false
            required: [title]
            properties:
              title: { type: string, minLength: 1, maxLength: 200 }
              ownerId: { type: string }
          Goal:
            type: object
            required: [id, title, status]
            properties:
              id: { type: string }
              title: { type: string }
              status: { $ref: "#/schemas/GoalStatus" }
              score: { type: integer }
        """

    /// Writes `files` as a contracts folder and loads it; a folder that does not load fails the test.
    static func load(_ fixture: DiffFixture, in directory: TemporaryDirectory) throws -> ContractVersion {
        try directory.write("services.yaml", fixture.services)
        try directory.write("common/errors.yaml", fixture.common)
        try directory.write("traction/goals.yaml", fixture.goals)
        let loaded = ContractLoader.load(directory: directory.path)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.description) == [], "the edited contracts must load")
        return ContractVersion(loaded, directory: directory.path)
    }

    /// The report between the fixture and the fixture after `edit`.
    static func diff(_ edit: (inout DiffFixture) -> Void) throws -> DiffReport {
        let old = try TemporaryDirectory()
        let new = try TemporaryDirectory()
        var edited = DiffFixture()
        edit(&edited)
        return ContractDiff.compare(old: try load(DiffFixture(), in: old), new: try load(edited, in: new))
    }
}

extension DiffReport {
    /// The rule codes found, in the report's order.
    var rules: [String] { changes.map(\.rule.rawValue) }
}
