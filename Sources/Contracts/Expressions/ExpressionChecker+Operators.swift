/// The types operators take and give: conditions for `and`/`or`/`not`, comparable kinds for
/// `==` and the orderings, lists for `in` and `overlaps`, numbers (or text, or two lists, for `+`) for arithmetic.
extension ExpressionChecker {
    func binary(_ op: BinaryOperator, _ left: FakeExpression, _ right: FakeExpression) throws(ExpressionProblem) -> ExpressionType {
        switch op {
        case .and, .or:
            try expectBoolean(left, "'\(op.rawValue)'")
            try expectBoolean(right, "'\(op.rawValue)'")
            return .boolean
        case .equal, .notEqual:
            let (a, b) = (try check(left), try check(right))
            if let x = a.scalarKind, let y = b.scalarKind, x != y, !(x == "array" || y == "array") {
                throw problem("\(describe(left)) is \(a.phrase) but \(describe(right)) is \(b.phrase); '\(op.rawValue)' would never hold")
            }
            return .boolean
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let (a, b) = (try check(left), try check(right))
            for (type, side) in [(a, left), (b, right)] where !(type.isAny || type.isNull || type.scalarKind == "number" || type.scalarKind == "string") {
                throw problem("'\(op.rawValue)' compares numbers or dates, but \(describe(side)) is \(type.phrase)")
            }
            if let x = a.scalarKind, let y = b.scalarKind, x != y {
                throw problem("\(describe(left)) is \(a.phrase) but \(describe(right)) is \(b.phrase); '\(op.rawValue)' cannot order them")
            }
            return .boolean
        case .in, .overlaps:
            try check(left)
            let b = try check(right)
            if b.element == nil, b.scalarKind != "string", !b.isNull {
                throw problem("'\(op.rawValue)' needs a list (or comma-separated text) on its right, but \(describe(right)) is \(b.phrase)")
            }
            return .boolean
        case .coalesce:
            let (a, b) = (try check(left), try check(right))
            return a.isAny || a.isNull ? b : a
        case .plus:
            let (a, b) = (try check(left), try check(right))
            if a.scalarKind == "string" || b.scalarKind == "string" { return .string }
            // Two lists join: `$ids + [path.issueId]`.
            switch (a, b) {
            case (.array(let element), .array), (.array(let element), .any), (.array(let element), .null),
                 (.any, .array(let element)), (.null, .array(let element)):
                return .array(element)
            case (.any, .any): return .any
            default: break
            }
            try expectNumber(left, "'+'")
            try expectNumber(right, "'+'")
            return .number
        case .minus, .times, .divide, .remainder:
            try expectNumber(left, "'\(op.rawValue)'")
            try expectNumber(right, "'\(op.rawValue)'")
            return .number
        }
    }
}
