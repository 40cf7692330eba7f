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

    /// A parent record that must exist, by template of its id.
    public struct ParentReference: Sendable {
        public var collection: String
        public var id: String
    }

    /// The error answered when the behaviour refuses (wrong transition, …).
    public struct Refusal: Sendable {
        public var status: Int
        public var code: String?
        public var message: String?
    }

    /// An event published after success.
    public struct Emission: Sendable {
        public var event: String
        public var channel: String
        public var data: JSONValue?
        /// Publish only when every template (`body.type`) evaluates to its value (`decision`).
        public var when: [String: JSONValue]
        public var location: SourceLocation
        /// `channel`, `data` and `when` compiled at load.
        public var compiled = CompiledEmission()
    }

    /// An emission's templates, compiled once.
    public struct CompiledEmission: Sendable {
        public var channel: ValueTemplate = .literal(.string(""))
        public var data: ValueTemplate?
        public var when: [(condition: FakeExpression, value: JSONValue)] = []
        public init() {}
    }

    /// The `{{ }}` templates of the options, compiled at load into the expression language the
    /// views use; the raw values above stay for readers that want the literals (verify's planners).
    public struct Templates: Sendable {
        public var id: ValueTemplate?
        public var parentID: ValueTemplate?
        /// `filter`, by field, sorted.
        public var filter: [(field: String, value: ValueTemplate)] = []
        public var defaults: ValueTemplate?
        public var set: ValueTemplate?
        public var to: ValueTemplate?
        public var body: ValueTemplate?
        public init() {}
    }

    public var kind: Kind
    public var id: String?
    public var parent: ParentReference?
    public var filter: [String: String]
    public var defaults: JSONValue?
    public var set: JSONValue?
    public var field: String?
    public var from: [JSONValue]
    public var to: JSONValue?
    public var error: Refusal?
    public var status: Int?
    public var body: JSONValue?
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
