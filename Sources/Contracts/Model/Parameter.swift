import JSON
import JSONSchema

/// A query parameter or header the endpoint declares.
public struct Parameter: Sendable {
    public var name: String
    public var required: Bool
    public var schema: Schema?
    /// The schema as written, for translations (OpenAPI export).
    public var schemaSource: SchemaSource?
    /// The schema's `type`, when single, so query strings can be converted before validation.
    public var valueType: String?
    /// The schema's `default`, applied when the parameter is absent.
    public var defaultValue: JSONValue?
    public var description: String?
    public var example: JSONValue?
    public var location: SourceLocation

    public init(name: String, required: Bool, schema: Schema?, schemaSource: SchemaSource? = nil, valueType: String?,
                defaultValue: JSONValue?, description: String?, example: JSONValue?, location: SourceLocation) {
        self.name = name
        self.required = required
        self.schema = schema
        self.schemaSource = schemaSource
        self.valueType = valueType
        self.defaultValue = defaultValue
        self.description = description
        self.example = example
        self.location = location
    }
}
