import JSON
import OrderedCollections

/// A value for a schema that gives no example: its `examples`, `default`, `const` or first `enum`
/// value where it names one, otherwise the plainest value of its type that meets its bounds
/// (formats get a well-formed sample). The result is validated by the caller.
struct ExampleSynthesis {
    /// `{schemas: …}`: what `schemas.yaml#/schemas/…` references resolve in.
    let schemas: JSONValue

    func example(for schema: JSONValue, name: String? = nil, depth: Int = 0) -> JSONValue {
        guard depth < 12, case .object(let members) = schema else { return schema == .bool(false) ? .null : [:] }
        if let reference = members["$ref"]?.stringValue, let target = resolve(reference) {
            return example(for: target, name: name, depth: depth + 1)
        }
        if let examples = members["examples"]?.arrayValue, let first = examples.first { return first }
        if let value = members["const"] ?? members["default"] { return value }
        if let first = members["enum"]?.arrayValue?.first(where: { $0 != .null }) ?? members["enum"]?.arrayValue?.first { return first }
        if let parts = members["allOf"]?.arrayValue {
            var merged: OrderedDictionary<String, JSONValue> = [:]
            for part in parts {
                if case .object(let object) = example(for: part, name: name, depth: depth + 1) { merged.merge(object) { $1 } }
            }
            if case .object(let own) = example(for: .object(members.filter { $0.key != "allOf" }), name: name, depth: depth + 1) { merged.merge(own) { $1 } }
            return .object(merged)
        }
        if let first = (members["oneOf"] ?? members["anyOf"])?.arrayValue?.first(where: { $0["type"] != "null" }) {
            return example(for: first, name: name, depth: depth + 1)
        }
        let type: String? = switch members["type"] {
        case .string(let single)?: single
        case .array(let types)?: types.compactMap(\.stringValue).first { $0 != "null" } ?? "null"
        default: members["properties"] != nil ? "object" : members["items"] != nil ? "array" : nil
        }
        switch type {
        case "object"?:
            var object: OrderedDictionary<String, JSONValue> = [:]
            for (key, property) in members["properties"]?.objectValue ?? [:] {
                object[key] = example(for: property, name: key, depth: depth + 1)
            }
            return .object(object)
        case "array"?:
            let count = max(1, members["minItems"]?.intValue ?? 1)
            return .array(Array(repeating: example(for: members["items"] ?? [:], name: name, depth: depth + 1), count: count))
        case "string"?:
            return .string(text(members, name: name))
        case "integer"?:
            return .integer(Int(number(members)))
        case "number"?:
            return .number(number(members))
        case "boolean"?:
            return true
        case "null"?:
            return .null
        default:
            return .string(name.map { "\($0) example" } ?? "example")
        }
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard let hash = reference.firstIndex(of: "#") else { return nil }
        return schemas.value(at: JSONPointer(String(reference[reference.index(after: hash)...])))
    }

    private func number(_ members: OrderedDictionary<String, JSONValue>) -> Double {
        if let minimum = members["minimum"]?.doubleValue { return minimum }
        if let exclusive = members["exclusiveMinimum"]?.doubleValue { return (exclusive + 1).rounded(.down) }
        if let maximum = members["maximum"]?.doubleValue { return min(1, maximum) }
        if let exclusive = members["exclusiveMaximum"]?.doubleValue { return min(1, (exclusive - 1).rounded(.up)) }
        return 1
    }

    private func text(_ members: OrderedDictionary<String, JSONValue>, name: String?) -> String {
        var sample: String = switch members["format"]?.stringValue {
        case "date-time"?: "2025-01-01T09:00:00Z"
        case "date"?: "2025-01-01"
        case "time"?: "09:00:00Z"
        case "email"?: "someone@example.com"
        case "uri"?, "url"?, "uri-reference"?, "uriref"?: "https://example.com/"
        case "uuid"?: "3fa85f64-5717-4562-b3fc-2c963f66afa6"
        case "ipv4"?: "192.0.2.1"
        case "ipv6"?: "2001:db8::1"
        case "hostname"?: "example.com"
        case "byte"?: "ZXhhbXBsZQ=="
        default: name ?? "text"
        }
        if let minimum = members["minLength"]?.intValue, sample.count < minimum { sample += String(repeating: "x", count: minimum - sample.count) }
        if let maximum = members["maxLength"]?.intValue, sample.count > maximum { sample = String(sample.prefix(maximum)) }
        return sample
    }
}
