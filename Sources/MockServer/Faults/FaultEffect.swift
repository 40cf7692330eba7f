import Contracts
import JSON

/// What a rule does to a request it applies to.
public enum FaultEffect: Sendable, Equatable {
    /// Wait before answering (the answer itself is unchanged unless another rule fails it).
    case latency(LatencyRange)
    /// Answer with this status in the error envelope; `Retry-After: retryAfter` seconds when set.
    case fail(status: Int, retryAfter: Int?)
    /// End the connection without a complete response.
    case drop
    /// `GET /health/ready` answers 503 with the contract's documented body.
    case notReady

    /// The `effect` key of the admin API.
    public var name: String {
        switch self {
        case .latency: "latency"
        case .fail: "fail"
        case .drop: "drop"
        case .notReady: "notReady"
        }
    }
}
