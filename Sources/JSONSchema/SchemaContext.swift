import JSON

/// The schema object being compiled, where it is, and the base URI its references resolve against.
struct SchemaContext {
    let location: SchemaLocation
    let base: String
    let schema: JSONValue
}
