import Foundation
import JSON

/// Follows `$ref`s outside schemas (responses, parameters, bodies, examples), across files,
/// reporting dangling references and cycles at the `$ref` that caused them.
struct ReferenceResolver {
    let documents: [String: YAMLDocument]
    let diagnostics: DiagnosticsCollector

    /// Where a value really lives once references are followed.
    struct Target {
        var document: YAMLDocument
        var pointer: JSONPointer
        var value: JSONValue
    }

    /// The value itself when it is not a reference; its target when it is; nil when the reference is broken.
    func resolve(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) -> Target? {
        var current = Target(document: document, pointer: pointer, value: value)
        var visited: Set<String> = []
        while case .object(let members) = current.value, let ref = members["$ref"] {
            let refLocation = current.document.location(of: current.pointer.appending("$ref"))
            guard case .string(let reference) = ref else {
                diagnostics.error("$ref must be a string", at: refLocation)
                return nil
            }
            if members.count > 1 {
                let extra = members.keys.filter { $0 != "$ref" }.joined(separator: ", ")
                diagnostics.error("$ref must stand alone here; remove \(extra)", at: refLocation)
            }
            guard let (targetURI, targetPointer) = Self.split(reference, base: current.document.uri) else {
                diagnostics.error("$ref '\(reference)' is not a valid reference", at: refLocation)
                return nil
            }
            guard visited.insert(targetURI + "#" + targetPointer.description).inserted else {
                diagnostics.error("reference cycle through '\(reference)'", at: refLocation)
                return nil
            }
            guard let targetDocument = documents[targetURI] else {
                diagnostics.error("$ref '\(reference)': no such file", at: refLocation)
                return nil
            }
            guard let targetValue = targetDocument.root.value(at: targetPointer) else {
                diagnostics.error("$ref '\(reference)': nothing at \(targetPointer) in \(targetDocument.path)", at: refLocation)
                return nil
            }
            current = Target(document: targetDocument, pointer: targetPointer, value: targetValue)
        }
        return current
    }

    /// Splits `file.yaml#/a/b` into an absolute document URI and a pointer, relative to `base`.
    static func split(_ reference: String, base: String) -> (String, JSONPointer)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let filePart = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        guard fragment.isEmpty || fragment.hasPrefix("/") else { return nil }
        let uri: String
        if filePart.isEmpty {
            uri = base
        } else {
            guard let baseURL = URL(string: base), let resolved = URL(string: filePart, relativeTo: baseURL) else {
                return nil
            }
            uri = resolved.standardizedFileURL.absoluteString
        }
        return (uri, JSONPointer(PercentEncoding.decode(fragment) ?? fragment))
    }
}
