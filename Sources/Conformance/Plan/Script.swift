import Contracts
import JSON

/// Who sends a request of a case: the runner's session, the second identity's (another tenant),
/// nobody, or the runner's token altered on purpose.
public enum Identity: Sendable, Equatable {
    /// The runner's session; a 401 refreshes it once and retries.
    case primary
    /// The second identity's session (`--second-email`, or the scenario's other tenant).
    case second
    /// No credentials at all.
    case anonymous
    /// The runner's token with the tenant replaced: the second identity's tenant, or none.
    case tenant(TenantVariant)
    /// The runner's token, altered (`alg: none`, a flipped signature, …).
    case forged(TokenForgery)
    /// An access token captured by an earlier step of the same script (`{{name}}`), with the runner's tenant.
    case captured(String)

    public enum TenantVariant: String, Sendable { case foreign, missing }

    /// Whether a 401 may refresh and retry (only the runner's own sessions).
    var refreshes: Bool { self == .primary || self == .second }
}

/// What a step (or a single-request case) must see.
public struct StepExpectation: Sendable {
    /// Any of these statuses is right; the first is the one reports name.
    public var statuses: [Int]
    /// JSON pointer → expected value (templated with the script's captures).
    public var body: [(pointer: JSONPointer, value: JSONValue)]
    /// Templates whose values must appear nowhere in the answer (another tenant's id, a marker).
    public var absent: [JSONValue]

    public init(statuses: [Int], body: [(pointer: JSONPointer, value: JSONValue)] = [], absent: [JSONValue] = []) {
        self.statuses = statuses
        self.body = body
        self.absent = absent
    }
}

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

/// Steps run in order, then cleanup steps that always run (a 404 there is fine: the record is gone;
/// like incidental steps, a cleanup reports only a failure that leaves something behind).
/// A divergence that leaves later steps what they need is recorded and the script goes on; a step
/// whose status is in the wrong class, or whose captures are missing, stops it, and each later step
/// is reported as not reached.
public struct Script: Sendable {
    public var steps: [ScriptStep]
    public var cleanup: [ScriptStep]
    /// What the run leaves in the target on purpose, for the report (`a registered account …`).
    public var leavesBehind: [String]

    public init(steps: [ScriptStep], cleanup: [ScriptStep] = [], leavesBehind: [String] = []) {
        self.steps = steps
        self.cleanup = cleanup
        self.leavesBehind = leavesBehind
    }
}

extension Script {
    /// A contract flow as a script: its steps, the runner's own session, its cleanup.
    public init(_ flow: Flow) {
        func convert(_ step: FlowStep) -> ScriptStep {
            ScriptStep(
                call: step.call, identity: step.credentials == .anonymous ? .anonymous : .primary, path: step.path,
                query: step.query, headers: step.headers, body: step.body,
                expect: step.expectedStatus.map { StepExpectation(statuses: [$0], body: step.expectedBody) }
                    ?? (step.expectedBody.isEmpty ? nil : StepExpectation(statuses: [], body: step.expectedBody)),
                capture: step.capture, verifies: step.verifies)
        }
        self.init(steps: flow.steps.map(convert), cleanup: flow.cleanup.map(convert))
    }
}
