import Foundation

/// Durations as people write them, one rule everywhere (flags, fault specs): a number and a unit —
/// `ms`, `s`, `m`, `h`, `d` — such as `500ms`, `1.5s`, `15m`, `30d`; a range `100-500ms` shares its
/// unit. A bare number is refused with the reason (is `200` seconds or milliseconds?), never guessed.
///
/// ```swift
/// DurationText.parse("1.5s")           // .success(.milliseconds(1500))
/// DurationText.parseRange("100-500ms") // .success((.milliseconds(100), .milliseconds(500)))
/// DurationText.parse("200")            // .failure: "'200' needs a unit: write e.g. 200ms or 200s"
/// ```
public enum DurationText {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    static let units: [(suffix: String, milliseconds: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]

    /// One duration, at least zero.
    public static func parse(_ text: String) -> Result<Duration, Problem> {
        parseRange(text).flatMap { range in
            range.upper == nil ? .success(range.lower) : .failure(Problem(description: "'\(text)' is a range; give one duration"))
        }
    }

    /// A duration, or a range `low-high` whose one unit stands at its end.
    public static func parseRange(_ text: String) -> Result<(lower: Duration, upper: Duration?), Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = units.first(where: { trimmed.hasSuffix($0.suffix) && Double(trimmed.dropLast($0.suffix.count).split(separator: "-").last ?? "") != nil }) else {
            if Double(trimmed) != nil { return .failure(Problem(description: "'\(text)' needs a unit: write e.g. \(trimmed)ms or \(trimmed)s")) }
            return .failure(Problem(description: "'\(text)' is not a duration; write e.g. 500ms, 1.5s, 15m, 2h or 30d"))
        }
        let bounds = trimmed.dropLast(unit.suffix.count).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard bounds.allSatisfy({ $0 != nil && $0! >= 0 && $0!.isFinite }) else {
            return .failure(Problem(description: "'\(text)' is not a duration; write e.g. 500ms, 1.5s, 15m, 2h or 30d"))
        }
        let values = bounds.map { Duration.milliseconds(Int64(($0! * unit.milliseconds).rounded())) }
        if values.count > 1, values[0] > values[1] { return .failure(Problem(description: "'\(text)': the range must go from low to high")) }
        return .success((values[0], values.count > 1 ? values[1] : nil))
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    public var wholeMilliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
    /// Whole nanoseconds, rounded down (what NIO's `TimeAmount.nanoseconds` takes).
    public var wholeNanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
    /// Seconds as a `TimeInterval`.
    public var timeInterval: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
