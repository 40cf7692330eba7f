import TestSupport
import Contracts
import Foundation
import Testing


@Suite struct LintTests {
    /// One file, five different mistakes: each must be reported at its own line.
    static let fiveMistakes = """
        service: traction
        endpoints:
          listGoals:
            method: GET
            path: /goals
            auth: tenant
            sumary: List goals
            responses:
              2OO:
                data: { type: array }
                example: { success: true, data: [] }
              401: { $ref: "#/responses/Nope" }
          getGoal:
            method: GET
            path: /goals/{id}
            auth: tenant
            responses:
              200:
                data: { type: object, requried: [id] }
                example: { success: true, data: { id: 1 } }
              401:
                schema: { type: object }
                example: {}
              404:
                schema: { type: object }
                example: {}
          listGoalsAgain:
            method: GET
            path: /goals
            auth: none
            responses:
              200:
                schema: { type: object, properties: { success: { const: true } } }
                example: { success: false }
        """

    @Test func reportsEveryMistakeWithItsLineAndColumn() throws {
        let dir = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/goals.yaml": Self.fiveMistakes])
        let report = Linter.lint(contracts: dir.path)
        let lines = report.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(lines.contains("7:5: unknown key 'sumary' in endpoint 'listGoals'; did you mean 'summary'?"))
        #expect(lines.contains("9:7: response status '2OO' is not an HTTP status code (100–599)"))
        #expect(lines.contains("12:14: $ref '#/responses/Nope': nothing at /responses/Nope in \(dir.file("traction/goals.yaml"))"))
        #expect(lines.contains("19:31: unknown schema keyword 'requried'; did you mean 'required'?"))
        #expect(lines.contains { $0 == "34:20: response example does not match its schema at /success: must be true" })
        #expect(lines.contains { $0.contains("route GET /goals of 'listGoalsAgain' collides with endpoint 'listGoals'") })
        #expect(report.diagnostics.allSatisfy { $0.description.hasPrefix(dir.file("traction/goals.yaml") + ":") })
    }

    @Test func fixturesAreValidatedAgainstTheirCollections() throws {
        let dir = try TemporaryDirectory([
            "contracts/services.yaml": servicesYAML,
            "contracts/traction/goals.yaml": """
                service: traction
                collections:
                  goals: { schema: { type: object, required: [id, title], properties: { title: { type: string } } } }
                  strategies:
                    schema: { type: object, required: [id, goalId] }
                    parent: { collection: goals, field: goalId }
                  tiers: { schema: { type: object }, global: true }
                """,
            "fixtures/default/scenario.yaml": """
                users:
                  - { id: u1, email: a@b.c, password: x, tenant: t1, profile: {} }
                  - { id: u2, email: A@b.c, password: x, tenant: nowhere }
                tenants:
                  t1:
                    name: One
                    data:
                      goals:
                        - { id: g1, title: Fine }
                        - { id: g2, title: 42 }
                        - { id: g1, title: Twice }
                      strategies:
                        - { id: s1, goalId: g9 }
                      tiers: []
                      golas: []
                """,
        ])
        let report = Linter.lint(contracts: dir.file("contracts"), fixtures: dir.file("fixtures"))
        let messages = report.diagnostics.map(\.message)
        #expect(messages.contains("fixture record does not match collection 'goals' at /title: expected string, got integer") || messages.contains { $0.hasPrefix("fixture record does not match collection 'goals' at /title") })
        #expect(messages.contains("duplicate id 'g1' in goals"))
        #expect(messages.contains("duplicate user email 'A@b.c'"))
        #expect(messages.contains("user 'u2' belongs to unknown tenant 'nowhere'"))
        #expect(messages.contains("collection 'tiers' is global: seed it under 'global'"))
        #expect(messages.contains("unknown collection 'golas'; did you mean 'goals'?"))
        #expect(messages.contains { $0.contains("points at goals 'g9'") })
        let titleProblem = try #require(report.diagnostics.first { $0.message.contains("collection 'goals' at /title") })
        #expect(titleProblem.location.line == 10)
    }

    @Test func aPublicEndpointCannotWriteToATenantsCollection() throws {
        let dir = try TemporaryDirectory([
            "services.yaml": servicesYAML,
            "traction/notes.yaml": """
                service: traction
                collections:
                  notes: { schema: { type: object } }
                endpoints:
                  createNote:
                    method: POST
                    path: /notes
                    auth: none
                    responses:
                      200: { data: { type: object }, example: { success: true, data: {} } }
                    fake: { create: notes }
                """,
        ])
        let messages = Linter.lint(contracts: dir.path).diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(messages == ["11:13: 'createNote' has auth none, so its fake can only use a global collection; 'notes' is per tenant"])
    }

    @Test func citedDecisionsMustHaveAnEntry() throws {
        let dir = try TemporaryDirectory([
            "contracts/services.yaml": servicesYAML,
            "contracts/traction/health.yaml": """
                service: traction
                endpoints:
                  health:
                    method: GET
                    path: /health
                    auth: none
                    decisions: [K7, K99]
                    responses:
                      200: { data: { type: object }, example: { success: true, data: {} } }
                """,
            "docs/decisions.md": "# Decisions\n\n## K7 — Health\n\ntext\n",
        ])
        let report = Linter.lint(contracts: dir.file("contracts"), decisions: dir.file("docs/decisions.md"))
        #expect(report.diagnostics.map(\.message) == ["decision K99 of 'health' has no entry in \(dir.file("docs/decisions.md"))"])
    }
}
