import Contracts
import JSON
import JSONSchema

/// Breaks a JSON answer the way a mutation says, at the first place (breadth-first from the root)
/// where the response schema notices: a mutation the contract cannot see would prove nothing.
enum BodyMutator {
    /// The broken body, or nil when no place of this body lets the schema notice.
    static func apply(_ mutation: Mutation, to body: JSONValue, schema: Schema, envelope: EnvelopeConventions) -> JSONValue? {
        switch mutation {
        case .bareObject:
            guard envelope.data != nil, let data = envelope.data(of: body), !schema.isValid(data) else { return nil }
            return data
        case .dropRequiredField:
            return firstNoticed(in: body, schema: schema, keywords: ["required"]) { parent, key in
                guard case .object(var members) = parent, let key else { return nil }
                members.removeValue(forKey: key)
                return .object(members)
            }
        case .changeType:
            return firstNoticed(in: body, schema: schema, keywords: ["type"], editParent: false) { value, _ in otherType(value) }
        case .changeEnumCase:
            return firstNoticed(in: body, schema: schema, keywords: ["enum", "const"], editParent: false) { value, _ in
                guard case .string(let text) = value, text.uppercased() != text.lowercased() else { return nil }
                return .string(text == text.uppercased() ? text.lowercased() : text.uppercased())
            }
        default:
            return nil
        }
    }

    /// Tries `edit` on each place in breadth-first order; the first edit producing an error with one of
    /// `keywords` wins. With `editParent`, `edit` gets the containing object and the member's key.
    private static func firstNoticed(
        in body: JSONValue, schema: Schema, keywords: Set<String>, editParent: Bool = true,
        _ edit: (JSONValue, String?) -> JSONValue?
    ) -> JSONValue? {
        for pointer in places(in: body) {
            let tokens = pointer.tokens
            let candidate: JSONValue?
            if editParent {
                guard let key = tokens.last, let parent = body.value(at: JSONPointer(tokens: Array(tokens.dropLast()))),
                      case .object = parent, let edited = edit(parent, key)
                else { continue }
                candidate = replacing(Array(tokens.dropLast()), in: body, with: edited)
            } else {
                guard let value = body.value(at: pointer), let edited = edit(value, nil) else { continue }
                candidate = replacing(tokens, in: body, with: edited)
            }
            if let candidate, schema.validate(candidate).contains(where: { keywords.contains($0.keyword) }) { return candidate }
        }
        return nil
    }

    /// Every member and the first element of every array, breadth-first, to a bounded depth.
    static func places(in body: JSONValue, depth: Int = 8) -> [JSONPointer] {
        var found: [JSONPointer] = []
        var level: [JSONPointer] = [.root]
        for _ in 0..<depth {
            var next: [JSONPointer] = []
            for pointer in level {
                switch body.value(at: pointer) {
                case .object(let members)?: next += members.keys.map { pointer.appending($0) }
                case .array(let items)? where !items.isEmpty: next.append(pointer.appending(0))
                default: break
                }
            }
            found += next
            level = next
        }
        return found
    }

    /// `value` with the node at `tokens` replaced.
    static func replacing(_ tokens: [String], in value: JSONValue, with replacement: JSONValue) -> JSONValue? {
        guard let first = tokens.first else { return replacement }
        let rest = Array(tokens.dropFirst())
        switch value {
        case .object(var members):
            guard let child = members[first], let edited = replacing(rest, in: child, with: replacement) else { return nil }
            members[first] = edited
            return .object(members)
        case .array(var items):
            guard let index = Int(first), items.indices.contains(index), let edited = replacing(rest, in: items[index], with: replacement) else { return nil }
            items[index] = edited
            return .array(items)
        default:
            return nil
        }
    }

    /// A value of another JSON type: what a backend sends when it serializes a field wrongly.
    static func otherType(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string: .integer(42)
        case .integer, .number: .string("42")
        case .bool(let flag): .string(flag ? "true" : "false")
        case .array, .object: .string("[mutated]")
        case .null: nil
        }
    }
}
