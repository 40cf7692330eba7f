import Contracts
import JSON

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
