import TestSupport
import Contracts
import JSON
import Testing

@Suite struct ContractLoaderTests {
    static let common = """
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

    static let goals = """
        service: traction
        tags: [goals]
        collections:
          goals: { schema: { $ref: "#/schemas/Goal" }, idPrefix: goal_ }
        endpoints:
          createGoal:
            summary: Create a goal
            method: POST
            path: /goals
            auth: tenant
            body:
              schema: { $ref: "#/schemas/GoalInput" }
              example: { title: Grow }
            responses:
              200:
                data: { $ref: "#/schemas/Goal" }
                example: { success: true, data: { id: goal_1, title: Grow, status: draft } }
              401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
              422: { $ref: "../common/errors.yaml#/responses/Invalid" }
            fake: { create: goals, defaults: { status: draft } }
          activateGoal:
            method: POST
            path: /goals/{id}:activate
            aliases: ["/api/goals/{id}:activate"]
            auth: tenant
            responses:
              200:
                data: { $ref: "#/schemas/Goal" }
                example: { success: true, data: { id: goal_1, title: Grow, status: active } }
              401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
              404: { $ref: "../common/errors.yaml#/responses/NotFound" }
              422: { $ref: "../common/errors.yaml#/responses/Invalid" }
            fake: { transition: goals, field: status, from: [draft, paused], to: active, error: { status: 422, code: INVALID_STATUS_TRANSITION } }
        schemas:
          GoalInput:
            type: object
            required: [title]
            additionalProperties: false
            properties: { title: { type: string, minLength: 1 } }
          Goal:
            type: object
            required: [id, title, status]
            properties:
              id: { type: string }
              title: { type: string }
              status: { enum: [draft, active, paused] }
              parent: { $ref: "#/schemas/Goal" }
        """

    @Test func loadsResolvesAndCompiles() throws {
        let dir = try TemporaryDirectory([
            "services.yaml": servicesYAML, "common/errors.yaml": Self.common, "traction/goals.yaml": Self.goals,
        ])
        let result = ContractLoader.load(directory: dir.path)
        #expect(result.diagnostics.map(\.description) == [])
        let contracts = result.contracts
        #expect(contracts.services.map(\.name) == ["traction"])
        let create = try #require(contracts.endpoint(id: "createGoal"))
        #expect(create.tags == ["goals"])
        #expect(create.responses.map(\.status) == [200, 401, 422])
        // The cross-file $ref response carries the shared schema and example.
        let unauthorized = try #require(create.response(for: 401))
        #expect(unauthorized.example?["error"] == "Token missing")
        #expect(unauthorized.schema?.isValid(["success": false, "error": "x"]) == true)
        #expect(unauthorized.schema?.isValid(["success": true]) == false)
        // The data shorthand wraps the schema in the success envelope; recursion through $ref works.
        let success = try #require(create.successResponse?.schema)
        #expect(success.isValid(["success": true, "data": ["id": "g", "title": "t", "status": "draft", "parent": ["id": "p", "title": "t", "status": "active"]]]))
        #expect(!success.isValid(["id": "g", "title": "t", "status": "draft"]))
        #expect(!success.isValid(["success": true, "data": ["id": "g", "title": "t", "status": "draft", "parent": ["id": "p"]]]))
        let activate = try #require(contracts.endpoint(id: "activateGoal"))
        #expect(activate.aliases.map(\.template) == ["/api/goals/{id}:activate"])
        #expect(activate.fake?.kind == .transition(collection: "goals"))
        #expect(activate.fake?.error?.code == "INVALID_STATUS_TRANSITION")
        #expect(contracts.routeLines() == ["traction POST /goals", "traction POST /goals/{id}:activate"])
        #expect(contracts.routeLines(includeAliases: true).count == 3)
    }

    @Test func reportsReferenceCyclesAndDanglingReferencesWhereTheyAre() throws {
        let dir = try TemporaryDirectory([
            "services.yaml": servicesYAML,
            "traction/a.yaml": """
                service: traction
                responses:
                  Loop: { $ref: "#/responses/Back" }
                  Back: { $ref: "#/responses/Loop" }
                endpoints:
                  health:
                    method: GET
                    path: /health
                    auth: none
                    responses:
                      200: { $ref: "#/responses/Loop" }
                      503: { $ref: "missing.yaml#/responses/Down" }
                schemas:
                  A: { $ref: "#/schemas/B" }
                  B: { $ref: "#/schemas/A" }
                  C: { type: object, properties: { x: { $ref: "#/schemas/Nowhere" } } }
                """,
        ])
        let messages = ContractLoader.load(directory: dir.path).diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("4:11") && $0.contains("reference cycle through '#/responses/Loop'") })
        #expect(messages.contains { $0.hasPrefix("12:") && $0.contains("$ref 'missing.yaml#/responses/Down': no such file") })
        #expect(messages.contains { $0.contains("invalid schema") && $0.contains("cycle") })
        #expect(messages.contains { $0.hasPrefix("16:") && $0.contains("invalid schema") })
    }

    @Test func yamlSyntaxErrorsCarryLineAndColumn() throws {
        let dir = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/bad.yaml": "service: traction\nendpoints:\n  x: [1, 2\n"])
        let diagnostics = ContractLoader.load(directory: dir.path).diagnostics
        let syntax = try #require(diagnostics.first { $0.message.hasPrefix("YAML syntax error") })
        #expect(syntax.location.file.hasSuffix("traction/bad.yaml"))
        #expect(syntax.location.line == 4)
    }

    @Test func yamlScalarsFollowTheCoreSchema() throws {
        let diagnostics = DiagnosticsCollector()
        let document = try #require(YAMLDocument.parse(
            "a: yes\nb: 2025-10-17T12:00:00Z\nc: 200\nd: 1.5\ne: ~\nf: 'true'\ng: true\n", path: "x.yaml", uri: "file:///x.yaml",
            diagnostics: diagnostics))
        #expect(document.root == ["a": "yes", "b": "2025-10-17T12:00:00Z", "c": 200, "d": 1.5, "e": nil, "f": "true", "g": true])
        #expect(document.location(of: JSONPointer("/c")) == SourceLocation(file: "x.yaml", line: 3, column: 1))
        #expect(document.location(of: JSONPointer("/c/deeper")) == SourceLocation(file: "x.yaml", line: 3, column: 1))
    }
}
