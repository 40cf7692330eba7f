import Contracts
import JSON

/// One request of a script: templated values (`{{goalId}}`, `{{run.id}}`), who sends it, what it
/// expects and what it captures for later steps.
public struct ScriptStep: Sendable {
    public var call: String
    /// Names the step in reports where the endpoint alone does not (`wrong type at /title`).
    public var label: String?
    public var identity: Identity
    public var path: [String: JSONValue]
    public var query: [String: JSONValue]
    public var headers: [String: JSONValue]
    public var body: JSONValue?
    /// Nil: the endpoint's first 2xx.
    public var expect: StepExpectation?
    public var capture: [(name: String, pointer: JSONPointer)]
    /// Kept when the answer has them, never required (the id of a record a refusal should not have made).
    public var keep: [(name: String, pointer: JSONPointer)] = []
    /// A read-after-write check: its divergences are the named endpoint's fault.
    public var verifies: String?
    /// Runs only when no earlier step diverged (a second look at a root cause already reported).
    public var requiresClean: Bool
    /// Opens a stream and reads only its head (a stream endpoint that must refuse).
    public var headOnly: Bool
    /// Makes what the case works on (the case's own record): its answer's conformance is its own
    /// endpoint's cases' business, so only a failure that stops the script is reported here.
    public var incidental = false
    /// Later steps do not depend on it: a wrong status is reported and the script goes on (the
    /// negatives of one body, another tenant's attempts on one record).
    public var independent = false
    /// Runs once per element of this capture (an id or a list of ids), each as `{{each}}`.
    public var forEach: String? = nil

    public init(
        call: String, label: String? = nil, identity: Identity = .primary, path: [String: JSONValue] = [:],
        query: [String: JSONValue] = [:], headers: [String: JSONValue] = [:], body: JSONValue? = nil,
        expect: StepExpectation? = nil, capture: [(name: String, pointer: JSONPointer)] = [], verifies: String? = nil,
        requiresClean: Bool = false, headOnly: Bool = false
    ) {
        self.call = call
        self.label = label
        self.identity = identity
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.expect = expect
        self.capture = capture
        self.verifies = verifies
        self.requiresClean = requiresClean
        self.headOnly = headOnly
    }
}
