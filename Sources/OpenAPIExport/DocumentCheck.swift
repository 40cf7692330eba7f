import JSON
import JSONSchema

/// The OpenAPI 3.1 rules that matter to the tools reading a document, checked on the document
/// itself: its structure, every `$ref` resolving, unique `operationId`s, and every example valid
/// against its schema with the project's own validator. Problems come back as JSON pointers.
///
/// ```swift
/// let problems = DocumentCheck.problems(in: document)   // [] for what `export` writes
/// ```
public enum DocumentCheck {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var pointer: JSONPointer
        public var message: String
        public var description: String { "\(pointer): \(message)" }
    }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    static let uri = "urn:understudy:openapi-document"

    public static func problems(in document: JSONValue) -> [Problem] {
        var problems: [Problem] = []
        func report(_ pointer: JSONPointer, _ message: String) { problems.append(Problem(pointer: pointer, message: message)) }
        guard document["openapi"]?.stringValue?.hasPrefix("3.1.") == true else {
            report(JSONPointer("/openapi"), "must be a 3.1.x version string")
            return problems
        }
        if document["info"]?["title"]?.stringValue == nil { report(JSONPointer("/info/title"), "is required") }
        if document["info"]?["version"]?.stringValue == nil { report(JSONPointer("/info/version"), "is required") }
        references(in: document, at: .root, root: document, report: report)
        var compiler = SchemaCompiler(registry: SchemaRegistry(documents: [uri: document]))
        var operationIDs: [String: JSONPointer] = [:]
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            let itemPointer = JSONPointer(tokens: ["paths", path])
            if !path.hasPrefix("/") { report(itemPointer, "a path must start with '/'") }
            for (method, operation) in item.objectValue ?? [:] where methods.contains(method) {
                let pointer = itemPointer.appending(method)
                if let id = operation["operationId"]?.stringValue {
                    if let first = operationIDs[id] { report(pointer.appending("operationId"), "operationId '\(id)' is also used at \(first)") }
                    operationIDs[id] = pointer
                }
                let templated = Set(path.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) })
                let declared = Set((operation["parameters"]?.arrayValue ?? []).compactMap { parameter -> String? in
                    let value = resolved(parameter, in: document)
                    return value["in"]?.stringValue == "path" ? value["name"]?.stringValue : nil
                })
                for name in templated.subtracting(declared) { report(pointer.appending("parameters"), "path parameter '\(name)' is not declared") }
                guard let responses = operation["responses"]?.objectValue, !responses.isEmpty else {
                    report(pointer.appending("responses"), "an operation needs at least one response")
                    continue
                }
                for (status, response) in responses where resolved(response, in: document)["description"]?.stringValue == nil {
                    report(pointer.appending("responses").appending(status), "a response needs a description")
                }
            }
        }
        examples(in: document, at: .root, compiler: &compiler, report: report)
        return problems
    }

    /// The object a `$ref` names (one hop, within the document), or the value itself.
    static func resolved(_ value: JSONValue, in document: JSONValue) -> JSONValue {
        guard let reference = value["$ref"]?.stringValue, reference.hasPrefix("#") else { return value }
        return document.value(at: JSONPointer(String(reference.dropFirst()))) ?? value
    }

    private static func references(in value: JSONValue, at pointer: JSONPointer, root: JSONValue, report: (JSONPointer, String) -> Void) {
        switch value {
        case .object(let members):
            if let reference = members["$ref"]?.stringValue {
                if !reference.hasPrefix("#") || root.value(at: JSONPointer(String(reference.dropFirst()))) == nil {
                    report(pointer.appending("$ref"), "'\(reference)' does not resolve within the document")
                }
            }
            for (key, child) in members { references(in: child, at: pointer.appending(key), root: root, report: report) }
        case .array(let items):
            for (index, child) in items.enumerated() { references(in: child, at: pointer.appending(index), root: root, report: report) }
        default: return
        }
    }

    /// Every `example` and `examples.*.value` beside a `schema` (media types, parameters, headers).
    private static func examples(in value: JSONValue, at pointer: JSONPointer, compiler: inout SchemaCompiler, report: (JSONPointer, String) -> Void) {
        switch value {
        case .object(let members):
            let isSchema = pointer.tokens.contains("schema") || pointer.tokens.contains("schemas")
            if !isSchema, members["schema"] != nil {
                let schema = compiler.compile(uri: uri, pointer: pointer.appending("schema"))
                var samples: [(JSONPointer, JSONValue)] = []
                if let example = members["example"] { samples.append((pointer.appending("example"), example)) }
                for (name, entry) in members["examples"]?.objectValue ?? [:] {
                    if let sample = entry["value"] { samples.append((pointer.appending("examples").appending(name).appending("value"), sample)) }
                }
                for (at, sample) in samples {
                    for error in schema.validate(sample).prefix(3) { report(at, "example does not match its schema: \(error)") }
                }
            }
            for (key, child) in members where key != "example" && key != "examples" {
                examples(in: child, at: pointer.appending(key), compiler: &compiler, report: report)
            }
        case .array(let items):
            for (index, child) in items.enumerated() { examples(in: child, at: pointer.appending(index), compiler: &compiler, report: report) }
        default: return
        }
    }
}
