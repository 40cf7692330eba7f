import Contracts
import JSON

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
