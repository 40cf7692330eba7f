import CivilTime
import Contracts
import Foundation
import JSON
import OrderedCollections

/// Evaluates compiled `FakeExpression` trees. Missing values are null; null propagates through
/// arithmetic and compares unequal to everything but null; a division by zero is null. The one
/// request-time refusal is `date(query.x)` of text that is not a date: a 422 naming `x`.
extension FakeExpression {
    func evaluate(in context: ExpressionContext) throws(FakeError) -> JSONValue {
        switch self {
        case .literal(let value): return value
        case .list(let items): return .array(try items.map { (item) throws(FakeError) in try item.evaluate(in: context) })
        case .object(let keys, let values):
            var members = OrderedDictionary<String, JSONValue>()
            for (key, value) in zip(keys, values) { members[key] = try value.evaluate(in: context) }
            return .object(members)
        case .root(let root): return Self.root(root, in: context)
        case .field(let name): return context.current[name] ?? .null
        case .collection(let name): return .array(context.records(of: name))
        case .variable(let name): return context.variables[name] ?? .null
        case .member(.root(let root), let name) where root.isRequestMap:
            return Self.requestMember(root, name, in: context)
        case .member(let base, let name): return Self.member(name, of: try base.evaluate(in: context))
        case .index(let base, let position):
            guard case .array(let items) = try base.evaluate(in: context) else { return .null }
            let index = position < 0 ? items.count + position : position
            return items.indices.contains(index) ? items[index] : .null
        case .filter(let base, let predicate):
            guard case .array(let items) = try base.evaluate(in: context) else { return .array([]) }
            var kept: [JSONValue] = []
            for item in items where try predicate.evaluate(in: context.with(current: item)).isTrue { kept.append(item) }
            return .array(kept)
        case .not(let operand): return .bool(!(try operand.evaluate(in: context)).isTrue)
        case .negate(let operand):
            switch try operand.evaluate(in: context) {
            case .integer(let value):
                let (negated, overflow) = Int(0).subtractingReportingOverflow(value)
                return overflow ? Self.number(-Double(value)) : .integer(negated)
            case .number(let value): return .number(-value)
            default: return .null
            }
        case .binary(let op, let left, let right): return try Self.binary(op, left, right, in: context)
        case .call(let function, let arguments): return try Self.call(function, arguments, in: context)
        case .apply(let name, let arguments):
            guard let definition = context.definitions[name] else { throw .internalError("'\(name)' is not defined") }
            let values = try arguments.map { (argument) throws(FakeError) in try argument.evaluate(in: context) }
            var inner = context.calling(definition, with: values)
            for binding in definition.bindings { inner.variables[binding.name] = try binding.value.evaluate(in: inner) }
            return try definition.value.evaluate(in: inner)
        }
    }

    /// Whether the expression holds for the context (true only for `true`).
    func holds(in context: ExpressionContext) throws(FakeError) -> Bool {
        try evaluate(in: context).isTrue
    }

