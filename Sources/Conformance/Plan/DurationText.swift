/// Durations and sizes as flags write them: `10s`, `500ms`, `2m`; `2MiB`, `512KiB`, `1000`.
public enum FlagValues {
    public static func duration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            guard let value = Double(text.dropLast(unit.count)), value > 0 else { return nil }
            return .milliseconds(Int64(value * scale * 1000))
        }
        return Double(text).flatMap { $0 > 0 ? .milliseconds(Int64($0 * 1000)) : nil }
    }

    public static func bytes(_ text: String) -> Int? {
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("B", 1)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            return Int(text.dropLast(unit.count)).flatMap { $0 > 0 ? $0 * scale : nil }
        }
        return Int(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
