import JSON

/// `uniqueItems` under JSON equality (`1` equals `1.0`, key order ignored).
enum UniqueItems {
    /// The indices of the first pair of equal elements, or nil when all differ.
    ///
    /// Small arrays are compared pairwise without allocating; larger ones are bucketed by a hash
    /// that agrees with JSON equality.
    static func firstDuplicate(_ elements: [JSONValue]) -> (Int, Int)? {
        if elements.count <= 32 {
            for later in elements.indices {
                for earlier in 0..<later where JSONEquality.equal(elements[earlier], elements[later]) {
                    return (earlier, later)
                }
            }
            return nil
        }
        var buckets: [Int: [Int]] = [:]
        for (index, element) in elements.enumerated() {
            let key = hash(element)
            if let candidates = buckets[key],
               let earlier = candidates.first(where: { JSONEquality.equal(elements[$0], element) }) {
                return (earlier, index)
            }
            buckets[key, default: []].append(index)
        }
        return nil
    }

    /// A hash equal for JSON-equal values: numbers by value, objects independent of key order.
    static func hash(_ value: JSONValue) -> Int {
        var hasher = Hasher()
        switch value {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(1); hasher.combine(flag)
        case .integer(let integer): hasher.combine(2); hasher.combine(Double(integer))
        case .number(let number): hasher.combine(2); hasher.combine(number)
        case .string(let text): hasher.combine(3); hasher.combine(text)
        case .array(let elements):
            hasher.combine(4)
            for element in elements { hasher.combine(hash(element)) }
        case .object(let members):
            hasher.combine(5)
            var combined = 0
            for (key, member) in members { combined &+= key.hashValue &* 31 &+ hash(member) }
            hasher.combine(combined)
        }
        return hasher.finalize()
    }
}
