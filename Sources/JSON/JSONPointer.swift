/// An RFC 6901 JSON pointer: where in a document a value, an error or a YAML mark lives.
///
/// ```swift
/// let pointer = JSONPointer("/data/strategies/0/title")
/// pointer.appending("id").description   // "/data/strategies/0/title/id"
/// ```
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The unescaped reference tokens, root first.
    public private(set) var tokens: [String]

    public static let root = JSONPointer(tokens: [])

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the string form (`/a/b~1c`); a string not starting with `/` names the root when empty.
    public init(_ string: Substring) {
        guard !string.isEmpty else { self.tokens = []; return }
        self.tokens = string.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    public init(_ string: String) { self.init(Substring(string)) }

    public func appending(_ token: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(token)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast())) }
    public var lastToken: String? { tokens.last }

    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }

    /// The dotted form used in `errors` maps of the error envelope (`products.0.name`); `body` for the root.
    public var dotted: String { tokens.isEmpty ? "body" : tokens.joined(separator: ".") }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool { lhs.description < rhs.description }
}

extension JSONValue {
    /// The value at `pointer`, or nil when any step is missing.
    public func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

extension String {
    /// Byte-wise: pointers are built and printed for every YAML mark and schema node at startup,
    /// and almost none holds the `~` or `/` that needs escaping.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard let first = target.utf8.first, utf8.contains(first) else { return self }
        let bytes = Array(utf8)
        let needle = Array(target.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == first, bytes.count - index >= needle.count, bytes[index..<index + needle.count].elementsEqual(needle) {
                result.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
