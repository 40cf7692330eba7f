import JSON
import JSONSchema

/// The request body an endpoint accepts.
public struct RequestBody: Sendable {
    public var schema: Schema?
    public var example: JSONValue?
    public var required: Bool
    public var contentType: String
    public var location: SourceLocation
}
