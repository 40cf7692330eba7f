import JSON

/// A declarative read (`fake: { view: … }`): records of a collection filtered, ordered, paged and
/// shaped by compiled expressions, or any value computed from the tenant's records.
///
/// ```yaml
/// fake:
///   view:
///     from: actions
///     filter: [status in query.status, dueDate >= date(query.startDate)]
///     sort: [dueDate, title]
///     fields: { goalCount: "{{len(connections.goalIds)}}" }
/// ```
public struct FakeView: Sendable {
    /// One sort key: an expression of the record, descending with a leading `-`, `lower(name)` for
    /// case-insensitive text, or an explicit order of values (`{by: status, values: [open, closed]}`).
    public struct SortKey: Sendable {
        public var key: FakeExpression
        public var descending: Bool
        public var values: [JSONValue]?
    }

    /// A condition that applies only when the request sent every query parameter it reads.
    public struct Filter: Sendable {
        public var condition: FakeExpression
        public var parameters: Set<String>
    }

    /// `page:` — the answer is `{success, data, pagination}` over the ordered records.
    public struct Page: Sendable {
        public var pageParameter: String
        /// The size parameters, first present wins (`[limit, size]`).
        public var sizeParameters: [String]
        public var defaultSize: Int
        public var maximumSize: Int?
        /// The pagination members by meaning: page, limit, total, totalPages.
        public var members: [String: String]
    }

    /// `by` / `cases` / `default`: the answer is the case named by the value of `by`.
    public struct Choice: Sendable {
        public var by: FakeExpression
        public var cases: [String: ValueTemplate]
        public var fallback: ValueTemplate?
    }

    /// A condition checked before anything is read; when it does not hold, the view refuses
    /// with its status (`{that: "count(@goals[id == path.goalId]) > 0", status: 404, message: Goal not found}`).
    public struct Requirement: Sendable {
        public var condition: FakeExpression
        public var status: Int
        public var code: String?
        public var message: String
        /// When set, the refusal is a field error of the validation envelope (`errors.size`).
        public var field: String? = nil
    }

    /// `let`: named values (`$goal`), evaluated in order before anything else.
    public var bindings: [(name: String, value: FakeExpression)] = []
    public var requirements: [Requirement]
    /// The collection read; nil for a view that only `select`s.
    public var from: String?
    /// The one record answered (404 when missing or filtered out): an expression of its id.
    public var one: FakeExpression?
    /// Conditions every record must meet.
    public var conditions: [FakeExpression]
    public var filters: [Filter]
    public var sort: [SortKey]
    public var page: Page?
    /// Members added to (or replaced in) every record, in order; templates with `record` bound.
    public var fields: [(name: String, value: ValueTemplate)]
    public var omit: [String]
    /// The answer's data, computed; `records` inside is the filtered, ordered list.
    public var select: ValueTemplate?
    public var choice: Choice?
    /// `{success: true, data: …}` around the answer (default), or the answer as it is.
    public var envelope: Bool
    /// Whether the answer depends only on the tenant's records, the path, the query and the day
    /// (no `now`, `header`, `user`): `serve` then keeps it until the tenant changes.
    public var cacheable: Bool
    public var location: SourceLocation
}
