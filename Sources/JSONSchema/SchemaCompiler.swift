import JSON

/// Compiles schemas found in a registry's documents into validators, gathering every problem.
///
/// ```swift
/// var compiler = SchemaCompiler(registry: registry)
/// let schema = compiler.compile(uri: "file:///contracts/goals.yaml", pointer: JSONPointer("/schemas/Goal"))
/// if !compiler.problems.isEmpty { /* lint reports them with line:col */ }
/// ```
///
/// A malformed keyword or an unresolvable `$ref` is reported and then ignored, so the rest of
/// the schema still validates; a reference cycle is reported and cut.
public struct SchemaCompiler: Sendable {
    private var index = ResourceIndex()
    private let options: SchemaOptions
    private var cache: [SchemaLocation: Schema] = [:]
    private var resolvedReferences: [String: SchemaLocation] = [:]
    private var seenProblems: Set<SchemaProblem> = []
    private var allProblems: [SchemaProblem] = []

    public init(registry: SchemaRegistry, options: SchemaOptions = .init()) {
        self.options = options
        for uri in registry.documents.keys.sorted() { index.add(registry.documents[uri]!, uri: uri) }
        record(index.problems)
    }

    /// Every problem found by all compile calls so far (each reported once).
    public var problems: [SchemaProblem] { allProblems }

    /// Compiles the schema found at `pointer` inside the document `uri`. Problems are gathered, not thrown one by one.
    ///
    /// `uri` may carry a fragment (`…/goals.yaml#/schemas/Goal` or `#anchor`); `pointer` then continues from it.
    /// When nothing is there, that is a problem and the returned schema accepts everything.
    public mutating func compile(uri: String, pointer: JSONPointer = .root) -> Schema {
        let root = index.locate(URIReference(uri)).map { start in
            SchemaLocation(document: start.document, pointer: JSONPointer(tokens: start.pointer.tokens + pointer.tokens))
        }
        guard let root, index.value(at: root) != nil else {
            let known = index.locate(URIReference(URIReference(uri).withoutFragment)) != nil
            let what = known ? "nothing at \(uri) \(pointer)" : "no document at \(uri)"
            record([SchemaProblem(uri: uri, pointer: pointer, message: "cannot compile: \(what)")])
            return Schema(program: SchemaProgram(nodes: [SchemaNode(pointer: pointer, keywords: [])]), root: 0)
        }
        if let cached = cache[root] { return cached }
        let schema = build(root, in: index)
        cache[root] = schema
        return schema
    }

    /// Compiles an inline schema whose relative refs resolve against `uri` (`#/schemas/X` means that document's).
    /// Problems inside it carry `uri` and pointers relative to `schema`.
    public mutating func compile(_ schema: JSONValue, uri: String) -> Schema {
        var scratch = index
        let document = scratch.add(schema, uri: uri)
        record(scratch.problems)
        return build(SchemaLocation(document: document, pointer: .root), in: scratch)
    }

    private mutating func build(_ root: SchemaLocation, in index: ResourceIndex) -> Schema {
        var builder = SchemaBuilder(index: index, options: options)
        builder.resolvedReferences = resolvedReferences
        let node = builder.build(root)
        builder.breakReferenceCycles()
        // Only references into the compiler's own documents are kept: an inline schema's scratch
        // document number is reused by the next inline compile.
        let ownDocuments = self.index.documents.count
        resolvedReferences = builder.resolvedReferences.filter { $0.value.document < ownDocuments }
        record(builder.problems)
        return Schema(program: SchemaProgram(nodes: builder.nodes), root: node)
    }

    private mutating func record(_ problems: [SchemaProblem]) {
        for problem in problems where seenProblems.insert(problem).inserted { allProblems.append(problem) }
    }
}
