import JSON

/// The documents a compiler knows and the resources (`$id`) and anchors (`$anchor`) found in them.
///
/// Built by one walk per document, so resolving a `$ref` is a dictionary lookup.
struct ResourceIndex: Sendable {
    private(set) var documents: [(uri: String, value: JSONValue)] = []
    /// Each document's URI in normalized form (`SchemaRegistry.key`), computed once: base URIs start there.
    private var documentKeys: [String] = []
    private(set) var resources: [String: SchemaLocation] = [:]
    private(set) var anchors: [String: SchemaLocation] = [:]
    private(set) var problems: [SchemaProblem] = []

    /// Values under these keys are data, not schemas: an `$id` inside them identifies nothing.
    private static let dataKeywords: Set<String> = ["enum", "const", "default", "examples", "example"]

    /// Adds a document and indexes it; the document's own URI becomes a resource unless already taken.
    @discardableResult
    mutating func add(_ value: JSONValue, uri: String) -> Int {
        let id = documents.count
        documents.append((uri, value))
        let key = SchemaRegistry.key(uri)
        documentKeys.append(key)
        if resources[key] == nil { resources[key] = SchemaLocation(document: id, pointer: .root) }
        scan(value, document: id, pointer: .root, base: key)
        return id
    }

    func value(at location: SchemaLocation) -> JSONValue? {
        documents[location.document].value.value(at: location.pointer)
    }

    /// The base URI in effect at `location`: the document URI changed by every `$id` on the way down.
    func baseURI(at location: SchemaLocation) -> String {
        var base = documentKeys[location.document]
        var current = documents[location.document].value
        if let id = current["$id"]?.stringValue { base = URIReference.resolve(id, against: base).withoutFragment }
        for token in location.pointer.tokens {
            switch current {
            case .object(let members): current = members[token] ?? .null
            case .array(let elements): current = Int(token).flatMap { elements.indices.contains($0) ? elements[$0] : nil } ?? .null
            default: return base
            }
            if let id = current["$id"]?.stringValue { base = URIReference.resolve(id, against: base).withoutFragment }
        }
        return base
    }

    /// Finds what an absolute URI (with optional fragment) names: a JSON pointer or an anchor.
    func locate(_ uri: URIReference) -> SchemaLocation? {
        let resource = uri.withoutFragment
        let fragment = URIReference.percentDecoded(uri.fragment ?? "")
        if fragment.isEmpty || fragment.hasPrefix("/") {
            guard var location = resources[SchemaRegistry.key(resource)] else { return nil }
            for token in JSONPointer(fragment).tokens { location.pointer = location.pointer.appending(token) }
            return value(at: location) == nil ? nil : location
        }
        return anchors[SchemaRegistry.key(resource) + "#" + fragment]
    }

    private mutating func scan(_ value: JSONValue, document: Int, pointer: JSONPointer, base: String) {
        switch value {
        case .object(let members):
            var base = base
            if let id = members["$id"]?.stringValue {
                let resolved = URIReference.resolve(id, against: base)
                base = resolved.withoutFragment
                let key = SchemaRegistry.key(base)
                let location = SchemaLocation(document: document, pointer: pointer)
                if let problem = duplicate(resources, key: key, location: location, what: "$id \"\(id)\"",
                                           at: pointer.appending("$id")) {
                    problems.append(problem)
                } else {
                    resources[key] = location
                }
            }
            if let anchor = members["$anchor"]?.stringValue {
                let key = SchemaRegistry.key(base) + "#" + anchor
                let location = SchemaLocation(document: document, pointer: pointer)
                if let problem = duplicate(anchors, key: key, location: location, what: "$anchor \"\(anchor)\"",
                                           at: pointer.appending("$anchor")) {
                    problems.append(problem)
                } else {
                    anchors[key] = location
                }
            }
            for (key, member) in members where !Self.dataKeywords.contains(key) {
                scan(member, document: document, pointer: pointer.appending(key), base: base)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                scan(element, document: document, pointer: pointer.appending(index), base: base)
            }
        default:
            break
        }
    }

    /// Nil when `key` is free in `table` (or already names `location`), else the duplicate problem.
    private func duplicate(
        _ table: [String: SchemaLocation], key: String, location: SchemaLocation, what: String, at problemPointer: JSONPointer
    ) -> SchemaProblem? {
        guard let existing = table[key], existing != location else { return nil }
        return SchemaProblem(uri: documents[location.document].uri, pointer: problemPointer,
                             message: "duplicate \(what): already defined at \(existing.pointer)")
    }
}
