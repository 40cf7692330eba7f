import CivilTime
import Fakes
import Foundation
import Testing

/// `rfc3339` is written by hand for speed; it must agree with Foundation's ISO 8601 formatting.
@Suite struct TimestampTests {
    @Test(arguments: [0.0, 1.9, 59.0, 86_399.0, 951_782_400.0, 1_761_058_800.5, 4_107_542_399.0, -1.0, -86_401.0, 1_709_164_799.0])
    func theHandWrittenFormatMatchesFoundation(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(date.rfc3339 == date.formatted(.iso8601))
    }
}

/// `CalendarDay.adding(months:)`, which `addMonths` and the KPI month use: the same day, clamped
/// to the end of a shorter month, across year ends in both directions.
@Suite struct CalendarMonthTests {
    @Test(arguments: [
        ("2025-01-31", 1, "2025-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2025-12-15", 1, "2026-01-15"),
        ("2025-03-31", -1, "2025-02-28"), ("2025-01-10", -1, "2024-12-10"), ("2025-05-31", -15, "2024-02-29"),
        ("2025-11-24", 0, "2025-11-24"), ("0001-01-01", 24, "0003-01-01"),
    ])
    func monthsAreAddedWithTheDayClamped(start: String, months: Int, expected: String) throws {
        let day = try #require(CalendarDay(parsing: start))
        #expect(day.adding(months: months).iso == expected)
        #expect(day.adding(months: months).isoMonth == String(expected.prefix(7)))
    }
}
