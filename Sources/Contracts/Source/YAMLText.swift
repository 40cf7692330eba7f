import JSON
import Yams

/// A JSON value written as YAML that `YAMLDocument` reads back to the same value: strings that
/// would read as something else (`"1"`, `"true"`, `""`) are quoted, long texts become blocks,
/// members keep their order.
///
/// ```swift
/// let text = try YAMLText.write(["openapi": "3.1.0", "paths": [:]])   // "openapi: 3.1.0\npaths: {}\n"
/// ```
public enum YAMLText {
    public static func write(_ value: JSONValue) throws -> String {
        try Yams.serialize(node: node(value), width: 100, allowUnicode: true, sortKeys: false)
    }

    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .integer(let number): return Node(String(number), Tag(.int))
        case .number: return Node(value.jsonString(), Tag(.float))
        case .string(let text):
            let style: Node.Scalar.Style =
                text.contains("\n") ? .literal
                : readsAsText(text) ? .plain : .doubleQuoted
            return Node(text, Tag(.str), style)
        case .array(let items):
            return Node(items.map(node), Tag(.seq), items.isEmpty ? .flow : .block)
        case .object(let members):
            return Node(members.map { (Node($0.key, Tag(.str), readsAsText($0.key) ? .plain : .doubleQuoted), node($0.value)) },
                        Tag(.map), members.isEmpty ? .flow : .block)
        }
    }

    /// Whether a plain scalar reads back as this text in YAML 1.2 and, to be safe with YAML 1.1
    /// readers (PyYAML and others), is no date, number, `yes`/`no`/`on`/`off` there either.
    static func readsAsText(_ text: String) -> Bool {
        guard let first = text.first, CoreScalar.value(of: text) == .string(text) else { return false }
        if first.isNumber || (("+-.".contains(first)) && text.dropFirst().first?.isNumber == true) { return false }
        return !["y", "n", "yes", "no", "on", "off", "~", ".inf", ".nan", "-.inf", "+.inf"].contains(text.lowercased())
    }
}
