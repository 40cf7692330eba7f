import Contracts
import JSON
import Testing

/// The expression grammar: precedence, names, postfix steps and the errors it reports.
@Suite struct ExpressionParserTests {
    func parse(_ text: String) throws -> FakeExpression { try ExpressionParser.parse(text) }

    func problem(_ text: String) -> ExpressionProblem? {
        do { _ = try ExpressionParser.parse(text); return nil } catch { return error }
    }

    @Test func booleanOperatorsBindLooserThanComparisons() throws {
        #expect(try parse("a or b and not c == 1") == .binary(.or, .field("a"), .binary(.and, .field("b"), .not(.binary(.equal, .field("c"), .literal(1))))))
        #expect(try parse("x || y && !z") == .binary(.or, .field("x"), .binary(.and, .field("y"), .not(.field("z")))))
    }

    @Test func arithmeticFollowsSchoolRulesAndCoalesceSitsBetween() throws {
        #expect(try parse("1 + 2 * 3") == .binary(.plus, .literal(1), .binary(.times, .literal(2), .literal(3))))
        #expect(try parse("(1 + 2) * 3") == .binary(.times, .binary(.plus, .literal(1), .literal(2)), .literal(3)))
        #expect(try parse("-x % 2") == .binary(.remainder, .negate(.field("x")), .literal(2)))
        #expect(try parse("a ?? 0 > 1") == .binary(.greater, .binary(.coalesce, .field("a"), .literal(0)), .literal(1)))
        #expect(try parse("2.5") == .literal(.number(2.5)))
    }

    @Test func namesRootsCollectionsAndPostfixSteps() throws {
        #expect(try parse("query.status") == .member(.root(.query), "status"))
        #expect(try parse("body.items.0.name") == .member(.index(.member(.root(.body), "items"), 0), "name"))
        #expect(try parse("@goals[status == 'active'].id")
            == .member(.filter(.collection("goals"), .binary(.equal, .field("status"), .literal("active"))), "id"))
        #expect(try parse("count(@strategies[goalId == record.id])")
            == .call(.count, [.filter(.collection("strategies"), .binary(.equal, .field("goalId"), .member(.root(.record), "id")))]))
        #expect(try parse("status in [\"a\", 'b']") == .binary(.in, .field("status"), .literal(["a", "b"])))
        #expect(try parse("[x, 1]") == .list([.field("x"), .literal(1)]))
        #expect(try parse(#"'it\'s'"#) == .literal("it's"))
        #expect(try parse(#""say \"hi\"""#) == .literal(#"say "hi""#))
        #expect(try parse("true and null == false") == .binary(.and, .literal(true), .binary(.equal, .literal(.null), .literal(false))))
    }

    @Test func theQueryParametersAnExpressionReadsAreKnown() throws {
        #expect(try parse("status in query.status and dueDate >= date(query.startDate)").queryParameters == ["status", "startDate"])
        #expect(try parse("now > dueDate").readsClock)
        #expect(!(try parse("dueDate > '2025-01-01'").readsClock))
    }

    @Test func mistakesSayWhatAndWhere() throws {
        #expect(problem("a == b == c") == ExpressionProblem("comparisons do not chain; use 'and'", at: 7))
        // A name that is no function of the language parses as a call of a definition; the checker knows them.
        #expect(try parse("cout(x)") == .apply("cout", [.field("x")]))
        #expect(problem("round()")?.message == "round() takes 1 or 2 arguments, not 0")
        #expect(problem("if(a, b)")?.message == "if() takes 3 arguments, not 2")
        #expect(problem("'open") == ExpressionProblem("the string is not closed", at: 0))
        #expect(problem("status ==") == ExpressionProblem("the expression ends too soon", at: 9))
        #expect(problem("a b") == ExpressionProblem("unexpected 'b' after the expression", at: 2))
        #expect(problem("x # y") == ExpressionProblem("unexpected character '#'", at: 2))
        #expect(problem("@") == ExpressionProblem("'@' needs a collection name", at: 0))
        #expect(problem("(a") == ExpressionProblem("expected ')' but found the end", at: 2))
        #expect(problem("a.") == ExpressionProblem("expected a field name after '.'", at: 2))
        // Hostile depth or length is an error, never a stack overflow.
        #expect(problem(String(repeating: "(", count: 1_000) + "1")?.message == "the expression nests deeper than 64 levels")
        #expect(problem(String(repeating: "not ", count: 1_000) + "x")?.message == "the expression nests deeper than 64 levels")
        #expect(problem(String(repeating: "- ", count: 1_000) + "1")?.message == "the expression nests deeper than 64 levels")
        #expect(problem(Array(repeating: "1", count: 5_000).joined(separator: " + "))?.message == "the expression is longer than 2000 tokens; split it into view fields")
        #expect(try parse(String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)) == .literal(1))
    }

    @Test func templatesCompileWholeAndInterpolatedPlaceholders() throws {
        guard case .expression(.call(.count, _)) = try ValueTemplate.compile("{{ count(@goals) }}") else { Issue.record("a lone placeholder keeps its value"); return }
        guard case .text(let parts) = try ValueTemplate.compile("{{a}} of {{b}}"), parts.count == 3 else { Issue.record("text with two placeholders"); return }
        #expect(try ValueTemplate.compile(["plain": "text", "n": 3]).isLiteral)
        do {
            _ = try ValueTemplate.compile(["a": ["ok", "{{count(}}"]])
            Issue.record("a broken placeholder compiles")
        } catch {
            #expect(error.pointer == JSONPointer("/a/1"))
            #expect(error.problem.offset == 8)
        }
    }
}
