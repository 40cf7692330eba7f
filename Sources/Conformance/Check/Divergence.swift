/// One way a deployment's answer differs from the contract: what `verify` reports.
public struct Divergence: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The status differs from the expected one (or is not documented at all).
        case status
        /// The Content-Type is not the documented one.
        case contentType = "content-type"
        /// A documented required response header is missing.
        case header
        /// The body does not match the schema of its status (one per validation error).
        case schema
        /// The body is not JSON where JSON was documented.
        case json
        /// An HTML page where JSON was documented (a proxy or framework error page).
        case html
        /// The body exceeded the runner's cap and was not read whole.
        case bodyTooLarge = "body-too-large"
        /// No answer within the timeout.
        case timeout
        /// Connection refused, reset or otherwise failed.
        case connection
        /// A flow's `expect.body` value differs, or a capture is missing.
        case expectation
        /// A stream did not send what it promises: the event its trigger should cause, a declared
        /// event name, an `id:`, increasing ids, the replay after `Last-Event-ID`, a heartbeat.
        case event
        /// Another tenant's value (an id, a marker) appears in an answer.
        case leak
        /// `proxy`: the client's request breaks the contract (a body, query or header it forbids).
        case request
        /// `proxy`: a request that matched no contract route.
        case unmatched
    }

    public var endpointID: String
    public var caseName: String
    public var kind: Kind
    /// A JSON pointer into the response body, when the divergence is about one value.
    public var pointer: String?
    public var expected: String?
    public var actual: String?
    public var message: String
    /// Accepted by the run's baseline: reported, but does not fail the run.
    public var known = false

    public init(endpointID: String, caseName: String, kind: Kind, pointer: String? = nil, expected: String? = nil, actual: String? = nil, message: String) {
        self.endpointID = endpointID
        self.caseName = caseName
        self.kind = kind
        self.pointer = pointer
        self.expected = expected
        self.actual = actual
        self.message = message
    }
}

extension Divergence {
    /// `kind at /pointer: message (expected X, got Y)` — the one line every report shows.
    public var line: String {
        let at = pointer.map { " at \($0)" } ?? ""
        let versus = expected.map { " (expected \($0), got \(actual ?? "?"))" } ?? ""
        return "\(kind.rawValue)\(at): \(message)\(versus)"
    }
}
