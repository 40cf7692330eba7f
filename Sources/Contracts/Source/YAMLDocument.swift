import Foundation
import Synchronization
import JSON
import Yams

/// A YAML file read as JSON, with the line and column of every member and element.
///
/// Contracts are JSON-shaped (schemas, examples), so the loader works on `JSONValue`; the marks
/// let every diagnostic point back at the YAML that caused it.
public struct YAMLDocument: Sendable {
    /// The file path as given (used in messages).
    public let path: String
    /// The absolute `file://` URI, the base for `$ref` resolution.
    public let uri: String
    public let root: JSONValue
    private let marks: [JSONPointer: SourceLocation]

    /// The location of the value at `pointer`, or of its nearest ancestor that has one.
    public func location(of pointer: JSONPointer) -> SourceLocation {
        var current: JSONPointer? = pointer
        while let p = current {
            if let mark = marks[p] { return mark }
            current = p.parent
        }
        return SourceLocation(file: path, line: 1, column: 1)
    }

    /// Reads and parses a file; syntax problems go to `diagnostics` and the result is nil.
    public static func load(path: String, diagnostics: DiagnosticsCollector) -> YAMLDocument? {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("cannot read file", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.error("file is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        return parse(text, path: path, uri: url.standardizedFileURL.absoluteString, diagnostics: diagnostics)
    }

    /// Reads and parses files on every core, their problems gathered into `diagnostics` in path
    /// order: parsing is most of a cold start, and each file is independent of the others.
    public static func loadAll(paths: [String], diagnostics: DiagnosticsCollector) -> [String: YAMLDocument] {
        let results = Mutex<[(path: String, document: YAMLDocument?, problems: [Diagnostic])]>([])
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let local = DiagnosticsCollector()
            let document = load(path: paths[index], diagnostics: local)
            let problems = local.diagnostics
            results.withLock { $0.append((paths[index], document, problems)) }
        }
        var documents: [String: YAMLDocument] = [:]
        for result in results.withLock({ $0 }).sorted(by: { $0.path < $1.path }) {
            diagnostics.append(contentsOf: result.problems)
            if let document = result.document { documents[result.path] = document }
        }
        return documents
    }

    /// Parses YAML text (YAML 1.2 core scalars: only `true`/`false` are booleans, timestamps stay strings).
    public static func parse(_ text: String, path: String, uri: String, diagnostics: DiagnosticsCollector)
        -> YAMLDocument?
    {
        let node: Node?
        do {
            // No tag rules: plain scalars are typed by `CoreScalar` (YAML 1.2 core), not by regexes.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            let (location, message) = describe(error, path: path)
            diagnostics.error(message, at: location)
            return nil
        } catch {
            diagnostics.error("YAML error: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        var builder = Builder(path: path, diagnostics: diagnostics)
        let root = node.map { builder.convert($0, at: .root) } ?? .object([:])
        return YAMLDocument(path: path, uri: uri, root: root, marks: builder.marks)
    }

    private static func describe(_ error: YamlError, path: String) -> (SourceLocation, String) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return (at(mark), "YAML syntax error: \(problem)\(detail)")
        case .reader(let problem, _, _, _):
            return (SourceLocation(file: path, line: 1, column: 1), "YAML cannot be read: \(problem)")
        default:
            return (SourceLocation(file: path, line: 1, column: 1), "YAML error: \(error)")
        }
    }

    /// Converts Yams nodes to JSON values, recording marks and reporting what JSON cannot hold.
    private struct Builder {
        let path: String
        let diagnostics: DiagnosticsCollector
        var marks: [JSONPointer: SourceLocation] = [:]

        init(path: String, diagnostics: DiagnosticsCollector) {
            self.path = path
            self.diagnostics = diagnostics
        }

        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
        }

        mutating func convert(_ node: Node, at pointer: JSONPointer) -> JSONValue {
            if marks[pointer] == nil { marks[pointer] = location(node.mark) }
            switch node {
            case .scalar(let scalar):
                return value(of: scalar)
            case .sequence(let sequence):
                return .array(sequence.enumerated().map { convert($1, at: pointer.appending($0)) })
            case .mapping(let mapping):
                var members: [(String, JSONValue)] = []
                var seen: Set<String> = []
                for (keyNode, valueNode) in mapping {
                    guard case .scalar(let keyScalar) = keyNode else {
                        diagnostics.error("mapping keys must be plain scalars", at: location(keyNode.mark))
                        continue
                    }
                    let key = keyScalar.string
                    guard seen.insert(key).inserted else {
                        diagnostics.error("duplicate key '\(key)'", at: location(keyNode.mark))
                        continue
                    }
                    let child = pointer.appending(key)
                    marks[child] = location(keyNode.mark)
                    members.append((key, convert(valueNode, at: child)))
                }
                return .object(.init(uniqueKeysWithValues: members))
            case .alias(let alias):
                diagnostics.error("YAML aliases are not supported; repeat the value or use $ref", at: location(alias.mark))
                return .null
            }
        }

        func value(of scalar: Node.Scalar) -> JSONValue {
            scalar.style == .plain ? CoreScalar.value(of: scalar.string) : .string(scalar.string)
        }
    }
}
