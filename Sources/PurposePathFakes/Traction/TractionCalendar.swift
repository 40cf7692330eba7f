import Contracts
import Fakes
import Foundation

/// The date arithmetic of KPI planning on plain strings (`YYYY-MM-DD` dates, `YYYY-MM` months,
/// `YYYY-Qn` quarters), in UTC, so that "today" is the server's UTC date.
enum TractionCalendar {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// `YYYY-MM-DD` of an instant (UTC).
    static func day(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return format(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// `YYYY-MM` of an instant (UTC).
    static func month(of date: Date) -> String { String(day(of: date).prefix(7)) }

    /// The parts of a `YYYY-MM-DD` date that exists in the calendar; nil otherwise.
    static func parseDay(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= daysIn(year: year, month: month)
        else { return nil }
        return (year, month, day)
    }

    /// The parts of a `YYYY-MM` month; nil otherwise.
    static func parseMonth(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        return (year, month)
    }

    static func isDay(_ text: String) -> Bool { parseDay(text) != nil }
    static func isMonth(_ text: String) -> Bool { parseMonth(text) != nil }

    /// Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier).
    static func days(from: String, to: String) -> Int? {
        guard let start = date(from), let end = date(to) else { return nil }
        return calendar.dateComponents([.day], from: start, to: end).day
    }

    /// The same day one calendar month later, clamped to the end of that month (Jan 31 → Feb 28).
    static func oneMonthLater(_ text: String) -> String? {
        guard let (year, month, day) = parseDay(text) else { return nil }
        let (nextYear, nextMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
        return format(year: nextYear, month: nextMonth, day: min(day, daysIn(year: nextYear, month: nextMonth)))
    }

    /// Every month from `first` through `last` (`YYYY-MM`), empty when `last` is earlier.
    static func months(from first: String, through last: String) -> [String] {
        guard var (year, month) = parseMonth(first), let end = parseMonth(last) else { return [] }
        var result: [String] = []
        while (year, month) <= (end.year, end.month), result.count < 12 * 200 {
            result.append(String(format: "%04d-%02d", year, month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return result
    }

    /// `YYYY-Qn` of a `YYYY-MM` month.
    static func quarter(ofMonth text: String) -> String? {
        guard let (year, month) = parseMonth(text) else { return nil }
        return String(format: "%04d-Q%d", year, (month - 1) / 3 + 1)
    }

    /// The last month (`YYYY-MM`) of a `YYYY-Qn` quarter.
    static func lastMonth(ofQuarter text: String) -> String? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), parts[1].first == "Q", let quarter = Int(parts[1].dropFirst()),
            (1...4).contains(quarter)
        else { return nil }
        return String(format: "%04d-%02d", year, quarter * 3)
    }

    private static func date(_ text: String) -> Date? {
        guard let (year, month, day) = parseDay(text) else { return nil }
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }

    private static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func format(year: Int, month: Int, day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}
