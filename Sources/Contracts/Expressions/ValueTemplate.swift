import Foundation
import JSON

/// A YAML value whose strings may hold `{{expression}}` placeholders, compiled once at load.
///
/// A string that is exactly one placeholder takes the expression's value (a count stays a
/// number, a list stays a list); other strings have each placeholder replaced by its text; all
/// other values are kept as written.
///
/// ```swift
/// let template = try ValueTemplate.compile(["total": "{{count(@goals)}}", "note": "for {{tenant.name}}"])
/// ```
public indirect enum ValueTemplate: Sendable {
    case literal(JSONValue)
    case expression(FakeExpression)
    case text([TextPart])
    case array([ValueTemplate])
    case object([(key: String, value: ValueTemplate)])

    public enum TextPart: Sendable {
        case text(String)
        case expression(FakeExpression)
    }

    /// Compiles every placeholder; the problem's `pointer` says which string failed.
    public static func compile(_ value: JSONValue, at pointer: JSONPointer = .root) throws(TemplateProblem) -> ValueTemplate {
        switch value {
        case .string(let text):
            do { return try compile(text) } catch { throw TemplateProblem(problem: error, pointer: pointer) }
        case .array(let items):
            var compiled: [ValueTemplate] = []
            for (index, item) in items.enumerated() { compiled.append(try compile(item, at: pointer.appending(index))) }
            return compiled.allSatisfy(\.isLiteral) ? .literal(value) : .array(compiled)
        case .object(let members):
            var compiled: [(key: String, value: ValueTemplate)] = []
            for (key, item) in members { compiled.append((key, try compile(item, at: pointer.appending(key)))) }
            return compiled.allSatisfy(\.value.isLiteral) ? .literal(value) : .object(compiled)
        default:
            return .literal(value)
        }
    }

    static func compile(_ text: String) throws(ExpressionProblem) -> ValueTemplate {
        guard text.contains("{{") else { return .literal(.string(text)) }
        var parts: [TextPart] = []
        var rest = Substring(text)
        var consumed = 0
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw ExpressionProblem("'{{' is not closed by '}}'", at: consumed + rest.distance(from: rest.startIndex, to: open.lowerBound))
            }
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            let source = String(rest[open.upperBound..<close.lowerBound])
            let start = consumed + rest.distance(from: rest.startIndex, to: open.upperBound)
            do { parts.append(.expression(try ExpressionParser.parse(source))) }
            catch { throw ExpressionProblem(error.message, at: start + error.offset) }
            consumed += rest.distance(from: rest.startIndex, to: close.upperBound)
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        // One placeholder with nothing but spaces around it keeps the expression's value.
        let meaningful = parts.filter { if case .text(let text) = $0 { !text.allSatisfy { $0 == " " || $0 == "\t" } } else { true } }
        if meaningful.count == 1, case .expression(let expression) = meaningful[0] {
            return .expression(expression)
        }
        return .text(parts)
    }

    public var isLiteral: Bool { if case .literal = self { true } else { false } }

    /// Every expression in the template, with the pointer of the string holding it.
    public func expressions(at pointer: JSONPointer = .root) -> [(FakeExpression, JSONPointer)] {
        switch self {
        case .literal: return []
        case .expression(let expression): return [(expression, pointer)]
        case .text(let parts): return parts.compactMap { if case .expression(let e) = $0 { (e, pointer) } else { nil } }
        case .array(let items): return items.enumerated().flatMap { $1.expressions(at: pointer.appending($0)) }
        case .object(let members): return members.flatMap { $0.value.expressions(at: pointer.appending($0.key)) }
        }
    }
}
