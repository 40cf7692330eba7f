import Foundation

/// Instants of the contracts' `date` and `date-time` strings, so filters and orderings compare
/// moments rather than spellings (`2025-10-31` against `2025-10-31T00:00:00.000Z`).
public enum RecordInstant {
    /// A bare `YYYY-MM-DD` (the start of that UTC day, or its last millisecond with `endOfDay`)
    /// or an RFC 3339 timestamp; nil for anything else.
    public static func parse(_ text: String, endOfDay: Bool = false) -> Date? {
        guard let day = CalendarDay(parsing: text) else { return nil }
        let midnight = Double(day.ordinal) * 86_400
        if text.utf8.count == 10 {
            return Date(timeIntervalSince1970: endOfDay ? midnight + 86_400 - 0.001 : midnight)
        }
        guard let offset = timeOfDay(Array(text.utf8.dropFirst(10))) else { return nil }
        return Date(timeIntervalSince1970: midnight + offset)
    }

    /// True for a bare `YYYY-MM-DD` date.
    public static func isBareDate(_ text: String) -> Bool { text.utf8.count == 10 && CalendarDay(parsing: text) != nil }

    /// Seconds since midnight UTC of `THH:MM:SS[.fff](Z|±HH:MM)`; nil when malformed.
    private static func timeOfDay(_ bytes: [UInt8]) -> Double? {
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte) - 48
            }
            index += count
            return value
        }
        func expect(_ options: String) -> Bool {
            guard index < bytes.count, options.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard expect("Tt "), let hour = digits(2), expect(":"), let minute = digits(2), expect(":"), let second = digits(2),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var seconds = Double(hour * 3600 + minute * 60 + second)
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                seconds += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        if expect("Zz") { return index == bytes.count ? seconds : nil }
        guard index < bytes.count else { return nil }
        let sign: Double = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        guard expect("+-"), let offsetHours = digits(2), expect(":"), let offsetMinutes = digits(2), index == bytes.count else {
            return nil
        }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }
}
