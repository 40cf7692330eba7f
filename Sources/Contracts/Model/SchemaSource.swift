import JSON

/// A declared schema as the contract writes it: its JSON with `$ref`s left unresolved, and the
/// document those references are relative to. The compiled `Schema` validates; the source is what
/// a translation (OpenAPI export) carries over, with shared schemas kept shared.
///
/// ```swift
/// if let source = endpoint.body?.schemaSource { exporter.schema(source) }   // `$ref`s become components
/// ```
public struct SchemaSource: Sendable {
    public var value: JSONValue
    /// The URI of the document the value's relative `$ref`s resolve against.
    public var documentURI: String
    /// Where the value stands in that document; nil for a schema the loader wrote (the `data:`
    /// shorthand's envelope), which has no place of its own.
    public var pointer: JSONPointer?

    public init(value: JSONValue, documentURI: String, pointer: JSONPointer? = nil) {
        self.value = value
        self.documentURI = documentURI
        self.pointer = pointer
    }
}

/// The contract documents by URI, as parsed: what a `SchemaSource`'s references point into.
public struct SourceDocuments: Sendable {
    /// Each document's root, by URI.
    public var roots: [String: JSONValue] = [:]
    /// Each document's path relative to the contracts directory (`traction/goals.yaml`), by URI.
    public var paths: [String: String] = [:]

    public init() {}
}

extension SourceDocuments {
    /// Where `reference` (`../common/envelopes.yaml#/schemas/ErrorEnvelope`, `#/schemas/Goal`)
    /// written in the document `base` points: the target document's URI and the pointer in it.
    public func target(of reference: String, from base: String) -> (uri: String, pointer: JSONPointer)? {
        ReferenceResolver.split(reference, base: base).map { (uri: $0.0, pointer: $0.1) }
    }

    /// The value a reference points at, if its document and pointer exist.
    public func value(at uri: String, _ pointer: JSONPointer) -> JSONValue? {
        roots[uri]?.value(at: pointer)
    }
}
