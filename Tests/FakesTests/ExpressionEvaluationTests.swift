import Contracts
@testable import Fakes
import Foundation
import JSON
import Testing

/// What each expression feature evaluates to over a small tenant: reads, filters and maps,
/// aggregates, dates, arithmetic, conditionals and membership.
@Suite struct ExpressionEvaluationTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z

    var context: ExpressionContext {
        var tenant = TenantState(id: "tenant_t", name: "Acme")
        tenant.put("goals", id: "g1", ["id": "g1", "title": "Grow", "status": "active", "progress": 40, "dueDate": "2025-12-01"])
        tenant.put("goals", id: "g2", ["id": "g2", "title": "hire", "status": "paused", "progress": 70.5, "dueDate": "2025-11-20T09:00:00Z"])
        tenant.put("goals", id: "g3", ["id": "g3", "title": "Ship", "status": "active"])
        tenant.put("strategies", id: "s1", ["id": "s1", "goalId": "g1", "order": 2])
        tenant.put("strategies", id: "s2", ["id": "s2", "goalId": "g1", "order": 1])
        var scope = TemplateScope(now: Self.now)
        scope.query = ["status": "active,paused", "from": "2025-11-01", "bad": "soon"]
        scope.path = ["id": "g1"]
        scope.tenantID = "tenant_t"
        scope.body = ["items": [["n": 1], ["n": 2]]]
        var context = ExpressionContext(scope: scope, tenant: tenant, global: TenantState(id: "global", name: ""), collections: Shipped.contracts.collections)
        context.record = tenant.record("goals", id: "g1")!
        context.current = context.record
        return context
    }

    func value(_ text: String) throws -> JSONValue {
        // A parse error fails the test too: every text here is meant to be valid.
        try ExpressionParser.parse(text).evaluate(in: context)
    }

    @Test func namesReadTheRecordTheRequestAndTheTenant() throws {
        #expect(try value("title") == "Grow")
        #expect(try value("record.progress") == 40)
        #expect(try value("path.id") == "g1")
        #expect(try value("tenant.name") == "Acme")
        #expect(try value("body.items.1.n") == 2)
        #expect(try value("body.items.5") == .null)
        #expect(try value("missing.deeper") == .null)
        #expect(try value("today") == "2025-11-24")
        #expect(try value("now") == "2025-11-24T16:00:00Z")
    }

    @Test func filtersKeepItemsAndMembersMapOverLists() throws {
        #expect(try value("@goals[status == 'active'].id") == ["g1", "g3"])
        #expect(try value("@strategies[goalId == record.id].order") == [2, 1])
        #expect(try value("body.items[n > 1]") == [["n": 2]])
        #expect(try value("@goals.progress") == [40, 70.5])
    }

    @Test func aggregatesCountSumAverageAndPick() throws {
        #expect(try value("count(@goals)") == 3)
        #expect(try value("sum(@goals.progress)") == 110.5)
        #expect(try value("sum(@strategies.order)") == 3)
        #expect(try value("avg(@goals.progress)") == 55.25)
        #expect(try value("avg(@goals[status == 'none'].progress)") == .null)
        #expect(try value("min(@goals.dueDate)") == "2025-11-20T09:00:00Z")
        #expect(try value("max(@strategies.order)") == 2)
        #expect(try value("first(@goals).id") == "g1")
        #expect(try value("last(@goals).id") == "g3")
        #expect(try value("distinct(@goals.status)") == ["active", "paused"])
        #expect(try value("len(title)") == 4)
    }

    @Test func datesCompareAsInstantsAndCountDays() throws {
        #expect(try value("days(today, dueDate)") == 7)
        #expect(try value("days('2025-11-24', '2025-11-20T09:00:00Z')") == -4)
        #expect(try value("dueDate >= date(query.from)") == true)
        #expect(try value("'2025-11-30T23:00:00Z' <= endOfDay('2025-11-30')") == true)
        #expect(try value("endOfDay('2025-11-30')") == "2025-11-30T23:59:59.999Z")
        #expect(try value("date(query.absent)") == .null)
        #expect(throws: FakeError.self) { try value("date(query.bad)") }
        let bad = try ExpressionParser.parse("date(query.bad)")
        do throws(FakeError) {
            _ = try bad.evaluate(in: context)
        } catch {
            #expect(error.status == 422)
            #expect(error.fieldErrors["bad"] != nil)
        }
    }

    @Test func arithmeticKeepsIntegersAndRoundsHalfAway() throws {
        #expect(try value("1 + 2 * 3") == 7)
        #expect(try value("7 % 4") == 3)
        #expect(try value("1 / 4") == 0.25)
        #expect(try value("1 / 0") == .null)
        #expect(try value("round(100 * 2 / 3, 1)") == 66.7)
        #expect(try value("round(2.5)") == 3)
        #expect(try value("floor(-1.5)") == -2)
        #expect(try value("abs(-3)") == 3)
        // Integer edges do not trap: they fall back to floating point (or 0 for the one remainder).
        #expect(try value("-(0 - 9223372036854775807 - 1)") == .number(9.223372036854775808e18))
        #expect(try value("(0 - 9223372036854775807 - 1) % -1") == 0)
        #expect(try value("9223372036854775807 + 1") == .number(9.223372036854775808e18))
        #expect(try value("progress + missing") == .null)
        #expect(try value("'#' + progress") == "#40")
    }

    @Test func conditionalsMembershipAndText() throws {
        #expect(try value("if(progress > 50, 'ahead', 'behind')") == "behind")
        #expect(try value("missing ?? 'none'") == "none")
        #expect(try value("status in query.status") == true)
        #expect(try value("'done' in query.status") == false)
        #expect(try value("['a', 'b'] overlaps ['c', 'b']") == true)
        #expect(try value("contains(lower('Grow Fast'), 'grow')") == true)
        #expect(try value("contains(@goals.id, 'g2')") == true)
        #expect(try value("split('a, b,,c')") == ["a", "b", "c"])
        #expect(try value("not (status == 'active') or progress == 40") == true)
        #expect(try value("'3' == 3") == true)
        #expect(try value("merge({a: 1, b: 2}, {b: 3, c: 4})") == ["a": 1, "b": 3, "c": 4])
        #expect(try value("merge({a: 1}, missing)") == ["a": 1])
        #expect(try value("month('2025-11-24T16:00:00Z')") == "2025-11")
        #expect(try value("month('2025-02')") == "2025-02")
        #expect(try value("sort(@goals, '-progress').id") == ["g2", "g1", "g3"])
        #expect(try value("sort(@strategies, 'order').id") == ["s2", "s1"])
        #expect(try value("null == missing") == true)
    }
}
