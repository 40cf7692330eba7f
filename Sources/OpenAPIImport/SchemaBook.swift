import Contracts
import Foundation
import JSON
import OrderedCollections

/// The schemas of the imported service's `schemas.yaml`: the document's `components.schemas` under
/// their own names, and any schema another file holds, named when a reference first reaches it.
/// A reference anywhere becomes `schemas.yaml#/schemas/NAME…`.
final class SchemaBook {
    static let file = "schemas.yaml"

    let sources: OpenAPISources
    let notes: ImportNotes
    var dialect: SchemaDialect!
    /// Names by `uri#pointer` of the schema they stand for.
    private var names: [String: String] = [:]
    /// The translated schemas, by name, in the order they were reached.
    private(set) var schemas: OrderedDictionary<String, JSONValue> = [:]
    private var pending: [(name: String, uri: String, pointer: JSONPointer)] = []

    init(sources: OpenAPISources, notes: ImportNotes) {
        self.sources = sources
        self.notes = notes
        for name in sources.root.root["components"]?["schemas"]?.objectValue?.keys ?? [] {
            register(uri: sources.root.uri, pointer: JSONPointer(tokens: ["components", "schemas", name]), preferred: name)
        }
    }

    /// The contract reference for an OpenAPI one written in `uri`.
    func reference(_ reference: String, from uri: String, at pointer: JSONPointer) -> String {
        guard let (target, targetPointer) = sources.sourceDocuments.target(of: reference, from: uri),
              sources.documents[target]?.root.value(at: targetPointer) != nil
        else {
            notes.warn("$ref '\(reference)' points at nothing; it is kept and lint will name it", uri: uri, at: pointer)
            return reference
        }
        // `…/components/schemas/NAME/…` keeps its path below the named schema; anything else is
        // a schema of its own, named for its last token or its file.
        let tokens = targetPointer.tokens
        let named = tokens.count >= 3 && tokens[0] == "components" && tokens[1] == "schemas"
        let whole = named ? JSONPointer(tokens: Array(tokens.prefix(3))) : targetPointer
        let rest = named ? Array(tokens.dropFirst(3)) : []
        let stem = ((sources.documents[target]?.path ?? target) as NSString).lastPathComponent.split(separator: ".").first.map(String.init) ?? "Schema"
        let name = register(uri: target, pointer: whole, preferred: whole.lastToken ?? stem)
        return Self.file + "#" + JSONPointer(tokens: ["schemas", name] + rest).description
    }

    @discardableResult
    private func register(uri: String, pointer: JSONPointer, preferred: String) -> String {
        let key = "\(uri)#\(pointer)"
        if let name = names[key] { return name }
        var name = Self.safe(preferred)
        var suffix = 2
        while schemas[name] != nil || pending.contains(where: { $0.name == name }) { name = "\(Self.safe(preferred))\(suffix)"; suffix += 1 }
        names[key] = name
        pending.append((name, uri, pointer))
        return name
    }

    /// Translates every schema reached so far (and what they reach in turn).
    func settle() {
        while !pending.isEmpty {
            let next = pending.removeFirst()
            schemas[next.name] = .null
            let value = sources.documents[next.uri]?.root.value(at: next.pointer) ?? [:]
            schemas[next.name] = dialect.translate(value, uri: next.uri, at: next.pointer)
        }
    }

    /// A name the contracts and JSON pointers take as it is.
    static func safe(_ text: String) -> String {
        let cleaned = String(text.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." ? $0 : "_" })
        return cleaned.isEmpty ? "Schema" : cleaned
    }
}
