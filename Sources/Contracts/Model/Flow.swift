import JSON

/// A multi-step scenario the conformance runner replays (create → read → update → delete …).
public struct Flow: Sendable {
    public var id: String
    public var summary: String
    public var steps: [FlowStep]
    /// Steps that always run at the end, even after a failure.
    public var cleanup: [FlowStep]
    public var location: SourceLocation
}

/// One call of a flow, with what it expects and what it captures for later steps.
public struct FlowStep: Sendable {
    public enum Credentials: String, Sendable { case user, anonymous }

    public var call: String
    public var path: [String: JSONValue]
    public var query: [String: JSONValue]
    public var headers: [String: JSONValue]
    public var body: JSONValue?
    public var credentials: Credentials
    public var expectedStatus: Int?
    /// JSON pointer in the response body → expected value.
    public var expectedBody: [(pointer: JSONPointer, value: JSONValue)]
    /// Capture name → JSON pointer in the response body.
    public var capture: [(name: String, pointer: JSONPointer)]
    /// A read-after-write check: this step's divergences are the named (earlier) endpoint's fault —
    /// `getGoal` still showing the old title means `updateGoal` did not persist.
    public var verifies: String?
    public var location: SourceLocation
}
