import JSON
import JSONSchema

/// An event a stream endpoint can deliver.
public struct EventDeclaration: Sendable {
    public var name: String
    public var schema: Schema?
    /// The schema as written, for translations (OpenAPI export).
    public var schemaSource: SchemaSource?
    public var description: String?
    public var example: JSONValue?
    public var location: SourceLocation
}
