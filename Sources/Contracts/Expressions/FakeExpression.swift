import JSON

/// One compiled fake expression: `status == "active"`, `count(@strategies[goalId == record.id])`,
/// `round(100 * current / target, 1)`. Parsed and type-checked once when the contracts load
/// (`ExpressionParser`, `ExpressionChecker`); `serve` evaluates the tree, never the text.
///
/// Names: a bare name (`status`) is a field of the current record — the candidate inside a
/// filter, the viewed record elsewhere; `record` is the viewed record; `path`, `query`, `header`,
/// `body`, `tenant`, `user`, `now`, `today` are the request's; `@goals` is a collection of the
/// caller's tenant (or the global one). `list[predicate]` keeps the items the predicate holds for,
/// and `list.field` takes a field of every item. docs/contract-format.md lists the operators and
/// functions.
public indirect enum FakeExpression: Sendable, Equatable {
    case literal(JSONValue)
    case list([FakeExpression])
    /// An object written in place: `{current: 0, trend: 'flat'}`.
    case object(keys: [String], values: [FakeExpression])
    /// A request or engine value: `query`, `path`, `now`, …
    case root(ExpressionRoot)
    /// A field of the current record.
    case field(String)
    /// A collection's records: `@goals`.
    case collection(String)
    /// A value bound earlier by `let` or a write step's `as`, or the item of `each`: `$issue`.
    case variable(String)
    /// A member of an object; over a list, the member of every item.
    case member(FakeExpression, String)
    /// An item of a list by position: `.0`.
    case index(FakeExpression, Int)
    /// The items of a list for which the predicate holds; the item is the current record inside.
    case filter(FakeExpression, FakeExpression)
    case not(FakeExpression)
    case negate(FakeExpression)
    case binary(BinaryOperator, FakeExpression, FakeExpression)
    case call(ExpressionFunction, [FakeExpression])
    /// A call of a contract's own definition (`define:`): `percent(current, target)`.
    case apply(String, [FakeExpression])

    /// The query parameters the expression reads (`query.status` → `status`).
    public var queryParameters: Set<String> {
        var names: Set<String> = []
        visit { if case .member(.root(.query), let name) = $0 { names.insert(name) } }
        return names
    }

    /// Whether the expression reads the clock (`now`, `today`).
    public var readsClock: Bool { reads(anyOf: [.now, .today]) }

    /// Whether the value depends on more than the records, path, query and day: the clock's
    /// time (`now`), a header, the calling user or the body, or makes a fresh id.
    public var readsMoreThanTheRequestAndDay: Bool {
        var fresh = false
        visit { if case .call(.newId, _) = $0 { fresh = true } }
        return fresh || reads(anyOf: [.now, .header, .user, .body])
    }

    /// Whether any of these roots is named anywhere in the expression.
    public func reads(anyOf roots: Set<ExpressionRoot>) -> Bool {
        var found = false
        visit { if case .root(let root) = $0, roots.contains(root) { found = true } }
        return found
    }

    /// Calls `body` on this node and every node below it.
    public func visit(_ body: (FakeExpression) -> Void) {
        body(self)
        switch self {
        case .literal, .root, .field, .collection, .variable: break
        case .list(let items), .object(_, let items): items.forEach { $0.visit(body) }
        case .member(let base, _), .index(let base, _), .not(let base), .negate(let base): base.visit(body)
        case .filter(let base, let predicate): base.visit(body); predicate.visit(body)
        case .binary(_, let left, let right): left.visit(body); right.visit(body)
        case .call(_, let arguments), .apply(_, let arguments): arguments.forEach { $0.visit(body) }
        }
    }
}
