import Contracts
import JSON

/// A schema as written, where it stands: the value, the document its `$ref`s resolve against, and
/// its pointer there (nil for a schema the loader wrote, such as the `data:` envelope).
struct SchemaNode {
    var value: JSONValue
    var base: String
    var pointer: JSONPointer?

    init(value: JSONValue, base: String, pointer: JSONPointer?) {
        self.value = value
        self.base = base
        self.pointer = pointer
    }

    init(_ source: SchemaSource) {
        self.init(value: source.value, base: source.documentURI, pointer: source.pointer)
    }

    /// `uri#pointer`, when the node has a place: what a cycle guard remembers.
    var key: String? { pointer.map { "\(base)#\($0)" } }

    /// The node a child keyword holds (`properties/title`, `items`).
    func child(_ value: JSONValue, _ tokens: String...) -> SchemaNode {
        SchemaNode(value: value, base: base, pointer: pointer.map { tokens.reduce($0) { $0.appending($1) } })
    }

    /// The same schema, placed at one of its keywords (`enum`, `maxLength`) for a message.
    func keyword(_ name: String) -> SchemaNode {
        guard value.objectValue?[name] != nil else { return self }
        return SchemaNode(value: value, base: base, pointer: pointer?.appending(name))
    }

    /// The schema `$ref` names, in its own document; nil when the reference does not resolve
    /// (lint reports that; the diff treats the node as unconstrained).
    func following(_ reference: String, in documents: SourceDocuments) -> SchemaNode? {
        guard let (uri, pointer) = documents.target(of: reference, from: base),
            let value = documents.value(at: uri, pointer)
        else { return nil }
        return SchemaNode(value: value, base: uri, pointer: pointer)
    }
}
