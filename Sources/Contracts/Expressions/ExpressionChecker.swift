import JSONSchema

/// Type-checks an expression against the collections' schemas and the endpoint, so an unknown
/// field, a wrong type or a missing collection is a load-time error, never a request-time one.
///
/// ```swift
/// let type = try ExpressionChecker(environment).check(expression)
/// ```
public struct ExpressionChecker {
    public var environment: ExpressionEnvironment

    public init(_ environment: ExpressionEnvironment) { self.environment = environment }

    @discardableResult
    public func check(_ expression: FakeExpression) throws(ExpressionProblem) -> ExpressionType {
        switch expression {
        case .literal(let value):
            switch value {
            case .null: return .null
            case .bool: return .boolean
            case .integer, .number: return .number
            case .string: return .string
            case .array(let items): return .array(items.isEmpty ? .any : try check(.literal(items[0])))
            case .object: return .object(nil)
            }
        case .list(let items):
            let types = try items.map { (item) throws(ExpressionProblem) in try check(item) }
            return .array(types.first ?? .any)
        case .object(_, let values):
            for value in values { try check(value) }
            return .object(nil)
        case .root(let root):
            try allowInDefinition(root)
            switch root {
            case .record: return environment.record
            case .it: return environment.current
            case .outer: return environment.outer
            case .body: return environment.body
            case .now, .today: return .string
            case .records: return environment.records
            case .path, .query, .header, .tenant, .user, .understudy: return .object(nil)
            }
        case .field(let name):
            if !environment.bareNames { throw problem("a definition reads its parameters ($name), not bare names like '\(name)'") }
            return try member(name, of: environment.current, describedAs: environment.currentName)
        case .collection(let name):
            guard let collection = environment.collections[name] else {
                throw problem(EditDistance.message("unknown collection '@\(name)'", for: name, among: environment.collections.keys.sorted()))
            }
            return .records(of: collection)
        case .variable(let name):
            guard let type = environment.variables[name] else {
                let known = environment.variables.keys.sorted()
                let hint = known.isEmpty ? " (nothing is bound here; 'let' and a step's 'as' bind names)" : ""
                throw problem(EditDistance.message("'$\(name)' is not bound here", for: name, among: known) + hint)
            }
            return type
        case .member(.root(let root), let name):
            try allowInDefinition(root)
            return try rootMember(root, name)
        case .member(let base, let name):
            return try member(name, of: try check(base), describedAs: describe(base))
        case .index(let base, _):
            let type = try check(base)
            guard let element = type.element else { throw problem("\(describe(base)) is \(type.phrase), not a list; '.N' takes an item of a list") }
            return element
        case .filter(let base, let predicate):
            let type = try check(base)
            guard let element = type.element else { throw problem("\(describe(base)) is \(type.phrase), not a list; [ ] filters a list") }
            var inner = self
            inner.environment.outer = environment.current
            inner.environment.current = element
            inner.environment.currentName = "an item of \(describe(base))"
            inner.environment.bareNames = true
            try inner.expectBoolean(predicate, "a filter")
            return .array(element)
        case .not(let operand):
            try expectBoolean(operand, "'not'")
            return .boolean
        case .negate(let operand):
            try expectNumber(operand, "'-'")
            return .number
        case .binary(let op, let left, let right):
            return try binary(op, left, right)
        case .call(let function, let arguments):
            return try call(function, arguments)
        case .apply(let name, let arguments):
            return try apply(name, arguments)
        }
    }

    // MARK: Names

    private func rootMember(_ root: ExpressionRoot, _ name: String) throws(ExpressionProblem) -> ExpressionType {
        switch root {
        case .path:
            guard environment.pathParameters.contains(name) else {
                throw problem(EditDistance.message("the path has no parameter '\(name)'", for: name, among: environment.pathParameters.sorted()))
            }
            return .string
        case .query:
            guard let type = environment.query[name] else {
                throw problem(EditDistance.message("the endpoint declares no query parameter '\(name)'", for: name, among: environment.query.keys.sorted()))
            }
            return type
        case .header: return .string
        case .tenant:
            guard ["id", "name"].contains(name) else { throw problem("tenant has id and name, not '\(name)'") }
            return .string
        case .user:
            guard ["id", "email"].contains(name) else { throw problem("user has id and email, not '\(name)'") }
            return .string
        case .understudy:
            guard name == "version" else { throw problem("understudy has version, not '\(name)'") }
            return .string
        case .record, .it, .outer, .body, .now, .today, .records:
            let base: ExpressionType = try check(.root(root))
            return try member(name, of: base, describedAs: root.rawValue)
        }
    }

