import Contracts

/// The decision for one request: total delay, then the action; `applied` are the rules that fired.
public struct FaultPlan: Sendable, Equatable {
    public var delay: Duration = .zero
    public var action: FaultAction = .proceed
    public var applied: [String] = []

    public init(delay: Duration = .zero, action: FaultAction = .proceed, applied: [String] = []) {
        self.delay = delay
        self.action = action
        self.applied = applied
    }
}
