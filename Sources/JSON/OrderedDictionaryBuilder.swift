import OrderedCollections

/// Builds an object's members; a repeated key keeps its first position and its last value.
struct OrderedDictionaryBuilder {
    var result: OrderedDictionary<String, JSONValue> = [:]
    mutating func set(_ key: String, _ value: JSONValue) { result[key] = value }
}
