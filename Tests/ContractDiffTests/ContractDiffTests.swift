import ContractDiff
import Contracts
import Foundation
import TestSupport
import Testing

/// One test per kind of change: the rule reported, its severity, and where it points.
@Suite struct ContractDiffTests {
    private func replacing(_ old: String, _ new: String) -> (inout DiffFixture) -> Void {
        { fixture in
            #expect(fixture.goals.contains(old), "the edit must apply: \(old)")
            fixture.goals = fixture.goals.replacingOccurrences(of: old, with: new)
        }
    }

    @Test func identicalContractsHaveNoChanges() throws {
        let report = try DiffFixture.diff { _ in }
        #expect(report.changes.isEmpty)
        #expect(!report.isBreaking)
        #expect(report.summary == "no changes (4 endpoints)")
    }

    @Test func aRemovedEndpointBreaksAndPointsAtTheOldFile() throws {
        let report = try DiffFixture.diff { fixture in
            let start = fixture.goals.range(of: "  getGoal:")!.lowerBound
            let end = fixture.goals.range(of: "  streamGoal:")!.lowerBound
            fixture.goals.removeSubrange(start..<end)
        }
        #expect(report.rules == ["endpoint.removed"])
        let change = try #require(report.changes.first)
        #expect(change.severity == .breaking)
        #expect(change.route == "GET /goals/{id}")
        #expect(change.location?.line == 32)
        #expect(report.isBreaking)
    }

    @Test func anAddedEndpointIsCompatible() throws {
        let report = try DiffFixture.diff(replacing("  streamGoal:", """
              deleteGoal:
                method: DELETE
                path: /goals/{id}
                auth: tenant
                responses:
                  204: { description: Deleted }
                  401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
                  404: { $ref: "../common/errors.yaml#/responses/NotFound" }
              streamGoal:
            """))
        #expect(report.rules == ["endpoint.added"])
        #expect(!report.isBreaking)
    }

