import JSON

/// A declarative write (`fake: { write: … }`): steps run in order against the caller's records
/// in one transaction — bind values, check them, create, update and delete records, publish
/// events — then one answer rendered from what the steps bound. A refusing step leaves the
/// records as they were.
///
/// ```yaml
/// fake:
///   write:
///     steps:
///       - let: issue
///         value: "first(@issues[id == path.issueId])"
///       - require: "$issue != null"
///         status: 404
///         message: Issue not found
///       - create: actions
///         each: body.actions
///         value: "{{merge($item, {issueId: path.issueId})}}"
///         as: created
///       - emit: action.created
///         each: $created
///         channel: "tenant:{{tenant.id}}"
///     answer: "{{$created.id}}"
/// ```
public struct FakeWrite: Sendable {
    public enum Action: Sendable {
        /// `let: name` / `value: expression`.
        case bind(name: String, value: FakeExpression)
        /// `require: condition`: when it does not hold, the write refuses (a `field` makes the
        /// refusal a field error of the validation envelope).
        case require(FakeExpression, Refusal)
        /// `create: collection` / `value:` the record's members (the id and the timestamps the value
        /// leaves out are added).
        case create(collection: String, value: ValueTemplate)
        /// `update: collection` / `where:` which records / `set:` members laid over each one /
        /// `unset:` members removed.
        case update(collection: String, condition: FakeExpression, set: ValueTemplate, unset: [String])
        /// `delete: collection` / `where:` which records (their children go too).
        case delete(collection: String, condition: FakeExpression)
        /// `emit: event` / `channel:` / `data:` (the step's `$item`, else null, by default).
        case emit(event: String, channel: ValueTemplate, data: ValueTemplate?)
    }

    public struct Refusal: Sendable {
        public var status: Int
        public var code: String?
        /// The error text, which may hold placeholders (`{{$open}} open actions`).
        public var message: ValueTemplate
        /// The field the error names, which may hold placeholders (`items.{{$index}}.id`).
        public var field: ValueTemplate?
        /// The envelope's error text when field errors are reported (default `Validation failed`).
        public var summary: ValueTemplate?
    }

    public struct Step: Sendable {
        public var action: Action
        /// The step runs only when this holds.
        public var when: FakeExpression?
        /// The step runs once per item of this list, `$item` (and `$index`) bound to it.
        public var each: FakeExpression?
        /// The name the step's records are bound to: one record, or a list with `each` or for
        /// `update` and `delete`.
        public var binding: String?
        public var location: SourceLocation
    }

    /// `tenant:`: whose records the steps change, when not the caller's — a webhook names the
    /// tenant in its body. A tenant that does not exist has no records: steps that read find
    /// nothing, and a step that writes refuses with 403.
    public var tenant: FakeExpression?
    public var steps: [Step]
    /// The answer's data; `{success: true}` alone when absent.
    public var answer: ValueTemplate?
    /// `{success: true, data: …}` around the answer (default), or the answer as it is.
    public var envelope: Bool
    public var location: SourceLocation
}
