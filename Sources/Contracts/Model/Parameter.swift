import JSON
import JSONSchema

/// A query parameter or header the endpoint declares.
public struct Parameter: Sendable {
    public var name: String
    public var required: Bool
    public var schema: Schema?
    /// The schema's `type`, when single, so query strings can be converted before validation.
    public var valueType: String?
    /// The schema's `default`, applied when the parameter is absent.
    public var defaultValue: JSONValue?
    public var description: String?
    public var example: JSONValue?
    public var location: SourceLocation
}
