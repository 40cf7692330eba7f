import Contracts
import JSON

/// Every operation of the document in its order: path, method, the operation object and where it
/// is written, and its parameters with the path item's merged in (the operation's win), each
/// resolved through its `$ref`.
struct ImportedOperation {
    var path: String
    var method: String
    var operation: JSONValue
    var pointer: JSONPointer
    var parameters: [(value: JSONValue, uri: String, pointer: JSONPointer)]

    var literalSegments: [String] { path.split(separator: "/").map(String.init) }
    /// `true` for `/things/{id}`: the last segment is a parameter on its own.
    var endsInParameter: Bool { literalSegments.last.map { $0.hasPrefix("{") && $0.hasSuffix("}") } ?? false }
}

enum OperationInventory {
    static let methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"]

    static func operations(in sources: OpenAPISources, notes: ImportNotes) -> [ImportedOperation] {
        var found: [ImportedOperation] = []
        let root = sources.root.root
        for (path, rawItem) in root["paths"]?.objectValue ?? [:] {
            let itemPointer = JSONPointer(tokens: ["paths", path])
            guard let (item, itemURI, _) = sources.resolve(rawItem, at: itemPointer, in: sources.root.uri) else {
                notes.warn("this path item's $ref points at nothing; the path is left out", at: itemPointer)
                continue
            }
            let shared = parameters(item["parameters"], at: itemPointer.appending("parameters"), uri: itemURI, sources: sources, notes: notes)
            for (method, operation) in item.objectValue ?? [:] {
                guard methods.contains(method) else {
                    if !["parameters", "summary", "description", "servers", "$ref"].contains(method), !method.hasPrefix("x-") {
                        notes.warn("'\(method)' is not an HTTP method this import reads; left out", at: itemPointer.appending(method))
                    }
                    continue
                }
                let pointer = itemPointer.appending(method)
                var merged = shared
                for parameter in parameters(operation["parameters"], at: pointer.appending("parameters"), uri: itemURI, sources: sources, notes: notes) {
                    merged.removeAll { $0.value["name"] == parameter.value["name"] && $0.value["in"] == parameter.value["in"] }
                    merged.append(parameter)
                }
                if operation["callbacks"] != nil { notes.warn("callbacks are not translated: the mock makes no calls of its own", at: pointer.appending("callbacks")) }
                found.append(ImportedOperation(path: path, method: method, operation: operation, pointer: pointer, parameters: merged))
            }
        }
        if let webhooks = root["webhooks"]?.objectValue, !webhooks.isEmpty {
            notes.warn("webhooks (\(webhooks.keys.joined(separator: ", "))) are not translated: the mock makes no calls of its own", at: JSONPointer("/webhooks"))
        }
        return found
    }

    private static func parameters(_ list: JSONValue?, at pointer: JSONPointer, uri: String, sources: OpenAPISources, notes: ImportNotes) -> [(value: JSONValue, uri: String, pointer: JSONPointer)] {
        (list?.arrayValue ?? []).enumerated().compactMap { index, value in
            guard let resolved = sources.resolve(value, at: pointer.appending(index), in: uri) else {
                notes.warn("this parameter's $ref points at nothing; left out", uri: uri, at: pointer.appending(index))
                return nil
            }
            return resolved
        }
    }
}
