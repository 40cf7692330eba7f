import Foundation
import Fakes
import JSON
import Testing

/// `{{expression}}` rendering, as contracts use it in defaults, ids, channels and examples.
@Suite struct TemplateTests {
    let scope: TemplateScope = {
        var scope = TemplateScope(now: Date(timeIntervalSince1970: 1_760_716_800))  // 2025-10-17T16:00:00Z
        scope.path = ["id": "goal_1", "kpiId": "kpi é"]
        scope.query = ["page": 2]
        scope.headers = ["x-request-id": "req-9"]
        scope.body = ["title": "Grow", "items": ["a", "b", "c"], "owner": .null]
        scope.tenantID = "tenant_acme"
        scope.userID = "user_demo"
        return scope
    }()

    @Test func aWholePlaceholderKeepsItsJSONType() {
        #expect(Template.render("{{query.page}}", in: scope) == 2)
        #expect(Template.render("  {{ len body.items }} ", in: scope) == 3)
        #expect(Template.render("{{body.items}}", in: scope) == ["a", "b", "c"])
        #expect(Template.render("{{body.missing}}", in: scope) == .null)
        #expect(Template.render("{{now}}", in: scope) == "2025-10-17T16:00:00Z")
        #expect(Template.render("{{today}}", in: scope) == "2025-10-17")
    }

    @Test func placeholdersInsideTextAreReplacedByTheirText() {
        #expect(Template.render("goals:{{path.id}}:kpis/{{path.kpiId}}", in: scope) == "goals:goal_1:kpis/kpi é")
        #expect(Template.render("{{user.id}} in {{tenant.id}}", in: scope) == "user_demo in tenant_acme")
        #expect(Template.render("n={{len body.items}}, missing=[{{body.nope}}]", in: scope) == "n=3, missing=[]")
        #expect(Template.render("{{header.X-Request-Id}}!", in: scope) == "req-9!")
        // Unclosed or absent braces are text.
        #expect(Template.render("{{path.id", in: scope) == "{{path.id")
        #expect(Template.render("plain { text }", in: scope) == "plain { text }")
        #expect(Template.render("é{{path.id}}é", in: scope) == "égoal_1é")
    }

    @Test func fallbacksApplyOnlyWhenThePrimaryIsMissingOrNull() {
        #expect(Template.render("{{body.owner ?? user.id}}", in: scope) == "user_demo")
        #expect(Template.render("{{body.title ?? 'x'}}", in: scope) == "Grow")
        #expect(Template.render("{{body.nope ?? \"none yet\"}}", in: scope) == "none yet")
        #expect(Template.render("{{body.nope??'x'}}", in: scope) == "x")
    }

    @Test func structuresRenderMemberByMember() {
        let rendered = Template.render(["ownerId": "{{user.id}}", "tags": ["{{path.id}}", 7], "flag": true], in: scope)
        #expect(rendered == ["ownerId": "user_demo", "tags": ["goal_1", 7], "flag": true])
    }
}
