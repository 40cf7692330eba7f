import Contracts
import JSON
import Testing
import TestSupport

/// `fake: { view: … }` is compiled and type-checked when the contracts load: each mistake is a
/// diagnostic at the expression's own line and column, never a surprise at request time.
@Suite struct ViewLintTests {
    static let common = """
        schemas:
          Error: { type: object, properties: { success: { const: false }, error: { type: string } } }
        responses:
          Unauthorized: { schema: { $ref: "#/schemas/Error" }, example: { success: false, error: Token missing } }
          NotFound: { schema: { $ref: "#/schemas/Error" }, example: { success: false, error: Not found } }
        """

    func contract(_ view: String, query: String = "status: { schema: { type: string } }") -> String {
        """
        service: traction
        collections:
          goals: { schema: { $ref: "#/schemas/Goal" }, idPrefix: goal_ }
          strategies: { schema: { $ref: "#/schemas/Strategy" }, idPrefix: strategy_ }
        endpoints:
          listGoals:
            method: GET
            path: /goals/{ownerId}
            auth: tenant
            query:
              \(query)
            responses:
              200: { data: { type: array }, example: { success: true, data: [] } }
              401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
              404: { $ref: "../common/errors.yaml#/responses/NotFound" }
            fake:
              view:
        \(view.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
        schemas:
          Goal:
            type: object
            properties:
              id: { type: string }
              title: { type: string }
              progress: { type: number }
              done: { type: boolean }
              tags: { type: array, items: { type: string } }
          Strategy:
            type: object
            properties: { id: { type: string }, goalId: { type: string }, order: { type: integer } }
        """
    }

    func diagnostics(_ view: String) throws -> [String] {
        let dir = try TemporaryDirectory([
            "services.yaml": servicesYAML, "common/errors.yaml": Self.common, "traction/goals.yaml": contract(view),
        ])
        return ContractLoader.load(directory: dir.path).diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    @Test func aCorrectViewLoadsClean() throws {
        #expect(try diagnostics("""
            from: goals
            where: [progress >= 0, not done]
            filter: [title in query.status, path.ownerId != '']
            sort: [-progress, lower(title)]
            fields: { strategyCount: "{{count(@strategies[goalId == record.id])}}", label: "{{title}} ({{round(progress)}}%)" }
            page: { size: [limit], default: 10, members: { totalPages: total_pages } }
            """) == [])
    }

    @Test func eachMistakeIsReportedAtItsExpression() throws {
        let found = try diagnostics("""
            from: goals
            where:
              - progres > 1
              - title > 3
              - count(@goalz) > 0
              - query.statu == 'x'
              - path.owner == 'x'
              - tags + 1 == 2
              - title and done
            sort: [sum(title)]
            fields: { n: "{{count(@strategies[goalID == record.id])}}" }
            """)
        #expect(found == [
            "20:13 view condition: unknown field 'progres' of a 'goals' record; did you mean 'progress'?",
            "21:13 view condition: 'title' is text but the value 3 is a number; '>' cannot order them",
            "22:13 view condition: unknown collection '@goalz'; did you mean 'goals'?",
            "23:13 view condition: the endpoint declares no query parameter 'statu'; did you mean 'status'?",
            "24:13 view condition: the path has no parameter 'owner'; did you mean 'ownerId'?",
            "25:13 view condition: '+' needs numbers, but 'tags' is a list",
            "26:13 view condition: 'and' needs a condition, but 'title' is text",
            "27:16 view sort: sum() needs a list, but 'title' is text",
            "28:19 view field 'n': unknown field 'goalID' of an item of '@strategies'; did you mean 'goalId'?",
        ])
    }

    @Test func syntaxErrorsSayWhichCharacter() throws {
        let found = try diagnostics("""
            from: goals
            where: "progress >"
            fields: { a: "{{count(}}" }
            """)
        #expect(found == [
            "19:9 view where: the expression ends too soon (at character 11 of 'progress >')",
            "20:19 view field 'a': the expression ends too soon",
        ])
    }

    @Test func aViewNeedsRecordsOrAnAnswer() throws {
        let a = try diagnostics("envelope: false"), b = try diagnostics("select: 1\nwhere: true"), c = try diagnostics("from: goalz")
        #expect(a == ["17:7 a view needs 'from' (a collection) or 'select' (the answer)"])
        #expect(b == ["17:7 one, where, filter, sort, page and fields read records: the view needs 'from'"])
        #expect(c == ["18:9 unknown collection 'goalz'; did you mean 'goals'?"])
    }

    @Test func matchIsCheckedLikeAViewCondition() throws {
        let contract = """
            service: traction
            collections:
              goals: { schema: { $ref: "#/schemas/Goal" }, idPrefix: goal_ }
            endpoints:
              removeGoal:
                method: POST
                path: /goals:remove
                auth: tenant
                body: { schema: { type: object, properties: { title: { type: string } } }, example: { title: Grow } }
                responses:
                  200: { schema: { type: object }, example: { success: true } }
                  401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
                  404: { $ref: "../common/errors.yaml#/responses/NotFound" }
                  422: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
                fake: { delete: goals, match: titel == body.title }
              addGoal:
                method: POST
                path: /goals
                auth: tenant
                body: { schema: { type: object }, example: {} }
                responses:
                  200: { schema: { type: object }, example: { success: true } }
                  401: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
                  422: { $ref: "../common/errors.yaml#/responses/Unauthorized" }
                fake: { create: goals, match: "title == 'x'" }
            schemas:
              Goal: { type: object, properties: { id: { type: string }, title: { type: string } } }
            """
        let dir = try TemporaryDirectory(["services.yaml": servicesYAML, "common/errors.yaml": Self.common, "traction/goals.yaml": contract])
        let found = ContractLoader.load(directory: dir.path).diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(found == [
            "15:28 match: unknown field 'titel' of a 'goals' record; did you mean 'title'?",
            "25:28 match finds the record of get, update, delete or transition",
        ])
    }

    @Test func definitionsAreCheckedWhereTheyAreWrittenAndAtEveryCall() throws {
        func messages(_ define: String, _ select: String) throws -> [String] {
            let file = contract("select: \"{{\(select)}}\"") + "\ndefine:\n" + define.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            let dir = try TemporaryDirectory(["services.yaml": servicesYAML, "common/errors.yaml": Self.common, "traction/goals.yaml": file])
            return ContractLoader.load(directory: dir.path).diagnostics.map(\.message)
        }
        #expect(try messages("total(g): \"count(@strategies[goalId == $g.id])\"", "total(first(@goals))") == [])
        // A field the body reads is checked against what the call passes.
        #expect(try messages("label(g): \"$g.titel\"", "label(first(@goals))").contains { $0.contains("in label(): unknown field 'titel'") && $0.contains("did you mean 'title'") })
        #expect(try messages("one(x): \"$x\"", "one(1, 2)").contains("view select: one() takes 1 argument, not 2"))
        #expect(try messages("loop(x): \"loop($x)\"", "1").contains { $0.contains("loop() calls itself") })
        #expect(try messages("who(x): \"path.ownerId\"", "1").contains { $0.contains("not 'path'; pass it in as an argument") })
        #expect(try messages("bare(x): \"title\"", "1").contains { $0.contains("not bare names like 'title'") })
        #expect(try messages("count(x): \"1\"", "1").contains { $0.contains("'count' is a function of the language") })
        #expect(try messages("x: \"1\"", "1").contains { $0.contains("a definition is named like a call") })
        #expect(try messages("ok(x): \"$x\"", "nope(1)").contains { $0.contains("unknown function 'nope'") })
    }
}
