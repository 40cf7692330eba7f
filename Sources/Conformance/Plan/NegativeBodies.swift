import Contracts
import JSON
import JSONSchema

/// Request bodies the schema forbids, each wrong in one way, made from the documented example: the
/// compiled schema is the oracle (a candidate counts only when it rejects it with the intended keyword).
///
/// ```swift
/// NegativeBodies.make(from: example, schema: schema, count: 6, seed: 1)
/// // [("missing required at /title", {...}), ("wrong type at /title", {...}), …]
/// ```
enum NegativeBodies {
    struct Negative: Sendable {
        var label: String
        var body: JSONValue
        /// The top-level member it breaks (to check afterwards that it did not change).
        var member: String?
    }

    /// The kinds, in the order a bounded set takes them: one of each first, then round again.
    enum Kind: String, CaseIterable {
        case missingRequired = "missing required"
        case wrongType = "wrong type"
        case unknownMember = "unknown member"
        case outOfEnum = "out of enum"
        case outOfBounds = "out of bounds"
        case badFormat = "bad format"
        case null = "null"

        var keywords: Set<String> {
            switch self {
            case .missingRequired: ["required"]
            case .wrongType, .null: ["type"]
            case .unknownMember: ["additionalProperties", "unevaluatedProperties", "properties", "false"]
            case .outOfEnum: ["enum", "const"]
            case .outOfBounds: ["minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems"]
            case .badFormat: ["format"]
            }
        }
    }

    /// Up to `count` negatives, reproducible for a seed: kinds in order, a place per kind picked by the seed.
    static func make(from example: JSONValue, schema: Schema, count: Int, seed: UInt64) -> [Negative] {
        guard count > 0, schema.isValid(example) else { return [] }
        var byKind: [[Negative]] = Kind.allCases.map { candidates($0, in: example, schema: schema) }
        var random = SeededRandom(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        var chosen: [Negative] = []
        while chosen.count < count, byKind.contains(where: { !$0.isEmpty }) {
            for index in byKind.indices where !byKind[index].isEmpty && chosen.count < count {
                let pick = Int(random.next() % UInt64(byKind[index].count))
                chosen.append(byKind[index].remove(at: pick))
            }
        }
        return chosen
    }

    static func candidates(_ kind: Kind, in example: JSONValue, schema: Schema) -> [Negative] {
        var found: [Negative] = []
        for pointer in places(in: example) {
            for candidate in edits(kind, at: pointer, in: example) {
                let errors = schema.validate(candidate)
                guard !errors.isEmpty, errors.allSatisfy({ kind.keywords.contains($0.keyword) || $0.keyword == "schema" }),
                      errors.contains(where: { kind.keywords.contains($0.keyword) }) else { continue }
                found.append(Negative(label: "\(kind.rawValue) at \(pointer.description.isEmpty ? "/" : pointer.description)",
                                      body: candidate, member: pointer.tokens.first))
                break
            }
        }
        return found
    }

    /// The edits of one kind at one place; the first one the schema notices is kept.
    static func edits(_ kind: Kind, at pointer: JSONPointer, in body: JSONValue) -> [JSONValue] {
        guard let value = body.value(at: pointer) else { return [] }
        func replaced(_ new: JSONValue) -> JSONValue? { body.replacing(at: pointer, with: new) }
        switch kind {
        case .missingRequired:
            guard !pointer.tokens.isEmpty else { return [] }
            return [body.removing(at: pointer)].compactMap { $0 }
        case .wrongType:
            let other: JSONValue = switch value {
            case .string: .integer(12345)
            case .integer, .number: .string("not a number")
            case .bool: .string("not a boolean")
            case .array: .string("not an array")
            case .object: .string("not an object")
            case .null: .integer(0)
            }
            return [replaced(other)].compactMap { $0 }
        case .null:
            if case .null = value { return [] }
            return [replaced(.null)].compactMap { $0 }
        case .unknownMember:
            guard case .object(var members) = value else { return [] }
            members["understudyUnknownMember"] = .string("not in the schema")
            return [replaced(.object(members))].compactMap { $0 }
        case .outOfEnum:
            guard case .string(let text) = value else { return [] }
            return [replaced(.string(text + "-not-in-enum"))].compactMap { $0 }
        case .outOfBounds:
            switch value {
            case .string: return [.string(""), .string(String(repeating: "x", count: 10_001))].compactMap(replaced)
            case .integer, .number: return [.integer(-1_000_000_000), .integer(1_000_000_000), .integer(0)].compactMap(replaced)
            case .array(let items):
                return [.array([]), .array(Array(repeating: items.first ?? .string("x"), count: 1001))].compactMap(replaced)
            default: return []
            }
        case .badFormat:
            guard case .string = value else { return [] }
            return [replaced(.string("not-a-valid-value-for-its-format"))].compactMap { $0 }
        }
    }

    /// Every place in the body, breadth-first (shallow places first: the likeliest to be validated).
    static func places(in body: JSONValue) -> [JSONPointer] {
        var result: [JSONPointer] = [.root]
        var queue: [(JSONPointer, JSONValue)] = [(.root, body)]
        while !queue.isEmpty {
            let (pointer, value) = queue.removeFirst()
            switch value {
            case .object(let members):
                for (key, member) in members {
                    result.append(pointer.appending(key))
                    queue.append((pointer.appending(key), member))
                }
            case .array(let items):
                for (index, item) in items.enumerated().prefix(2) {
                    result.append(pointer.appending(index))
                    queue.append((pointer.appending(index), item))
                }
            default: break
            }
        }
        return result
    }
}

extension JSONValue {
    /// The value with the member or item at `pointer` replaced; nil when the pointer leads nowhere.
    func replacing(at pointer: JSONPointer, with new: JSONValue) -> JSONValue? {
        guard let first = pointer.tokens.first else { return new }
        let rest = JSONPointer(tokens: Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(var members):
            guard let member = members[first], let changed = member.replacing(at: rest, with: new) else { return nil }
            members[first] = changed
            return .object(members)
        case .array(var items):
            guard let index = Int(first), items.indices.contains(index), let changed = items[index].replacing(at: rest, with: new) else { return nil }
            items[index] = changed
            return .array(items)
        default: return nil
        }
    }

    /// The value without the member at `pointer` (an object member only).
    func removing(at pointer: JSONPointer) -> JSONValue? {
        guard let last = pointer.tokens.last else { return nil }
        let parentPointer = JSONPointer(tokens: Array(pointer.tokens.dropLast()))
        guard case .object(var members)? = value(at: parentPointer), members[last] != nil else { return nil }
        members.removeValue(forKey: last)
        return replacing(at: parentPointer, with: .object(members))
    }
}
