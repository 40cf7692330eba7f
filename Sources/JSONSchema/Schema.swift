import JSON

/// A compiled schema: immutable, cheap to copy, safe to share across threads.
///
/// ```swift
/// var compiler = SchemaCompiler(registry: registry)
/// let goal = compiler.compile(uri: "file:///contracts/traction/goals.yaml", pointer: JSONPointer("/schemas/Goal"))
/// goal.validate(body)   // [] when valid
/// ```
public struct Schema: Sendable {
    let program: SchemaProgram
    let root: Int

    init(program: SchemaProgram, root: Int) {
        self.program = program
        self.root = root
    }

    /// Every reason `instance` does not match, phrased for people; empty when it matches.
    ///
    /// A valid instance costs one `isValid` pass; errors are only built when something failed.
    public func validate(_ instance: JSONValue) -> [ValidationError] {
        if program.isValid(root, instance) { return [] }
        var collector = ErrorCollector(program: program)
        collector.collect(root, instance)
        if collector.errors.isEmpty {
            collector.errors.append(ValidationError(instancePointer: .root, keyword: "schema",
                                                    schemaPointer: program.nodes[root].pointer,
                                                    message: "does not match the schema"))
        }
        return collector.errors
    }

    /// Whether `instance` matches; stops at the first failure and builds no error values.
    public func isValid(_ instance: JSONValue) -> Bool {
        program.isValid(root, instance)
    }
}

/// The node array of one compiled schema; subschemas and `$ref` targets are indices into it.
final class SchemaProgram: Sendable {
    let nodes: [SchemaNode]

    init(nodes: [SchemaNode]) {
        self.nodes = nodes
    }
}
