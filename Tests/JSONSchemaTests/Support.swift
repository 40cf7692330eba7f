import JSON
import JSONSchema

/// Parses JSON text written in a test; a typo in a test is a crash, not a silent pass.
func json(_ text: String) -> JSONValue {
    do { return try JSONParser.parse(text) } catch { fatalError("bad test JSON: \(error)\n\(text)") }
}

/// Compiles one standalone schema document, returning it with the problems found.
func compile(_ schema: String, assertFormats: Bool = true) -> (schema: Schema, problems: [SchemaProblem]) {
    let uri = "file:///tests/schema.json"
    var compiler = SchemaCompiler(registry: SchemaRegistry(documents: [uri: json(schema)]),
                                  options: SchemaOptions(assertFormats: assertFormats))
    let compiled = compiler.compile(uri: uri)
    return (compiled, compiler.problems)
}

/// The errors as `dotted path: message` lines, the way a 422's `errors` map reads.
func fieldMap(_ errors: [ValidationError]) -> [String] {
    errors.map { "\($0.instancePointer.dotted): \($0.message)" }
}
