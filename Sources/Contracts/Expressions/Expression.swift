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

/// The request and engine values an expression may name.
public enum ExpressionRoot: String, Sendable, CaseIterable {
    case path, query, header, body, record, tenant, user, now, today, understudy
    /// A view's filtered, ordered records (in `select`).
    case records
    /// The current record, spelled out (for a field named like a root: `it.path`).
    case it
    /// Inside a filter, the current record of the enclosing expression — the item one filter up:
    /// `@goals[count(@strategies[goalId == outer.id]) > 1]`.
    case outer
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    /// Membership: `status in ["active", "paused"]`; text on the right is a comma-separated list.
    case `in`
    /// Any item in common between two lists (a single value is a list of one).
    case overlaps
    case coalesce = "??"
    case plus = "+", minus = "-", times = "*", divide = "/", remainder = "%"
}

/// The functions of the expression language, with their arity.
public enum ExpressionFunction: String, Sendable, CaseIterable {
    case count, sum, min, max, avg, first, last, len, distinct
    case lower, upper, contains
    /// `split(text)`: a comma-separated list; `split(text, '-_')`: the parts between any of those
    /// characters, empty parts dropped.
    case split
    case round, floor, ceil, abs
    case days, date, endOfDay
    /// `merge(a, b)`: object a with b's members laid over it (in a's order, new ones after).
    case merge
    /// `month(x)`: the `YYYY-MM` of a date or timestamp.
    case month
    /// `sort(list, 'field', '-other')`: the list ordered by item fields (`-` descending), stable;
    /// `sort(list)` orders the items themselves.
    case sort
    case `if`
    /// `allowsTransition('goals', 'status', from, to)`: whether a `transition` fake of the contracts
    /// moves that field of that collection from one value to the other — the state machine
    /// declared once, by the transition endpoints, and consulted by any other write.
    case allowsTransition
    /// `newId('attachment_')`: a fresh id with that prefix, as the collections' ids are made
    /// (`newId('pi_', 24)`: with 24 random characters instead of 12).
    case newId
    /// `get(object, key)`: the member named by a computed key (`get($tier.pricing, body.frequency)`).
    case get
    /// `addDays(t, n)`, `addMonths(t, n)`: the instant n days or calendar months after a date or
    /// timestamp, as an RFC 3339 timestamp (a month after Jan 31 is the end of February).
    case addDays, addMonths
    /// `map(list, expression)`: the expression for every item, the item being the current record
    /// inside (`map(@goals, {id: id, n: count(@strategies[goalId == outer.id])})`).
    case map
    /// `omit(object, 'a', 'b')`: the object without the named members.
    case omit
    /// `num(x)`: a number as JSON numbers are written here — whole values as integers (`9`, not
    /// `9.0`); null for anything that is not a number.
    case num
    /// `urlHost(x)`: the host of a URL, lower-cased, without a leading `www.` (`https://` is assumed
    /// when the text has no scheme); null when it has none.
    case urlHost
    /// `capitalize(x)`: the text with its first letter upper-cased.
    case capitalize
    /// `join(list, ', ')`: the items' text joined by the separator.
    case join
    /// `months(from, to)`: every `YYYY-MM` from one month to another, inclusive (at most 2,400);
    /// `quarter(month)`: its `YYYY-Qn`.
    case months, quarter
    /// `words(text)`: the lower-cased runs of letters a–z and digits, in order (`'Grow, fast!'` →
    /// `['grow', 'fast']`), for word-overlap scoring.
    case words
    /// `slice(x, start, end)`: part of a text or list by position; negative positions count from
    /// the end (`slice(word, -1)` is the last letter, `slice(word, 0, -1)` all but it).
    case slice
    /// `isDate(x)`: whether x is a date (`YYYY-MM-DD`) or an RFC 3339 timestamp.
    case isDate
    /// `take(list, n)`: the first n items.
    case take
    /// `flatten(list)`: the items of a list of lists, in order (other items kept as they are).
    case flatten
    /// `float(x)`: a number written with its fraction even when whole (`82.0`), for answers whose
    /// figures always carry one; null for anything that is not a number.
    case float
    /// `pick(object, 'a', 'b')`: only the named members the object has, in the order named.
    case pick
    /// `indexOf(list, value)`: the position of the first item equal to value, or -1.
    case indexOf
    /// `type(x)`: `object`, `array`, `string`, `number`, `boolean` or `null`.
    case type

    /// How many arguments the function takes (low and high bounds).
    public var arity: ClosedRange<Int> {
        switch self {
        case .round: 1...2
        case .contains, .days, .merge, .indexOf, .get, .take, .join, .months, .addDays, .addMonths: 2...2
        case .newId, .split: 1...2
        case .if: 3...3
        case .sort: 1...6
        case .slice: 2...3
        case .pick, .omit: 2...12
        case .map: 2...2
        case .allowsTransition: 4...4
        default: 1...1
        }
    }
}
