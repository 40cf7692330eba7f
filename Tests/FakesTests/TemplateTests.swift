import Contracts
@testable import Fakes
import Foundation
import JSON
import Testing

/// `{{expression}}` templates as the collection kinds, `respond` and stream channels use them:
/// compiled once (`ValueTemplate`), rendered per request in the expression language of views.
@Suite struct TemplateTests {
    let context: ExpressionContext = {
        var scope = TemplateScope(now: Date(timeIntervalSince1970: 1_760_716_800))  // 2025-10-17T16:00:00Z
        scope.path = ["id": "goal_1", "kpiId": "kpi é"]
        scope.query = ["page": 2]
        scope.body = ["title": "Grow", "items": ["a", "b", "c"], "owner": .null]
        scope.tenantID = "tenant_acme"
        scope.userID = "user_demo"
        return ExpressionContext(scope: scope, tenant: nil, global: TenantState(id: "", name: ""), collections: [:])
    }()

    func render(_ value: JSONValue) throws -> JSONValue {
        try ValueTemplate.compile(value).render(in: context)
    }

    @Test func aWholePlaceholderKeepsItsJSONType() throws {
        #expect(try render("{{query.page}}") == 2)
        #expect(try render("  {{ len(body.items) }} ") == 3)
        #expect(try render("{{body.items}}") == ["a", "b", "c"])
        #expect(try render("{{body.missing}}") == .null)
        #expect(try render("{{now}}") == "2025-10-17T16:00:00Z")
        #expect(try render("{{today}}") == "2025-10-17")
    }

    @Test func placeholdersInsideTextAreReplacedByTheirText() throws {
        #expect(try render("goals:{{path.id}}:kpis/{{path.kpiId}}") == "goals:goal_1:kpis/kpi é")
        #expect(try render("{{user.id}} in {{tenant.id}}") == "user_demo in tenant_acme")
        #expect(try render("n={{len(body.items)}}, missing=[{{body.nope}}]") == "n=3, missing=[]")
        #expect(try render("plain { text }") == "plain { text }")
        #expect(try render("é{{path.id}}é") == "égoal_1é")
        // A fresh id per render, with the prefix asked for.
        let id = try #require(try render("{{newId('sess_')}}").stringValue)
        let next = try render("{{newId('sess_')}}").stringValue
        #expect(id.hasPrefix("sess_") && id != next)
    }

    @Test func anUnclosedPlaceholderIsRefusedWhenCompiledNotRenderedAsText() {
        #expect(throws: TemplateProblem.self) { try ValueTemplate.compile("{{path.id") }
        #expect(throws: TemplateProblem.self) { try ValueTemplate.compile(["a": ["{{len body.items}}"]]) }
    }

    @Test func fallbacksApplyOnlyWhenThePrimaryIsMissingOrNull() throws {
        #expect(try render("{{body.owner ?? user.id}}") == "user_demo")
        #expect(try render("{{body.title ?? 'x'}}") == "Grow")
        #expect(try render("{{body.nope ?? \"none yet\"}}") == "none yet")
        #expect(try render("{{body.nope??'x'}}") == "x")
    }

    @Test func structuresRenderMemberByMember() throws {
        let rendered = try render(["ownerId": "{{user.id}}", "tags": ["{{path.id}}", 7], "flag": true])
        #expect(rendered == ["ownerId": "user_demo", "tags": ["goal_1", 7], "flag": true])
    }
}
