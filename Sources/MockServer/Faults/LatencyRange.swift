import Contracts
import JSON

/// A delay in milliseconds, fixed (`200ms`) or drawn uniformly from a range (`100-500ms`).
public struct LatencyRange: Sendable, Equatable, CustomStringConvertible {
    public var minimum: Int
    public var maximum: Int

    public init(milliseconds minimum: Int, _ maximum: Int? = nil) {
        self.minimum = minimum
        self.maximum = maximum ?? minimum
    }

    public var description: String { minimum == maximum ? "\(minimum)ms" : "\(minimum)-\(maximum)ms" }
}
