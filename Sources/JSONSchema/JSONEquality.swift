import JSON

/// JSON equality for `const`, `enum` and `uniqueItems`: like `isJSONEqual`, but strings compare by
/// code points, as JSON Schema requires (Swift's `==` treats "é" and "e\u{301}" as equal).
enum JSONEquality {
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return sameScalars(a, b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let index = b.index(forKey: key), sameScalars(b.keys[index], key),
                      equal(value, b.values[index])
                else { return false }
            }
            return true
        default: return lhs.isJSONEqual(to: rhs)
        }
    }

    static func sameScalars(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}
