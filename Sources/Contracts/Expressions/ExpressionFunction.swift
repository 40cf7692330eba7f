import JSON

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
