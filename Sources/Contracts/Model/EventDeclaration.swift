import JSON
import JSONSchema

/// An event a stream endpoint can deliver.
public struct EventDeclaration: Sendable {
    public var name: String
    public var schema: Schema?
    public var example: JSONValue?
    public var location: SourceLocation
}
