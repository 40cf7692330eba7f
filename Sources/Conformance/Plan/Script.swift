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
