import JSON
import OrderedCollections

/// How the API wraps its answers, declared once in `services.yaml` (`envelope:`): the one envelope
/// the mock answers in, the `data:` and `paginated:` response shorthands stand for, and `verify`
/// reads refusals by.
///
/// ```yaml
/// envelope: { success: success, data: data, pagination: pagination, error: error, code: code, fields: errors }
/// ```
///
/// gives `{success: true, data}`, `{success: true, data, pagination}` and
/// `{success: false, error, code, errors}`. Without `success:` no flag is written; without
/// `data:` a success answer is its data, bare. An API that declares nothing gets
/// `{data}` / `{data, pagination}` / `{error, code, errors}`.
///
/// ```swift
/// let body = contracts.conventions.envelope.refusal(message: "Goal not found", code: "NOT_FOUND")
/// ```
public struct EnvelopeConventions: Sendable, Equatable {
    /// The boolean member: true on success, false on a refusal; nil: no flag.
    public var flag: String?
    /// The member holding a success answer's data; nil: the data is the whole answer.
    public var data: String?
    /// The member holding a paged answer's `pagination` object.
    public var pagination: String
    /// The member holding a refusal's message.
    public var message: String
    /// The member holding a refusal's machine-readable code; nil: not written.
    public var code: String?
    /// The member holding a validation refusal's field errors (`{"body.title": "…"}`); nil: not written.
    public var fields: String?

    public init(flag: String? = nil, data: String? = "data", pagination: String = "pagination",
                message: String = "error", code: String? = "code", fields: String? = "errors") {
        self.flag = flag
        self.data = data
        self.pagination = pagination
        self.message = message
        self.code = code
        self.fields = fields
    }

    /// The success answer around `data`; with no data, only the flag (`{success: true}`), or `{}`.
    public func success(_ data: JSONValue?) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [:]
        if let flag { members[flag] = true }
        guard let data else { return .object(members) }
        guard let key = self.data else { return data }
        members[key] = data
        return .object(members)
    }

    /// A page of items with its `pagination` object.
    public func page(_ items: JSONValue, pagination: JSONValue) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [:]
        if let flag { members[flag] = true }
        members[data ?? "data"] = items
        members[self.pagination] = pagination
        return .object(members)
    }

    /// A refusal: its message, code and field errors (sorted by field, so answers are stable).
    public func refusal(message text: String, code value: String? = nil, fields errors: [String: String] = [:]) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [:]
        if let flag { members[flag] = false }
        members[message] = .string(text)
        if let code, let value { members[code] = .string(value) }
        if let fields, !errors.isEmpty {
            members[fields] = .object(OrderedDictionary(uniqueKeysWithValues: errors.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        }
        return .object(members)
    }

    /// The data of a success answer (`nil` when the body is not wrapped as declared).
    public func data(of body: JSONValue) -> JSONValue? {
        guard let key = data else { return body }
        if let flag, body[flag]?.boolValue != true { return nil }
        return body[key]
    }

    /// `(code, message)` when `body` is a refusal in this envelope.
    public func refusal(of body: JSONValue) -> (code: String?, message: String?)? {
        if let flag { guard body[flag]?.boolValue == false else { return nil } }
        guard body[message] != nil || code.flatMap({ body[$0] }) != nil else { return nil }
        return (code.flatMap { body[$0]?.stringValue }, body[message]?.stringValue)
    }

    // MARK: Schemas of the shorthands

    /// What `data: Ref` stands for.
    public func successSchema(data reference: JSONValue) -> JSONValue {
        guard let key = data else { return ["$ref": reference] }
        var properties: OrderedDictionary<String, JSONValue> = [:]
        var required: [JSONValue] = []
        if let flag { properties[flag] = ["const": true]; required.append(.string(flag)) }
        properties[key] = ["$ref": reference]
        required.append(.string(key))
        return ["type": "object", "required": .array(required), "properties": .object(properties)]
    }

    /// What `paginated: Ref` stands for, its `pagination` members named as `page` says.
    public func pageSchema(item reference: JSONValue, members names: [String: String]) -> JSONValue {
        var properties: OrderedDictionary<String, JSONValue> = [:]
        var required: [JSONValue] = []
        if let flag { properties[flag] = ["const": true]; required.append(.string(flag)) }
        properties[data ?? "data"] = ["type": "array", "items": ["$ref": reference]]
        required.append(.string(data ?? "data"))
        var pagination: OrderedDictionary<String, JSONValue> = [:]
        for (meaning, minimum) in [("page", 1), ("limit", 1), ("total", 0), ("totalPages", 0)] {
            pagination[names[meaning] ?? meaning] = ["type": "integer", "minimum": .integer(minimum)]
        }
        properties[self.pagination] = [
            "type": "object", "required": .array(pagination.keys.map(JSONValue.string)), "properties": .object(pagination),
        ]
        required.append(.string(self.pagination))
        return ["type": "object", "required": .array(required), "properties": .object(properties)]
    }
}
