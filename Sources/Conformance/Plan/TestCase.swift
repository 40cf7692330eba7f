import Contracts
import JSON

/// What a case checks: the documented example, an auth or validation negative, a stream, or a flow.
public enum CaseKind: String, Sendable, Codable, CaseIterable {
    case example, auth, validation, stream, flow
}

/// One HTTP request as planned: path already expanded, values already templated.
public struct PlannedRequest: Sendable {
    public enum Credentials: String, Sendable { case user, anonymous }

    public var method: HTTPMethod
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: JSONValue?
    public var credentials: Credentials

    public init(
        method: HTTPMethod, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: JSONValue? = nil, credentials: Credentials = .user
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.credentials = credentials
    }
}

/// A case of the plan: one request against one endpoint (or a whole flow), with what it expects.
public struct TestCase: Sendable {
    public var endpointID: String
    public var service: String
    public var name: String
    public var kind: CaseKind
    public var request: PlannedRequest?
    public var expectedStatus: Int
    /// Set when the case cannot run (unresolvable path parameter, no credentials, …).
    public var skipReason: String?
    /// For `.flow` cases: the flow to replay.
    public var flow: Flow?
    /// Whether the case changes state (schedules it after the reads).
    public var mutates: Bool
    /// For a `.stream` case: the request that makes the stream publish, and the event expected.
    public var trigger: (endpointID: String, request: PlannedRequest, event: String)?

    public init(
        endpointID: String, service: String, name: String, kind: CaseKind, request: PlannedRequest?,
        expectedStatus: Int, skipReason: String? = nil, flow: Flow? = nil, mutates: Bool = false
    ) {
        self.endpointID = endpointID
        self.service = service
        self.name = name
        self.kind = kind
        self.request = request
        self.expectedStatus = expectedStatus
        self.skipReason = skipReason
        self.flow = flow
        self.mutates = mutates
    }
}
