import JSON

/// Reads expression text into an `FakeExpression` tree.
///
/// Precedence, loosest first: `or`, `and`, `not`, comparisons (`== != < <= > >= in overlaps`),
/// `??`, `+ -`, `* / %`, unary `-`, then postfix `.name`, `.0`, `[predicate]`.
///
/// ```swift
/// let expression = try ExpressionParser.parse("count(@strategies[goalId == record.id]) > 0")
/// ```
public struct ExpressionParser {
    private var tokens: [ExpressionToken]
    private var position = 0
    /// How deeply parentheses, lists, objects, calls and filters nest; bounded so a hostile
    /// contract is an error, not a stack overflow.
    private var depth = 0
    static let maximumDepth = 64
    static let maximumTokens = 2_000

    public static func parse(_ text: String) throws(ExpressionProblem) -> FakeExpression {
        let tokens = try ExpressionLexer.tokens(of: text)
        // Operator chains nest as deep as they are long: bound the length too.
        guard tokens.count <= maximumTokens else {
            throw ExpressionProblem("the expression is longer than \(maximumTokens) tokens; split it into view fields", at: tokens[maximumTokens].offset)
        }
        var parser = ExpressionParser(tokens: tokens)
        let expression = try parser.expression()
        if let extra = parser.peek, extra.kind != .end {
            throw ExpressionProblem("unexpected '\(extra.text)' after the expression", at: extra.offset)
        }
        return expression
    }

    private init(tokens: [ExpressionToken]) { self.tokens = tokens }

    private var peek: ExpressionToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func next() -> ExpressionToken {
        defer { position += 1 }
        return tokens[min(position, tokens.count - 1)]
    }

    private mutating func accept(_ text: String) -> Bool {
        guard let token = peek, token.kind == .symbol || token.kind == .word, token.text == text else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ text: String) throws(ExpressionProblem) {
        guard accept(text) else {
            let token = peek ?? tokens[tokens.count - 1]
            throw ExpressionProblem("expected '\(text)' but found \(token.kind == .end ? "the end" : "'\(token.text)'")", at: token.offset)
        }
    }

