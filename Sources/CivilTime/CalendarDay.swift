import Foundation

/// A Gregorian calendar day counted from 1970-01-01: dates added, compared and written without
/// time zones or Foundation's `Calendar`. The one home of the project's calendar arithmetic —
/// JSON Schema's `date` format, the expression language's dates, the builtins' schedules.
public struct CalendarDay: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01.
    public var ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The UTC day of an instant ("today").
    public init(utc date: Date) {
        let seconds = date.timeIntervalSince1970
        ordinal = seconds.isFinite ? Int((seconds / 86_400).rounded(.down)) : 0
    }

    /// The day written in the first 10 characters of a text as `YYYY-MM-DD`; nil when they are not a valid date.
    public init?(parsing text: String) {
        let scalars = Array(text.unicodeScalars.prefix(10))
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-" else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard ("0"..."9").contains(scalars[index]) else { return nil }
                value = value * 10 + Int(scalars[index].value) - 48
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            year >= 1, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        ordinal = Self.ordinal(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (year, month, day) = components
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(ordinal: ordinal + days) }

    /// The same day `months` calendar months later (or earlier), clamped to the end of that month
    /// (Jan 31 + 1 → Feb 28 or 29).
    public func adding(months: Int) -> CalendarDay {
        let (year, month, day) = components
        let total = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (Int((Double(total) / 12).rounded(.down)), ((total % 12) + 12) % 12 + 1)
        return CalendarDay(ordinal: Self.ordinal(year: newYear, month: newMonth, day: min(day, Self.daysIn(month: newMonth, year: newYear))))
    }

    /// `YYYY-MM`.
    public var isoMonth: String { String(iso.prefix(7)) }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.ordinal < rhs.ordinal }

    // MARK: - Civil calendar arithmetic (H. Hinnant's days-from-civil algorithms)

    /// How many days `month` (1–12) of `year` has, leap years included.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private var components: (Int, Int, Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
