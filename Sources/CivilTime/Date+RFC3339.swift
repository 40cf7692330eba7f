import Foundation

extension Date {
    /// RFC 3339 with seconds and `Z`, as the contracts' timestamps are written (`2025-10-17T16:00:00Z`).
    /// Computed by hand from the civil calendar: it stamps every created record and health answer.
    public var rfc3339: String {
        let seconds = timeIntervalSince1970
        guard seconds.isFinite else { return formatted(.iso8601) }
        let whole = Int(seconds.rounded(.down))
        let day = CalendarDay(ordinal: Int((Double(whole) / 86_400).rounded(.down)))
        let second = whole - day.ordinal * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(day.iso)T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }
}
