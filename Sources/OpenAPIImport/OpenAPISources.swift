import Contracts
import Foundation
import JSON

/// Stage 1 of an import: the OpenAPI document and every file its `$ref`s reach, parsed with
/// source marks (YAML or JSON — JSON is YAML), so each later problem names a line and column.
///
/// ```swift
/// let diagnostics = DiagnosticsCollector()
/// if let sources = OpenAPISources.read(path: "petstore.yaml", diagnostics: diagnostics) { … }
/// ```
struct OpenAPISources {
    let root: YAMLDocument
    /// Every document by URI, the root's included.
    let documents: [String: YAMLDocument]

    static func read(path: String, diagnostics: DiagnosticsCollector) -> OpenAPISources? {
        guard FileManager.default.fileExists(atPath: path) else {
            diagnostics.error("no such file", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        guard let root = YAMLDocument.load(path: path, diagnostics: diagnostics) else { return nil }
        var documents = [root.uri: root]
        var queue = [root]
        while let document = queue.popLast() {
            for (reference, pointer) in externalReferences(in: document.root, at: .root) {
                guard let (uri, _) = SourceDocuments().target(of: reference, from: document.uri) else {
                    diagnostics.error("$ref '\(reference)' is not a valid reference", at: document.location(of: pointer))
                    continue
                }
                guard documents[uri] == nil else { continue }
                guard let url = URL(string: uri), url.isFileURL else {
                    diagnostics.error("$ref '\(reference)' is not a local file; only local references are followed", at: document.location(of: pointer))
                    continue
                }
                guard FileManager.default.fileExists(atPath: url.path) else {
                    diagnostics.error("$ref '\(reference)': no such file \(url.path)", at: document.location(of: pointer))
                    continue
                }
                guard let loaded = YAMLDocument.load(path: url.path, diagnostics: diagnostics) else { continue }
                documents[uri] = loaded
                queue.append(loaded)
            }
        }
        return OpenAPISources(root: root, documents: documents)
    }

    /// `$ref` strings with a file part, and where they are written.
    private static func externalReferences(in value: JSONValue, at pointer: JSONPointer) -> [(String, JSONPointer)] {
        switch value {
        case .object(let members):
            var found: [(String, JSONPointer)] = []
            if let reference = members["$ref"]?.stringValue, !reference.hasPrefix("#") { found.append((reference, pointer.appending("$ref"))) }
            for (key, child) in members { found += externalReferences(in: child, at: pointer.appending(key)) }
            return found
        case .array(let items):
            return items.enumerated().flatMap { externalReferences(in: $1, at: pointer.appending($0)) }
        default:
            return []
        }
    }

    /// The documents as `SourceDocuments`, for following references between them.
    var sourceDocuments: SourceDocuments {
        var sources = SourceDocuments()
        for (uri, document) in documents {
            sources.roots[uri] = document.root
            sources.paths[uri] = (document.path as NSString).lastPathComponent
        }
        return sources
    }

    /// What a value is once its `$ref`s (to anything, in any of the files) are followed: the value,
    /// its document and pointer. Nil for a broken reference or a cycle.
    func resolve(_ value: JSONValue, at pointer: JSONPointer, in uri: String) -> (value: JSONValue, uri: String, pointer: JSONPointer)? {
        var current = (value: value, uri: uri, pointer: pointer)
        var seen: Set<String> = []
        while let reference = current.value["$ref"]?.stringValue {
            guard let (target, targetPointer) = sourceDocuments.target(of: reference, from: current.uri),
                  seen.insert("\(target)#\(targetPointer)").inserted,
                  let next = documents[target]?.root.value(at: targetPointer)
            else { return nil }
            current = (next, target, targetPointer)
        }
        return current
    }

    func location(_ uri: String, _ pointer: JSONPointer) -> SourceLocation {
        documents[uri]?.location(of: pointer) ?? root.location(of: pointer)
    }
}
