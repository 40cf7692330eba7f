import JSON
import JSONSchema

/// A documented answer of an endpoint for one status.
public struct Response: Sendable {
    /// How the body is declared: the success envelope, the paginated envelope, a whole-body schema, or none.
    public enum BodyShape: String, Sendable { case data, paginated, schema, none }

    public var status: Int
    public var description: String?
    public var bodyShape: BodyShape
    /// The whole body's schema (shorthands already expanded); nil for binary or stream bodies.
    public var schema: Schema?
    /// The whole body's schema as written (the shorthands expanded around a `$ref` to what they name).
    public var schemaSource: SchemaSource?
    /// `uri#pointer` of the shared response this one was written as a `$ref` to, if any.
    public var sharedAt: String?
    /// Named examples; `example` alone is named "default". Full bodies, as on the wire.
    public var examples: [(name: String, value: JSONValue)]
    public var contentType: String
    public var headers: [Parameter]
    public var location: SourceLocation

    public var example: JSONValue? { examples.first?.value }
}
