import Contracts

/// Durations and sizes as flags write them: `10s`, `500ms`, `2m` (`DurationText`); `2MiB`, `512KiB`, `1000`.
public enum FlagValues {
    /// A duration as `DurationText` reads it (a unit is required), more than zero.
    public static func duration(_ text: String) -> Duration? {
        guard case .success(let duration) = DurationText.parse(text), duration > .zero else { return nil }
        return duration
    }

    public static func bytes(_ text: String) -> Int? {
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("B", 1)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            return Int(text.dropLast(unit.count)).flatMap { $0 > 0 ? $0 * scale : nil }
        }
        return Int(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
