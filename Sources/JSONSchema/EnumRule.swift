import JSON

/// `enum`: the allowed values, with a hash set when they are all strings (the common case).
struct EnumRule: Sendable {
    var values: [JSONValue]
    var strings: Set<String>?
}
