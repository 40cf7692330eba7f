import Contracts
import JSON

/// The family of release bugs a case looks for; every report groups and counts by it.
public enum CaseKind: String, Sendable, Codable, CaseIterable {
    /// The documented example request, on records the runner made itself where it changes state.
    case example
    /// No credentials → 401.
    case auth
    /// Requests the schema forbids (wrong type, out of enum, too long, unknown member, …) → 400/422, nothing changed.
    case validation
    /// Streams: content type, declared event names, valid data, increasing ids, replay, heartbeats.
    case stream
    /// The contract's flows.
    case flow
    /// Another tenant's records and tenant ids: never visible, never changed.
    case isolation
    /// A well-formed id that does not exist → the documented 404.
    case notFound = "not-found"
    /// A transition the contract forbids → the documented refusal; the allowed path walked.
    case lifecycle
    /// Refresh rotation, logout revocation, forged, expired and malformed tokens → 401.
    case token
}

/// One HTTP request as planned: path already expanded, values already templated.
public struct PlannedRequest: Sendable {
    public var method: HTTPMethod
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: JSONValue?
    public var identity: Identity

    public init(
        method: HTTPMethod, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: JSONValue? = nil, identity: Identity = .primary
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.identity = identity
    }
}

/// A case of the plan: one request against one endpoint, or a script of several, with what it expects.
public struct TestCase: Sendable {
    public var endpointID: String
    public var service: String
    public var name: String
    public var kind: CaseKind
    public var request: PlannedRequest?
    public var expectedStatus: Int
    /// Set when the case cannot run (unresolvable path parameter, no credentials, …).
    public var skipReason: String?
    /// For cases of several requests (flows, isolation, lifecycle, …).
    public var script: Script?
    /// The script signs in a session of its own (a flow that signs out must not end the runner's).
    public var ownSession: Bool
    /// Whether the case changes state (schedules it after the reads).
    public var mutates: Bool
    /// For a `.stream` case: the request that makes the stream publish, and the event expected.
    public var trigger: (endpointID: String, request: PlannedRequest, event: String)?
    /// For a `.stream` case: the promise checked (ids, replay, heartbeat).
    public var promise: StreamPromise?
    /// Only the head of the answer is read (a stream that must refuse).
    public var headOnly: Bool
    /// For a `.stream` case: the records it works on, made before and removed after (`script` stays nil),
    /// and its path values and its trigger's, templated over what those steps captured.
    public var around: Script?
    public var pathValues: [String: JSONValue] = [:]
    public var triggerPathValues: [String: JSONValue] = [:]

    public init(
        endpointID: String, service: String, name: String, kind: CaseKind, request: PlannedRequest?,
        expectedStatus: Int, skipReason: String? = nil, script: Script? = nil, mutates: Bool = false
    ) {
        self.endpointID = endpointID
        self.service = service
        self.name = name
        self.kind = kind
        self.request = request
        self.expectedStatus = expectedStatus
        self.skipReason = skipReason
        self.script = script
        self.ownSession = false
        self.mutates = mutates
        self.promise = nil
        self.headOnly = false
    }
}
