import JSON
import JSONSchema

/// The request body an endpoint accepts.
public struct RequestBody: Sendable {
    public var schema: Schema?
    /// The schema as written, for translations (OpenAPI export).
    public var schemaSource: SchemaSource?
    public var example: JSONValue?
    public var required: Bool
    public var contentType: String
    public var description: String?
    public var location: SourceLocation
}
