import JSON

/// One compiled schema: its location (for error reports) and its keywords, ready to evaluate.
///
/// Subschemas and `$ref` targets are indices into the owning program's node array, so validation
/// follows plain integers and never resolves URIs or looks anything up by string.
struct SchemaNode: Sendable {
    var pointer: JSONPointer
    var keywords: [Keyword]
}

extension Double {
    var isWhole: Bool { isFinite && rounded(.towardZero) == self }
}
