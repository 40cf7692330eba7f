import Contracts
import JSON
import Testing
import TestSupport

/// The templates of the collection kinds, `respond` and stream channels are compiled and typed at
/// load like views: a misspelt field is a diagnostic at its line and column, not an empty string.
@Suite struct TemplateLintTests {
    static let contract = """
        service: traction
        collections:
          goals:
            schema: { type: object, properties: { id: { type: string }, title: { type: string }, ownerId: { type: string }, status: { type: string } } }
            idPrefix: goal_
        endpoints:
          createGoal:
            method: POST
            path: /goals
            auth: tenant
            body:
              schema: { type: object, required: [title], properties: { title: { type: string } } }
              example: { title: Grow }
            responses:
              201: { data: { type: object }, example: { success: true, data: {} } }
              401: { schema: { type: object }, example: {} }
              422: { schema: { type: object }, example: {} }
            fake:
              create: goals
              set: { ownerId: "{{user.id}}", title: "{{body.titel}}", status: "{{record.stauts ?? 'draft'}}" }
              emit: { event: goal.created, channel: "goal:{{record.id}}:{{len body.title}}" }
          ping:
            method: GET
            path: /goals/{id}/ping
            auth: tenant
            responses:
              200: { schema: { type: object }, example: { at: "{{now}}" } }
              401: { schema: { type: object }, example: {} }
              404: { schema: { type: object }, example: {} }
            fake: { respond: 200, body: { id: "{{path.idd}}", at: "{{now}}", who: "{{uuid}}" } }
          stream:
            method: GET
            path: /goals/{goalId}/events
            auth: tenant
            channel: "goal:{{path.goal}}"
            responses:
              200: { contentType: text/event-stream }
              401: { schema: { type: object }, example: {} }
              404: { schema: { type: object }, example: {} }
            events:
              goal.created: { schema: { type: object } }
        """

    @Test func eachMistakeIsReportedWhereItIsWritten() throws {
        let dir = try TemporaryDirectory(["services.yaml": servicesYAML, "traction/goals.yaml": Self.contract])
        let found = ContractLoader.load(directory: dir.path).diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(found.contains { $0.hasPrefix("20:") && $0.contains("fake set") && $0.contains("'titel'") && $0.contains("did you mean 'title'") })
        #expect(found.contains { $0.hasPrefix("20:") && $0.contains("'stauts'") && $0.contains("did you mean 'status'") })
        #expect(found.contains { $0.hasPrefix("21:") && $0.contains("emit channel") })
        #expect(found.contains { $0.hasPrefix("30:") && $0.contains("fake body") && $0.contains("idd") })
        #expect(found.contains { $0.hasPrefix("30:") && $0.contains("'uuid' is no field here") })
        #expect(found.contains { $0.hasPrefix("35:") && $0.contains("channel") && $0.contains("goal") })
        // `{{user.id}}`, `{{record.id}}`, `{{now}}` are fine: six mistakes, six diagnostics.
        #expect(found.count == 6, "\(found)")
    }
}
