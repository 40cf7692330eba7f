import Contracts
import Foundation
import JSON

/// A latency rule's delay as text: a duration or a range (`DurationText`, the one rule for every
/// duration: a unit is required), at most ten minutes.
public enum LatencyText {
    /// A message for an unreadable delay.
    public struct Problem: Error, Sendable { public var text: String }

    public static func parse(_ text: String) -> Result<LatencyRange, Problem> {
        switch DurationText.parseRange(text) {
        case .failure(let problem): return .failure(Problem(text: problem.description))
        case .success(let (lower, upper)):
            let range = LatencyRange(milliseconds: Int(lower.wholeMilliseconds), upper.map { Int($0.wholeMilliseconds) })
            guard range.maximum <= FaultSpec.maximumDelay else { return .failure(Problem(text: "'\(text)': at most 10 minutes")) }
            return .success(range)
        }
    }
}
