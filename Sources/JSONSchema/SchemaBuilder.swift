import JSON

/// Compiles the schemas reachable from one entry point into a node array (one `compile` call's work).
///
/// Each schema location becomes exactly one node, so shared and recursive schemas are built once
/// and `$ref`s become node indices.
struct SchemaBuilder {
    var index: ResourceIndex
    let options: SchemaOptions
    private(set) var nodes: [SchemaNode] = []
    /// The location each node was built from (parallel to `nodes`), for problem reports.
    private(set) var locations: [SchemaLocation] = []
    private var nodeAt: [SchemaLocation: Int] = [:]
    private(set) var problems: [SchemaProblem] = []
    /// `$ref` text and base → where it points; kept by the compiler across builds (URI parsing is costly).
    var resolvedReferences: [String: SchemaLocation] = [:]

    init(index: ResourceIndex, options: SchemaOptions) {
        self.index = index
        self.options = options
    }

    /// The node for the schema at `location`, building it (and what it reaches) on first use.
    mutating func build(_ location: SchemaLocation) -> Int {
        if let existing = nodeAt[location] { return existing }
        let id = nodes.count
        nodes.append(SchemaNode(pointer: location.pointer, keywords: []))
        locations.append(location)
        nodeAt[location] = id
        switch index.value(at: location) {
        case .bool(true):
            break
        case .bool(false):
            nodes[id].keywords = [.never]
        case .object(let members):
            let context = SchemaContext(location: location, base: index.baseURI(at: location), schema: .object(members))
            nodes[id].keywords = keywords(context)
        case let other:
            let kind = other.map { "\($0.typeName) \(ErrorMessages.render($0))" } ?? "nothing"
            report(location, "a schema must be an object or a boolean, not \(kind)")
        }
        return id
    }

    /// A node that accepts everything, used to cut reference cycles.
    mutating func acceptAllNode() -> Int {
        nodes.append(SchemaNode(pointer: .root, keywords: []))
        locations.append(SchemaLocation(document: 0, pointer: .root))
        return nodes.count - 1
    }

    mutating func replaceKeywords(of node: Int, with keywords: [Keyword]) {
        nodes[node].keywords = keywords
    }

    /// The subschema under `keyword` (and further `tokens`) of the schema being built.
    mutating func child(_ context: SchemaContext, _ keyword: String, _ tokens: String...) -> Int {
        var pointer = context.location.pointer.appending(keyword)
        for token in tokens { pointer = pointer.appending(token) }
        return build(SchemaLocation(document: context.location.document, pointer: pointer))
    }

    /// `$ref`: resolved against the base URI at compile time; a dangling one is a problem at the `$ref`.
    mutating func reference(_ context: SchemaContext) -> Keyword? {
        guard let raw = context.schema["$ref"] else { return nil }
        guard let text = raw.stringValue else {
            report(context, "$ref", "\"$ref\" must be a string")
            return nil
        }
        let cacheKey = context.base + "\u{0}" + text
        if let known = resolvedReferences[cacheKey] { return .ref(build(known)) }
        let target = URIReference.resolve(text, against: context.base)
        guard let location = index.locate(target) else {
            let resource = target.withoutFragment
            let explanation = index.locate(URIReference(resource)) == nil
                ? "no document or $id \"\(resource)\" is known"
                : "nothing at \"#\(target.fragment ?? "")\" in \(resource)"
            report(context, "$ref", "unresolvable reference \"\(text)\": \(explanation)")
            return nil
        }
        resolvedReferences[cacheKey] = location
        return .ref(build(location))
    }

    mutating func report(_ context: SchemaContext, _ keyword: String, _ message: String) {
        report(SchemaLocation(document: context.location.document, pointer: context.location.pointer.appending(keyword)),
               message)
    }

    mutating func report(_ location: SchemaLocation, _ message: String) {
        problems.append(SchemaProblem(uri: index.documents[location.document].uri, pointer: location.pointer,
                                      message: message))
    }
}