    mutating func expression() throws(ExpressionProblem) -> FakeExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionProblem("the expression nests deeper than \(Self.maximumDepth) levels", at: peek?.offset ?? 0)
        }
        return try or()
    }

    private mutating func or() throws(ExpressionProblem) -> FakeExpression {
        var left = try and()
        while accept("or") || accept("||") { left = .binary(.or, left, try and()) }
        return left
    }

    private mutating func and() throws(ExpressionProblem) -> FakeExpression {
        var left = try not()
        while accept("and") || accept("&&") { left = .binary(.and, left, try not()) }
        return left
    }

    private mutating func not() throws(ExpressionProblem) -> FakeExpression {
        if accept("not") || accept("!") { return .not(try nested { (parser) throws(ExpressionProblem) in try parser.not() }) }
        return try comparison()
    }

    private static let comparisons: [String: BinaryOperator] = [
        "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
        "in": .in, "overlaps": .overlaps,
    ]

    private mutating func comparison() throws(ExpressionProblem) -> FakeExpression {
        let left = try coalesce()
        guard let token = peek, token.kind != .string, let op = Self.comparisons[token.text] else { return left }
        position += 1
        let right = try coalesce()
        if let again = peek, again.kind != .string, Self.comparisons[again.text] != nil {
            throw ExpressionProblem("comparisons do not chain; use 'and'", at: again.offset)
        }
        return .binary(op, left, right)
    }

    private mutating func coalesce() throws(ExpressionProblem) -> FakeExpression {
        var left = try additive()
        while accept("??") { left = .binary(.coalesce, left, try additive()) }
        return left
    }

    private mutating func additive() throws(ExpressionProblem) -> FakeExpression {
        var left = try multiplicative()
        while true {
            if accept("+") { left = .binary(.plus, left, try multiplicative()) }
            else if accept("-") { left = .binary(.minus, left, try multiplicative()) }
            else { return left }
        }
    }

    private mutating func multiplicative() throws(ExpressionProblem) -> FakeExpression {
        var left = try unary()
        while true {
            if accept("*") { left = .binary(.times, left, try unary()) }
            else if accept("/") { left = .binary(.divide, left, try unary()) }
            else if accept("%") { left = .binary(.remainder, left, try unary()) }
            else { return left }
        }
    }

    private mutating func unary() throws(ExpressionProblem) -> FakeExpression {
        if accept("-") { return .negate(try nested { (parser) throws(ExpressionProblem) in try parser.unary() }) }
        return try postfix()
    }

    /// Runs `body` one level deeper (unary chains `- - - x` nest without parentheses).
    private mutating func nested(_ body: (inout ExpressionParser) throws(ExpressionProblem) -> FakeExpression) throws(ExpressionProblem) -> FakeExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionProblem("the expression nests deeper than \(Self.maximumDepth) levels", at: peek?.offset ?? 0)
        }
        return try body(&self)
    }

    private mutating func postfix() throws(ExpressionProblem) -> FakeExpression {
        var base = try primary()
        while true {
            if accept(".") {
                let token = next()
                switch token.kind {
                case .word: base = .member(base, token.text)
                case .number where Int(token.text) != nil: base = .index(base, Int(token.text)!)
                default: throw ExpressionProblem("expected a field name after '.'", at: token.offset)
                }
            } else if accept("[") {
                let predicate = try expression()
                try expect("]")
                base = .filter(base, predicate)
            } else {
                return base
            }
        }
    }

    private mutating func primary() throws(ExpressionProblem) -> FakeExpression {
        let token = next()
        switch token.kind {
        case .end: throw ExpressionProblem("the expression ends too soon", at: token.offset)
        case .number:
            if let integer = Int(token.text) { return .literal(.integer(integer)) }
            guard let number = Double(token.text) else { throw ExpressionProblem("'\(token.text)' is not a number", at: token.offset) }
            return .literal(.number(number))
        case .string: return .literal(.string(token.text))
        case .collection: return .collection(token.text)
        case .variable: return .variable(token.text)
        case .symbol:
            if token.text == "(" {
                let inner = try expression()
                try expect(")")
                return inner
            }
            if token.text == "{" {
                var keys: [String] = []
                var values: [FakeExpression] = []
                if !accept("}") {
                    repeat {
                        let key = next()
                        guard key.kind == .word || key.kind == .string else {
                            throw ExpressionProblem("expected a member name in '{ }'", at: key.offset)
                        }
                        try expect(":")
                        keys.append(key.text)
                        values.append(try expression())
                    } while accept(",")
                    try expect("}")
                }
                return .object(keys: keys, values: values)
            }
            if token.text == "[" {
                var items: [FakeExpression] = []
                if !accept("]") {
                    repeat { items.append(try expression()) } while accept(",")
                    try expect("]")
                }
                if items.allSatisfy({ if case .literal = $0 { true } else { false } }) {
                    return .literal(.array(items.map { if case .literal(let value) = $0 { value } else { .null } }))
                }
                return .list(items)
            }
            throw ExpressionProblem("unexpected '\(token.text)'", at: token.offset)
        case .word:
            switch token.text {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default: break
            }
            if accept("(") {
                var arguments: [FakeExpression] = []
                if !accept(")") {
                    repeat { arguments.append(try expression()) } while accept(",")
                    try expect(")")
                }
                // Not one of the language's functions: a contract's definition, resolved when checked.
                guard let function = ExpressionFunction(rawValue: token.text) else { return .apply(token.text, arguments) }
                guard function.arity.contains(arguments.count) else {
                    let wanted = function.arity.count == 1 ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) or \(function.arity.upperBound)"
                    throw ExpressionProblem("\(function.rawValue)() takes \(wanted) argument\(function.arity.upperBound == 1 ? "" : "s"), not \(arguments.count)", at: token.offset)
                }
                return .call(function, arguments)
            }
            if let root = ExpressionRoot(rawValue: token.text) { return .root(root) }
            return .field(token.text)
        }
    }
}