    @Test func aRenamedPathParameterOrEndpointIdIsNoChange() throws {
        let report = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "path: /goals/{id}\n", with: "path: /goals/{goalId}\n")
                .replacingOccurrences(of: "getGoal:", with: "readGoal:")
        }
        #expect(report.changes.isEmpty)
    }

    @Test func aRemovedAliasBreaksAndAnAddedOneDoesNot() throws {
        let removed = try DiffFixture.diff(replacing("    aliases: [/api/goals]\n", ""))
        #expect(removed.rules == ["path.removed"])
        let added = try DiffFixture.diff(replacing("aliases: [/api/goals]", "aliases: [/api/goals, /v2/goals]"))
        #expect(added.rules == ["path.added"])
        #expect(!added.isBreaking)
    }

    @Test func aNewRequiredRequestMemberBreaksAndAnOptionalOneDoesNot() throws {
        let required = try DiffFixture.diff(replacing("required: [title]\n", "required: [title, ownerId]\n"))
        #expect(required.rules == ["request.member.required"])
        #expect(required.changes.first?.message == "body member `ownerId` is now required")
        let added = try DiffFixture.diff(replacing("      ownerId: { type: string }\n", "      ownerId: { type: string }\n      horizon: { type: string }\n"))
        #expect(added.rules == ["request.member.added"])
        #expect(!added.isBreaking)
        let addedRequired = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "required: [title]\n", with: "required: [title, horizon]\n")
                .replacingOccurrences(of: "      ownerId: { type: string }\n", with: "      ownerId: { type: string }\n      horizon: { type: string }\n")
                .replacingOccurrences(of: "example: { title: Grow, ownerId: user_1 }", with: "example: { title: Grow, ownerId: user_1, horizon: year }")
        }
        #expect(addedRequired.rules == ["request.member.required"])
    }

    @Test func narrowedRequestTypesAndEnumsBreakAndWideningDoesNot() throws {
        let shorter = try DiffFixture.diff(replacing("maxLength: 200", "maxLength: 100"))
        #expect(shorter.rules == ["request.narrowed"])
        #expect(shorter.changes.first?.message == "body member `title`: maxLength 200 → 100")
        let longer = try DiffFixture.diff(replacing("maxLength: 200", "maxLength: 500"))
        #expect(longer.rules == ["request.widened"])
        let retyped = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "ownerId: { type: string }", with: "ownerId: { type: integer }")
                .replacingOccurrences(of: "ownerId: user_1", with: "ownerId: 1")
        }
        #expect(retyped.rules == ["request.retyped"])
        // The status enum is read by the query parameter (request) and by every answer (response).
        let fewer = try DiffFixture.diff(replacing("GoalStatus: { enum: [draft, active, paused] }", "GoalStatus: { enum: [draft, active] }"))
        let query = try #require(fewer.changes.first { $0.route == "GET /goals" && $0.rule.rawValue.hasPrefix("request") })
        #expect(query.rule == .requestNarrowed)
        #expect(query.message == "query parameter `status`: no longer allows \"paused\"")
        #expect(query.location?.line == 60)   // the enum, in GoalStatus
        #expect(fewer.changes.filter { $0.rule == .responseNarrowed }.count == 4)   // create, list, get, the event
    }

    @Test func aRequestMemberRemovedFromAClosedObjectBreaks() throws {
        let closed = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "      ownerId: { type: string }\n", with: "")
                .replacingOccurrences(of: "{ title: Grow, ownerId: user_1 }", with: "{ title: Grow }")
        }
        #expect(closed.rules.contains("request.member.removed"))
        #expect(closed.isBreaking)
        let open = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "      ownerId: { type: string }\n", with: "")
                .replacingOccurrences(of: "    additionalProperties: false\n", with: "")
        }
        #expect(open.rules.sorted() == ["request.member.unlisted", "request.opened"])
        #expect(!open.isBreaking)
    }

    @Test func aNewRequiredQueryParameterOrHeaderBreaks() throws {
        let query = try DiffFixture.diff(replacing("status: { schema: { $ref: \"#/schemas/GoalStatus\" } }", "status: { required: true, schema: { $ref: \"#/schemas/GoalStatus\" } }"))
        #expect(query.rules == ["request.parameter.required"])
        let header = try DiffFixture.diff(replacing("    query:\n      status:", "    headers:\n      X-Request-Id: { required: true, schema: { type: string } }\n    query:\n      status:"))
        #expect(header.rules == ["request.parameter.required"])
        #expect(header.changes.first?.message == "header `X-Request-Id` added, required")
        let optional = try DiffFixture.diff(replacing("    query:\n      status:", "    query:\n      ownerId: { schema: { type: string } }\n      status:"))
        #expect(optional.rules == ["request.parameter.added"])
        #expect(!optional.isBreaking)
    }

    @Test func removedOrRetypedResponseMembersBreakAndAddedOnesDoNot() throws {
        let removed = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "\n      score: { type: integer }", with: "")
                .replacingOccurrences(of: ", score: 0 }", with: " }").replacingOccurrences(of: ", score: 1 }", with: " }")
        }
        #expect(Set(removed.rules) == ["response.member.removed"])
        #expect(removed.changes.map(\.message).contains("200 answer member `data[].score` removed"))
        #expect(removed.changes.first { $0.route == "GET /goals/{id}/events" }?.message == "event `goal.updated` member `score` removed")
        let retyped = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "score: { type: integer }", with: "score: { type: string }")
                .replacingOccurrences(of: "score: 0", with: "score: \"0\"").replacingOccurrences(of: "score: 1", with: "score: \"1\"")
        }
        #expect(Set(retyped.rules) == ["response.retyped"])
        #expect(retyped.changes.first?.message.hasSuffix("type integer → string") == true)
        let optional = try DiffFixture.diff(replacing("required: [id, title, status]", "required: [id, title]"))
        #expect(Set(optional.rules) == ["response.member.optional"])
        let widened = try DiffFixture.diff(replacing("score: { type: integer }", "score: { type: number }"))
        #expect(Set(widened.rules) == ["response.widened"])
        #expect(widened.isBreaking)
        let added = try DiffFixture.diff(replacing("      score: { type: integer }", "      score: { type: integer }\n      note: { type: string }"))
        #expect(Set(added.rules) == ["response.member.added"])
        #expect(!added.isBreaking)
    }

    @Test func aChangedSuccessStatusBreaksAndANewErrorStatusDoesNot() throws {
        let status = try DiffFixture.diff { fixture in
            let start = fixture.goals.range(of: "    responses:\n      200:")!
            fixture.goals.replaceSubrange(start, with: "    responses:\n      201:")
        }
        #expect(status.rules == ["response.status.changed"])
        #expect(status.changes.first?.message == "success answers 201 instead of 200")
        let conflict = try DiffFixture.diff(replacing("      422: { $ref: \"../common/errors.yaml#/responses/Invalid\" }\n", "      409: { $ref: \"../common/errors.yaml#/responses/Invalid\" }\n      422: { $ref: \"../common/errors.yaml#/responses/Invalid\" }\n"))
        #expect(conflict.rules == ["response.status.added", "response.status.added"])   // create and list
        #expect(!conflict.isBreaking)
    }

    @Test func tightenedAuthBreaksAndLoosenedAuthDoesNot() throws {
        let admin = try DiffFixture.diff { fixture in
            let range = fixture.goals.range(of: "auth: tenant")!
            fixture.goals.replaceSubrange(range, with: "auth: admin")
        }
        #expect(admin.rules == ["auth.tightened"])
        #expect(admin.changes.first?.message == "auth tenant → admin")
        #expect(admin.changes.first?.route == "POST /goals")
        let open = try DiffFixture.diff { fixture in
            let range = fixture.goals.range(of: "auth: tenant")!
            fixture.goals.replaceSubrange(range, with: "auth: none")
        }
        #expect(open.rules == ["auth.loosened"])
        #expect(!open.isBreaking)
    }

    @Test func streamsLosingAnEventOrAPromiseBreak() throws {
        let event = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "      goal.updated:\n", with: "      goal.changed:\n")
        }
        #expect(event.rules.sorted() == ["event.added", "event.removed"])
        let replay = try DiffFixture.diff(replacing("replay: true", "replay: false"))
        #expect(replay.rules == ["stream.promise.dropped"])
    }

    @Test func aChangedGatewayPrefixBreaks() throws {
        let report = try DiffFixture.diff { $0.services = $0.services.replacingOccurrences(of: "/traction/api/v1", with: "/traction/api/v2") }
        #expect(report.rules == ["service.prefix.changed"])
    }

    @Test func recursiveSchemasEnd() throws {
        let report = try DiffFixture.diff { fixture in
            fixture.goals = fixture.goals.replacingOccurrences(of: "      score: { type: integer }", with: "      score: { type: integer }\n      parent: { $ref: \"#/schemas/Goal\" }")
        }
        #expect(Set(report.rules) == ["response.member.added"])
    }

    @Test func theReportsCarryTheSameChanges() throws {
        let report = try DiffFixture.diff(replacing("maxLength: 200", "maxLength: 100"))
        let json = report.json
        #expect(json["breaking"] == 1)
        #expect(json["changes"]?[0]?["rule"] == "request.narrowed")
        #expect(json["changes"]?[0]?["location"]?.stringValue?.contains("traction/goals.yaml:66:") == true)
        #expect(report.markdown.contains("| traction POST /goals | body member `title`: maxLength 200 → 100 | `request.narrowed` |"))
        #expect(report.text.hasSuffix("1 breaking change, 0 compatible (4 endpoints → 4)\n"))
    }
}
