import Foundation
import JSON
import OrderedCollections

/// Renders the `{{expression}}` placeholders of contract templates.
///
/// A string that is exactly one placeholder takes the expression's JSON value (a number stays a
/// number); otherwise each placeholder is replaced by its text. Missing values render as null or "".
///
/// ```swift
/// Template.render(["goalId": "{{path.id}}", "note": "Hi {{user.id}}"], in: scope)
/// ```
public enum Template {
    public static func render(_ value: JSONValue, in scope: TemplateScope) -> JSONValue {
        switch value {
        case .string(let text): renderString(text, in: scope)
        case .array(let items): .array(items.map { render($0, in: scope) })
        case .object(let members): .object(members.mapValues { render($0, in: scope) })
        default: value
        }
    }

    /// Renders a template meant to produce text (ids, channels).
    public static func text(_ template: String, in scope: TemplateScope) -> String {
        switch renderString(template, in: scope) {
        case .string(let text): text
        case .null: ""
        case let other: other.jsonString()
        }
    }

    // Templates are scanned byte-wise (their syntax is ASCII): they render on every create and
    // update, and Foundation's string search goes through UTF-16 on Linux.

    static func renderString(_ text: String, in scope: TemplateScope) -> JSONValue {
        guard let first = find("{{", in: text[...]) else { return .string(text) }
        let trimmed = trimSpaces(text[...])
        if first == trimmed.startIndex, trimmed.utf8.count >= 4, trimmed.utf8.suffix(2).elementsEqual("}}".utf8),
            find("{{", in: trimmed.dropFirst(2)) == nil
        {
            return evaluate(trimmed.dropFirst(2).dropLast(2), in: scope) ?? .null
        }
        var output = ""
        var rest = text[...]
        while let open = find("{{", in: rest), let close = find("}}", in: rest[rest.utf8.index(open, offsetBy: 2)...]) {
            output += rest[..<open]
            switch evaluate(rest[rest.utf8.index(open, offsetBy: 2)..<close], in: scope) {
            case .string(let value)?: output += value
            case nil, .null?: break
            case let value?: output += value.jsonString()
            }
            rest = rest[rest.utf8.index(close, offsetBy: 2)...]
        }
        return .string(output + rest)
    }

    /// Where the two-byte ASCII `pair` starts in `text`.
    static func find(_ pair: StaticString, in text: Substring) -> String.Index? {
        let (a, b) = (pair.utf8Start[0], pair.utf8Start[1])
        let bytes = text.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == a, next < bytes.endIndex, bytes[next] == b { return index }
            index = next
        }
        return nil
    }

    /// Without leading and trailing spaces and tabs.
    static func trimSpaces(_ text: Substring) -> Substring {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let start = text.utf8.firstIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        let last = text.utf8.lastIndex(where: { !isSpace($0) })!
        return text[start...last]
    }

    /// Evaluates one expression: `path.id`, `body.a.0.b`, `len body.items`, `x ?? "default"`.
    public static func evaluate(_ expression: Substring, in scope: TemplateScope) -> JSONValue? {
        let expression = trimSpaces(expression)
        if let fallback = find("??", in: expression) {
            let primary = evaluate(expression[..<fallback], in: scope)
            if let primary, primary != .null { return primary }
            let alternative = trimSpaces(expression[expression.utf8.index(fallback, offsetBy: 2)...])
            if let quote = alternative.first, quote == "\"" || quote == "'", alternative.count >= 2, alternative.last == quote {
                return .string(String(alternative.dropFirst().dropLast()))
            }
            return evaluate(alternative, in: scope)
        }
        if expression.hasPrefix("len ") {
            switch evaluate(expression.dropFirst(4), in: scope) {
            case .array(let items)?: return .integer(items.count)
            case .string(let text)?: return .integer(text.count)
            case .object(let members)?: return .integer(members.count)
            default: return .integer(0)
            }
        }
        let parts = expression.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let root = parts.first else { return nil }
        let rest = parts.dropFirst()
        switch root {
        case "path": return rest.first.flatMap { scope.path[$0] }.map(JSONValue.string)
        case "query": return rest.first.flatMap { scope.query[$0] }
        case "header": return rest.first.flatMap { scope.headers[$0.lowercased()] }.map(JSONValue.string)
        case "body": return scope.body.flatMap { descend($0, Array(rest)) }
        case "record": return scope.record.flatMap { descend($0, Array(rest)) }
        case "tenant": return rest.first == "id" ? scope.tenantID.map(JSONValue.string) : nil
        case "user":
            switch rest.first {
            case "id": return scope.userID.map(JSONValue.string)
            case "email": return scope.userEmail.map(JSONValue.string)
            default: return nil
            }
        case "now": return .string(scope.now.rfc3339)
        case "today": return .string(String(scope.now.rfc3339.prefix(10)))
        case "uuid": return .string(UUID().uuidString.lowercased())
        case "id": return .string(IDGenerator.make(prefix: rest.joined(separator: ".")))
        default: return scope.extra[root].flatMap { descend($0, Array(rest)) }
        }
    }

    /// The value at a dotted path (`body.items.0.name` → `["items", "0", "name"]`).
    static func descend(_ value: JSONValue, _ path: [String]) -> JSONValue? {
        value.value(at: JSONPointer(tokens: path.filter { !$0.isEmpty }))
    }
}
