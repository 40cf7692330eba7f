import JSON

/// One reason an instance does not match a schema, phrased for the developer reading a 422.
public struct ValidationError: Sendable, Equatable, CustomStringConvertible {
    /// Where in the instance; for `required`, the missing property itself (`/title`).
    public var instancePointer: JSONPointer
    /// The failing keyword: `required`, `type`, `enum`, `format`, …
    public var keyword: String
    /// Where the keyword sits in its schema document.
    public var schemaPointer: JSONPointer?
    /// Human text: `missing required property "title"`, `expected string, got integer`.
    public var message: String

    public init(instancePointer: JSONPointer, keyword: String, schemaPointer: JSONPointer? = nil, message: String) {
        self.instancePointer = instancePointer
        self.keyword = keyword
        self.schemaPointer = schemaPointer
        self.message = message
    }

    public var description: String { "\(instancePointer.dotted): \(message)" }
}
