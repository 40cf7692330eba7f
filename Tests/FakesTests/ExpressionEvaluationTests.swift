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

    @Test func objectsAndListsAreReshaped() throws {
        #expect(try value("map(@goals[status == 'active'], {id: id, strategies: count(@strategies[goalId == outer.id])})")
            == [["id": "g1", "strategies": 2], ["id": "g3", "strategies": 0]])
        #expect(try value("pick(record, 'status', 'id', 'nope')") == ["status": "active", "id": "g1"])
        #expect(try value("omit(record, 'progress', 'dueDate')") == ["id": "g1", "title": "Grow", "status": "active"])
        #expect(try value("get({monthly: 9.5}, 'monthly')") == 9.5)
        #expect(try value("take(@goals.id, 2)") == ["g1", "g2"])
        #expect(try value("flatten([[1, 2], [3], 4])") == [1, 2, 3, 4])
        #expect(try value("indexOf(['a', 'b'], 'b')") == 1)
        #expect(try value("indexOf(['a', 'b'], 'z')") == -1)
        #expect(try value("join(@goals.id, ', ')") == "g1, g2, g3")
        #expect(try value("['a'] + ['b', 'c']") == ["a", "b", "c"])
    }

    @Test func typesNumbersTextAndTime() throws {
        #expect(try value("[type(record), type(@goals), type('x'), type(1.5), type(true), type(missing)]")
            == ["object", "array", "string", "number", "boolean", "null"])
        #expect(try value("[isDate('2025-11-24'), isDate('2025-11-24T16:00:00Z'), isDate('soon'), isDate(3)]") == [true, true, false, false])
        #expect(try value("num(9.0)") == 9)
        #expect(try value("num('9')") == .null)
        #expect(try value("float(82)") == .number(82))
        #expect(try value("round(99.96, 1)") == 100)
        #expect(try value("split('acme-tools_co', '-_')") == ["acme", "tools", "co"])
        #expect(try value("capitalize('acme')") == "Acme")
        #expect(try value("words('Grow, fast! 2x-ROI')") == ["grow", "fast", "2x", "roi"])
        #expect(try value("[slice('goals', -1), slice('goals', 0, -1), slice('goals', 2, 99)]") == ["s", "goal", "als"])
        #expect(try value("slice([1, 2, 3], 1)") == [2, 3])
        #expect(try value("sort(['b', 'a', 'c'])") == ["a", "b", "c"])
        #expect(try value("[urlHost('https://www.Acme-Tools.com/about'), urlHost('acme.io'), urlHost('')]") == ["acme-tools.com", "acme.io", .null])
        #expect(try value("addDays('2025-11-24T16:00:00Z', 14)") == "2025-12-08T16:00:00Z")
        #expect(try value("addMonths('2025-01-31T00:00:00Z', 1)") == "2025-02-28T00:00:00Z")
        #expect(try value("addMonths('2025-11-24', 12)") == "2026-11-24T00:00:00Z")
        let id = try #require(try value("newId('pi_', 24)").stringValue)
        let another = try value("newId('pi_', 24)").stringValue
        #expect(id.hasPrefix("pi_") && id.count == 27 && id != another)
    }

    @Test func transitionsComeFromTheTransitionFakes() throws {
        var context = self.context
        context.transitions = Shipped.contracts.transitionTable
        func holds(_ text: String) throws -> JSONValue { try ExpressionParser.parse(text).evaluate(in: context) }
        #expect(try holds("allowsTransition('goals', 'status', 'draft', 'active')") == true)
        #expect(try holds("allowsTransition('goals', 'status', 'active', 'completed')") == true)
        #expect(try holds("allowsTransition('goals', 'status', 'completed', 'active')") == false)
        #expect(try holds("allowsTransition('goals', 'status', 'draft', 'paused')") == false)
    }

    @Test func definitionsBindTheirParametersAndLets() throws {
        var context = self.context
        context.definitions = Shipped.contracts.definitions
        func value(_ text: String) throws -> JSONValue { try ExpressionParser.parse(text).evaluate(in: context) }
        #expect(try value("against(45, 50, 'up')") == 90)
        #expect(try value("against(4, 5, 'down')") == 100)
        #expect(try value("against(6, 5, 'down')") == 83.3)
        #expect(try value("against(null, 5, 'up')") == .null)
        #expect(try value("against(1, 0, 'up')") == 100)
        #expect(try value("rate(1, 4)").doubleValue == 25)
        #expect(try value("rate(1, 0)") == 0)
        // A definition's lets see its parameters and each other: the figures of a KPI without readings.
        #expect(try value("kpiFigures({id: 'kpi_none'}).currentValue") == .null)
    }
}
