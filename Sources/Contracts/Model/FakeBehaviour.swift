import JSON

/// What `serve` does for an endpoint once auth and validation passed: one kind plus options.
public struct FakeBehaviour: Sendable {
    public enum Kind: Sendable, Equatable {
        case list(collection: String)
        case get(collection: String)
        case create(collection: String)
        case update(collection: String)
        case delete(collection: String)
        case transition(collection: String)
        case merge(collection: String)
        /// Answer this status's example, templated.
        case respond(status: Int)
        /// A behaviour implemented in code, by name (see `BuiltinCatalog`).
        case builtin(name: String)
        /// A declarative read (`FakeBehaviour.view`), of a collection when `from` names one.
        case view(from: String?)
        /// A declarative write (`FakeBehaviour.write`): steps in one transaction, then an answer.
        case write
        /// A server-sent-event stream of the endpoint's `channel` (`FakeBehaviour.stream`).
        case stream

        public var collection: String? {
            switch self {
            case .list(let c), .get(let c), .create(let c), .update(let c), .delete(let c),
                .transition(let c), .merge(let c): c
            case .view(let from): from
            case .respond, .builtin, .write, .stream: nil
            }
        }
    }

    /// A parent record that must exist, by the compiled template of its id.
    public struct ParentReference: Sendable {
        public var collection: String
        public var id: ValueTemplate
    }

    /// The error answered when the behaviour refuses (wrong transition, …).
    public struct Refusal: Sendable {
        public var status: Int
        public var code: String?
        public var message: String?
    }

    /// An event published after success; its templates compiled at load.
    public struct Emission: Sendable {
        public var event: String
        public var channel: ValueTemplate
        /// The event's data; nil: the record the behaviour produced.
        public var data: ValueTemplate?
        /// Publish only when every condition (`body.type`) evaluates to its value (`decision`).
        public var when: [(condition: FakeExpression, value: JSONValue)]
        public var location: SourceLocation
    }

    /// The `{{ }}` templates of the options, compiled at load into the expression language the
    /// views use. `defaults`, `set` and `to` are also kept as written (`FakeBehaviour.defaults`,
    /// …), for verify's planners and the transition table, which read their literals.
    public struct Templates: Sendable {
        public var id: ValueTemplate?
        /// `filter`, by field, sorted.
        public var filter: [(field: String, value: ValueTemplate)] = []
        public var defaults: ValueTemplate?
        public var set: ValueTemplate?
        public var to: ValueTemplate?
        public var body: ValueTemplate?
        public init() {}
    }

    public var kind: Kind
    public var parent: ParentReference?
    public var defaults: JSONValue?
    public var set: JSONValue?
    public var field: String?
    public var from: [JSONValue]
    public var to: JSONValue?
    public var error: Refusal?
    public var status: Int?
    public var emit: [Emission]
    public var options: JSONValue?
    /// `match`: how get, update, delete and transition find their record when the path does not
    /// name its id — a condition on the record and the request (`kpiId == body.kpiId`).
    public var match: FakeExpression?
    /// The compiled view of a `view` fake.
    public var view: FakeView?
    /// The compiled steps of a `write` fake.
    public var write: FakeWrite?
    /// The checks and resume point of a `stream` fake.
    public var stream: FakeStream?
    public var location: SourceLocation
    /// The options' templates, compiled.
    public var templates = Templates()
}
