import ArgumentParser
import Contracts
import Fakes
import Foundation
import MockServer
import SQLiteState

/// Durations as people write them: `90`, `10s`, `15m`, `2h`, `30d`.
/// `--access-ttl 15m`: a `DurationText` duration (a unit is required) as seconds, more than zero.
enum TimeToLive {
    static func parse(_ text: String) throws -> TimeInterval {
        switch DurationText.parse(text) {
        case .success(let duration) where duration > .zero: return duration.timeInterval
        case .success: throw ValidationError("'\(text)' must be longer than zero")
        case .failure(let problem): throw ValidationError(problem.description)
        }
    }
}
