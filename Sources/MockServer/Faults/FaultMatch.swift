import Contracts
import JSON

/// Which routed requests a rule applies to.
public enum FaultMatch: Sendable, Equatable {
    case all
    /// The contract's endpoint id, e.g. `listGoals`.
    case endpoint(String)
    /// A glob over the service-relative path (or the endpoint's path template).
    case path(PathGlob)
}
