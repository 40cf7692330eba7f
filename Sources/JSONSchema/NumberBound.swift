import JSON

/// One of minimum, maximum, exclusiveMinimum, exclusiveMaximum.
struct NumberBound: Sendable {
    enum Kind: String, Sendable { case minimum, maximum, exclusiveMinimum, exclusiveMaximum }
    var kind: Kind
    var limit: JSONValue   // .integer or .number, compared exactly when both sides are integers
}
