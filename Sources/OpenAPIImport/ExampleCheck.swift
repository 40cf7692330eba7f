import JSON
import JSONSchema

/// Examples checked as `lint` will check them: against the translated schema, with the service's
/// `schemas.yaml` in reach. A document's example its schema refuses is replaced by one made from the
/// schema (with a note); so is a missing one.
final class ExampleCheck {
    static let schemasURI = "file:///understudy-import/schemas.yaml"
    static let inlineURI = "file:///understudy-import/endpoint.yaml"
    private var compiler: SchemaCompiler
    let synthesis: ExampleSynthesis

    init(schemas: JSONValue) {
        compiler = SchemaCompiler(registry: SchemaRegistry(documents: [Self.schemasURI: schemas]))
        synthesis = ExampleSynthesis(schemas: schemas)
    }

    /// The first reason `value` does not match `schema`, or nil.
    func problem(_ value: JSONValue, _ schema: JSONValue) -> String? {
        compiler.compile(schema, uri: Self.inlineURI).validate(value).first.map(\.description)
    }

    /// A value for `schema` that it accepts, if synthesis finds one.
    func synthesized(_ schema: JSONValue, name: String? = nil) -> JSONValue {
        synthesis.example(for: schema, name: name)
    }
}
