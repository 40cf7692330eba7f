import Contracts

/// What happens to the request after any delay.
public enum FaultAction: Sendable, Equatable {
    /// Serve it as usual.
    case proceed
    case fail(status: Int, retryAfter: Int?, rule: String)
    case drop(rule: String)
    case notReady(rule: String)
}
