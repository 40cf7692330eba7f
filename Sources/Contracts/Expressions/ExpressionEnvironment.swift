import JSONSchema

/// What an expression may name where it is written: the collections, the endpoint's parameters
/// and body, and the records bare names and `record` stand for.
public struct ExpressionEnvironment: Sendable {
    public var collections: [String: ResourceCollection]
    public var pathParameters: Set<String>
    public var query: [String: ExpressionType]
    public var body: ExpressionType
    /// `record`: the record a view answers.
    public var record: ExpressionType
    /// Bare names: the candidate inside a filter, else the viewed record.
    public var current: ExpressionType
    /// `records`: a view's filtered, ordered records.
    public var records: ExpressionType
    /// `outer`: the current record of the enclosing expression.
    public var outer: ExpressionType = .any
    /// How messages name the current record (`an actions record`).
    public var currentName = "the record"
    /// `$name`: the values bound so far by `let`, a write step's `as` and `each` (`$item`).
    public var variables: [String: ExpressionType] = [:]
    /// The contracts' definitions (`define:`), callable by name.
    public var definitions: [String: FakeDefinition] = [:]
    /// The definitions being checked, innermost last: a call of one of them is recursion.
    var calling: [String] = []
    /// Inside a definition, the request is not readable.
    var insideDefinition = false
    /// Whether bare names mean something here (not in a definition's body, outside its filters).
    var bareNames = true

    public init(collections: [String: ResourceCollection], pathParameters: Set<String> = [], query: [String: ExpressionType] = [:],
                body: ExpressionType = .any, record: ExpressionType = .any, current: ExpressionType = .any,
                records: ExpressionType = .array(.any))
    {
        self.records = records
        self.collections = collections
        self.pathParameters = pathParameters
        self.query = query
        self.body = body
        self.record = record
        self.current = current
    }
}