    func member(_ name: String, of base: ExpressionType, describedAs what: String) throws(ExpressionProblem) -> ExpressionType {
        switch base {
        case .any, .null: return .any
        case .array(let element): return .array(try member(name, of: element, describedAs: what))
        case .object(let shape):
            guard let shape else { return .any }
            let names = shape.propertyNames
            if names.contains(name) { return ExpressionType(shape.property(name)) }
            if names.isEmpty { return .any }
            throw problem(EditDistance.message("unknown field '\(name)' of \(what)", for: name, among: names.sorted()))
        default:
            throw problem("\(what) is \(base.phrase); it has no field '\(name)'")
        }
    }

    // MARK: Helpers

    func expectBoolean(_ expression: FakeExpression, _ what: String) throws(ExpressionProblem) {
        let type = try check(expression)
        guard type.isAny || type.isNull || type.scalarKind == "boolean" else {
            throw problem("\(what) needs a condition, but \(describe(expression)) is \(type.phrase)")
        }
    }

    func expectNumber(_ expression: FakeExpression, _ what: String) throws(ExpressionProblem) {
        let type = try check(expression)
        guard type.isAny || type.isNull || type.scalarKind == "number" else {
            throw problem("\(what) needs numbers, but \(describe(expression)) is \(type.phrase)")
        }
    }

    func problem(_ message: String) -> ExpressionProblem { ExpressionProblem(message, at: 0) }

    /// A definition sees `today`, `tenant`, `understudy` and (in filters) `it` and `outer`, not the
    /// request or the clock's time.
    private func allowInDefinition(_ root: ExpressionRoot) throws(ExpressionProblem) {
        guard environment.insideDefinition, ![.today, .tenant, .understudy, .it, .outer].contains(root) else { return }
        throw problem("a definition reads its parameters ($name), not '\(root.rawValue)'; pass it in as an argument")
    }

    /// A call of a definition: the arguments are checked here, then the definition's body with
    /// its parameters typed by them, so a field the body reads is checked against what is passed.
    private func apply(_ name: String, _ arguments: [FakeExpression]) throws(ExpressionProblem) -> ExpressionType {
        guard let definition = environment.definitions[name] else {
            let names = ExpressionFunction.allCases.map(\.rawValue) + environment.definitions.keys.sorted()
            throw problem(EditDistance.message("unknown function '\(name)'", for: name, among: names))
        }
        guard definition.parameters.count == arguments.count else {
            throw problem("\(name)() takes \(definition.parameters.count) argument\(definition.parameters.count == 1 ? "" : "s"), not \(arguments.count)")
        }
        guard !environment.calling.contains(name) else {
            throw problem("\(name)() calls itself (through \((environment.calling + [name]).joined(separator: " → "))); definitions may not recurse")
        }
        let types = try arguments.map { (argument) throws(ExpressionProblem) in try check(argument) }
        var inner = ExpressionChecker(ExpressionEnvironment(collections: environment.collections))
        inner.environment.definitions = environment.definitions
        inner.environment.calling = environment.calling + [name]
        inner.environment.insideDefinition = true
        inner.environment.bareNames = false
        inner.environment.variables = Dictionary(uniqueKeysWithValues: zip(definition.parameters, types))
        do {
            for binding in definition.bindings { inner.environment.variables[binding.name] = try inner.check(binding.value) }
            return try inner.check(definition.value)
        } catch {
            throw problem("in \(name)(): \(error.message)")
        }
    }

    /// Short words for an operand in messages: `'progress'`, `'@goals'`, `the text "x"`.
    func describe(_ expression: FakeExpression) -> String {
        switch expression {
        case .field(let name): "'\(name)'"
        case .collection(let name): "'@\(name)'"
        case .variable(let name): "'$\(name)'"
        case .root(let root): "'\(root.rawValue)'"
        case .member(let base, let name):
            switch describe(base) {
            case let text where text.hasPrefix("'"): "'\(text.dropFirst().dropLast()).\(name)'"
            default: "'\(name)'"
            }
        case .literal(.string(let text)): "the text \"\(text)\""
        case .literal(let value): "the value \(value.jsonString())"
        case .call(let function, _): "\(function.rawValue)()"
        default: "the operand"
        }
    }
}