    private static func root(_ root: ExpressionRoot, in context: ExpressionContext) -> JSONValue {
        switch root {
        case .record: context.record
        case .it: context.current
        case .outer: context.outer
        case .records: .array(context.records)
        case .body: context.scope.body ?? .null
        case .now: .string(context.scope.now.rfc3339)
        case .today: .string(String(context.scope.now.rfc3339.prefix(10)))
        case .query: .object(.init(uniqueKeysWithValues: context.scope.query.sorted { $0.key < $1.key }))
        case .path: .object(.init(uniqueKeysWithValues: context.scope.path.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        case .header, .tenant, .user, .understudy: .null
        }
    }

    private static func requestMember(_ root: ExpressionRoot, _ name: String, in context: ExpressionContext) -> JSONValue {
        let scope = context.scope
        let text: String? = switch root {
        case .path: scope.path[name]
        case .query: nil
        case .header: scope.headers[name.lowercased()]
        case .tenant: name == "id" ? scope.tenantID : name == "name" ? context.tenant?.name : nil
        case .user: name == "id" ? scope.userID : name == "email" ? scope.userEmail : nil
        case .understudy: name == "version" ? Understudy.version : nil
        default: nil
        }
        if root == .query { return scope.query[name] ?? .null }
        return text.map(JSONValue.string) ?? .null
    }

    /// An object's member, or over a list every item's member (items without it left out).
    static func member(_ name: String, of value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return members[name] ?? .null
        case .array(let items): return .array(items.compactMap { item in item[name].flatMap { $0 == .null ? nil : $0 } })
        default: return .null
        }
    }

    // MARK: Operators

    private static func binary(_ op: BinaryOperator, _ left: FakeExpression, _ right: FakeExpression, in context: ExpressionContext) throws(FakeError) -> JSONValue {
        switch op {
        case .and: return .bool(try left.holds(in: context) ? try right.holds(in: context) : false)
        case .or: return .bool(try left.holds(in: context) ? true : try right.holds(in: context))
        case .coalesce:
            let value = try left.evaluate(in: context)
            return value == .null ? try right.evaluate(in: context) : value
        default: break
        }
        let (a, b) = (try left.evaluate(in: context), try right.evaluate(in: context))
        switch op {
        case .equal: return .bool(ValueComparison.same(a, b))
        case .notEqual: return .bool(!ValueComparison.same(a, b))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard a != .null, b != .null else { return .bool(false) }
            let order = ValueComparison.compare(a, b)
            switch op {
            case .less: return .bool(order == .orderedAscending)
            case .lessOrEqual: return .bool(order != .orderedDescending)
            case .greater: return .bool(order == .orderedDescending)
            default: return .bool(order != .orderedAscending)
            }
        case .in, .overlaps:
            // One rule for both: some candidate of the left is among those of the right.
            let options = ValueComparison.list(b)
            return .bool(ValueComparison.list(a).contains { item in options.contains { ValueComparison.same(item, $0) } })
        case .plus:
            if case .string = a { return .string(ValueComparison.text(a) + ValueComparison.text(b)) }
            if case .string = b { return .string(ValueComparison.text(a) + ValueComparison.text(b)) }
            if case .array(let x) = a, case .array(let y) = b { return .array(x + y) }
            return arithmetic(a, b, integer: { $0.addingReportingOverflow($1) }, { $0 + $1 })
        case .minus: return arithmetic(a, b, integer: { $0.subtractingReportingOverflow($1) }, { $0 - $1 })
        case .times: return arithmetic(a, b, integer: { $0.multipliedReportingOverflow(by: $1) }, { $0 * $1 })
        case .divide:
            guard let x = a.doubleValue, let y = b.doubleValue, y != 0 else { return .null }
            return number(x / y)
        case .remainder:
            guard let x = a.doubleValue, let y = b.doubleValue, y != 0 else { return .null }
            if case .integer(let i) = a, case .integer(let j) = b {
                let (rest, overflow) = i.remainderReportingOverflow(dividingBy: j)
                return .integer(overflow ? 0 : rest)
            }
            return number(x.truncatingRemainder(dividingBy: y))
        default: return .null
        }
    }

    private static func arithmetic(
        _ a: JSONValue, _ b: JSONValue, integer: (Int, Int) -> (partialValue: Int, overflow: Bool), _ real: (Double, Double) -> Double
    ) -> JSONValue {
        if case .integer(let i) = a, case .integer(let j) = b {
            let (value, overflow) = integer(i, j)
            if !overflow { return .integer(value) }
        }
        guard let x = a.doubleValue, let y = b.doubleValue else { return .null }
        return number(real(x, y))
    }

    /// A finite result; infinities and NaN are null (JSON has neither).
    static func number(_ value: Double) -> JSONValue { value.isFinite ? .number(value) : .null }
}

private extension ExpressionRoot {
    var isRequestMap: Bool { [.path, .query, .header, .tenant, .user, .understudy].contains(self) }
}

extension JSONValue {
    /// Only `true` is true: conditions are booleans.
    var isTrue: Bool { self == .bool(true) }
}
