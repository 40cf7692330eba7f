import JSON

/// Where a schema lives: a document (by index) and a pointer inside it.
struct SchemaLocation: Hashable, Sendable {
    var document: Int
    var pointer: JSONPointer
}
