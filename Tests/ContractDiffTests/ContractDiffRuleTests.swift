import ContractDiff
import Foundation
import TestSupport
import Testing

/// The rules the focused tests do not reach, one edit each: the rules reported, and whether the
/// edit breaks clients.
@Suite struct ContractDiffRuleTests {
    struct Edit: Sendable, CustomTestStringConvertible {
        var name: String
        /// Text replacements applied to the goals file, in order.
        var replacements: [(String, String)]
        var rules: [String]
        var breaking: Bool
        var testDescription: String { name }
    }

    static let edits: [Edit] = [
        Edit(name: "an optional body becomes required",
             replacements: [("      example: { title: Grow, ownerId: user_1 }\n", "      example: { title: Grow, ownerId: user_1 }\n      required: false\n")],
             rules: ["request.body.optional"], breaking: false),
        Edit(name: "a body is no longer read",
             replacements: [("    body:\n      schema: { $ref: \"#/schemas/GoalInput\" }\n      example: { title: Grow, ownerId: user_1 }\n", "")],
             rules: ["request.body.removed"], breaking: true),
        Edit(name: "the body's media type changes",
             replacements: [("      example: { title: Grow, ownerId: user_1 }\n", "      example: { title: Grow, ownerId: user_1 }\n      contentType: application/merge-patch+json\n")],
             rules: ["request.content-type.changed"], breaking: true),
        Edit(name: "a required member becomes optional",
             replacements: [("required: [title]\n", "required: []\n")],
             rules: ["request.member.optional"], breaking: false),
        Edit(name: "a closed request object opens",
             replacements: [("    additionalProperties: false\n", "")],
             rules: ["request.opened"], breaking: false),
        Edit(name: "an open answer member must now be present",
             replacements: [("required: [id, title, status]", "required: [id, title, status, score]")],
             rules: ["response.member.required"], breaking: false),
        Edit(name: "an answer header is added",
             replacements: [("        example: { success: true, data: [] }\n", "        example: { success: true, data: [] }\n        headers:\n          X-Total-Count: { schema: { type: integer } }\n")],
             rules: ["response.header.added"], breaking: false),
        Edit(name: "declaring the path parameter a string is no change",
             replacements: [("    path: /goals/{id}\n    auth: tenant\n", "    path: /goals/{id}\n    auth: tenant\n    pathParameters:\n      id: { schema: { type: string }, example: goal_1 }\n")],
             rules: [], breaking: false),
        Edit(name: "a stream promises a heartbeat less often",
             replacements: [("heartbeat: 15", "heartbeat: 30")],
             rules: ["stream.promise.dropped"], breaking: true),
        Edit(name: "a stream promises a heartbeat more often",
             replacements: [("heartbeat: 15", "heartbeat: 5")],
             rules: ["stream.promise.added"], breaking: false),
        Edit(name: "an answer member is retyped to a nullable one",
             replacements: [("score: { type: integer }", "score: { type: [integer, \"null\"] }")],
             rules: ["response.widened"], breaking: true),
    ]

    @Test(arguments: edits)
    func eachEditIsReportedByItsRule(_ edit: Edit) throws {
        let report = try DiffFixture.diff { fixture in
            for (old, new) in edit.replacements {
                #expect(fixture.goals.contains(old), "the edit must apply: \(old)")
                fixture.goals = fixture.goals.replacingOccurrences(of: old, with: new)
            }
        }
        #expect(Array(Set(report.rules)).sorted() == edit.rules.sorted(), "\(report.text)")
        #expect(report.isBreaking == edit.breaking)
    }

    /// The reverse of a new error status (lint wants 401, 404 and 422 where they apply, so the
    /// status to drop is one only the old version documents).
    @Test func anErrorStatusNoLongerDocumentedIsCompatible() throws {
        let old = try TemporaryDirectory()
        let new = try TemporaryDirectory()
        var before = DiffFixture()
        before.goals = before.goals.replacingOccurrences(of: "      422: { $ref: \"../common/errors.yaml#/responses/Invalid\" }\n  listGoals:",
                                                         with: "      409: { $ref: \"../common/errors.yaml#/responses/Invalid\" }\n      422: { $ref: \"../common/errors.yaml#/responses/Invalid\" }\n  listGoals:")
        let report = ContractDiff.compare(old: try DiffFixture.load(before, in: old), new: try DiffFixture.load(DiffFixture(), in: new))
        #expect(report.rules == ["response.status.removed"])
        #expect(report.changes.first?.message == "409 is no longer documented")
        #expect(!report.isBreaking)
    }

    /// A path parameter's schema is a request schema like any other: narrowing it breaks.
    @Test func aNarrowedPathParameterBreaks() throws {
        let declared = "    path: /goals/{id}\n    auth: tenant\n    pathParameters:\n      id: { schema: { type: string }, example: goal_1 }\n"
        let old = try TemporaryDirectory()
        let new = try TemporaryDirectory()
        var before = DiffFixture()
        before.goals = before.goals.replacingOccurrences(of: "    path: /goals/{id}\n    auth: tenant\n", with: declared)
        var after = before
        after.goals = after.goals.replacingOccurrences(of: "id: { schema: { type: string }, example: goal_1 }", with: "id: { schema: { type: string, pattern: \"^goal_\" }, example: goal_1 }")
        let report = ContractDiff.compare(old: try DiffFixture.load(before, in: old), new: try DiffFixture.load(after, in: new))
        #expect(report.rules == ["request.narrowed"])
        #expect(report.changes.first?.message == "path parameter `id`: pattern \"^goal_\" added")
    }
}
