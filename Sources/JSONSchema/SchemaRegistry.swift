import JSON

/// A set of JSON documents by absolute URI (contract files are `file:///…/goals.yaml`), in which `$ref`s resolve.
///
/// Keys are stored without fragment and with dot segments removed, so `file:///a/./b.yaml#` and
/// `file:///a/b.yaml` name the same document.
public struct SchemaRegistry: Sendable {
    private(set) var documents: [String: JSONValue] = [:]

    public init(documents: [String: JSONValue] = [:]) {
        for (uri, document) in documents { add(document, uri: uri) }
    }

    /// Adds or replaces the document at `uri`.
    public mutating func add(_ document: JSONValue, uri: String) {
        documents[Self.key(uri)] = document
    }

    /// The document stored at `uri`, if any.
    func document(at uri: String) -> JSONValue? { documents[Self.key(uri)] }

    /// The normalized form under which a document is stored and looked up.
    static func key(_ uri: String) -> String {
        var reference = URIReference(uri)
        reference.fragment = nil
        reference.path = URIReference.removeDotSegments(reference.path)
        return reference.text
    }
}
