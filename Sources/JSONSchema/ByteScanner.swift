import CivilTime

/// A cursor over bytes for the small grammars of the formats.
struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == bytes.count }

    /// Exactly `count` ASCII digits as a number.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    /// Consumes `byte` (either case when `caseless`) if it is next.
    mutating func take(_ byte: UInt8, caseless: Bool = false) -> Bool {
        guard index < bytes.count else { return false }
        let next = bytes[index]
        guard next == byte || (caseless && next | 0x20 == byte | 0x20) else { return false }
        index += 1
        return true
    }

    /// RFC 3339 full-date with real calendar days.
    mutating func scanDate() -> Bool {
        guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2), take(UInt8(ascii: "-")),
              let day = digits(2), (1...12).contains(month)
        else { return false }
        return day >= 1 && day <= CalendarDay.daysIn(month: month, year: year)
    }

    /// RFC 3339 date-time; a leap second (:60) only at 23:59 UTC.
    mutating func scanDateTime() -> Bool {
        guard scanDate(), take(UInt8(ascii: "t"), caseless: true),
              let hour = digits(2), take(UInt8(ascii: ":")), let minute = digits(2), take(UInt8(ascii: ":")),
              let second = digits(2), hour <= 23, minute <= 59, second <= 60
        else { return false }
        if take(UInt8(ascii: ".")) {
            guard digits(1) != nil else { return false }
            while digits(1) != nil {}
        }
        var offsetMinutes = 0
        if !take(UInt8(ascii: "z"), caseless: true) {
            let sign: Int
            if take(UInt8(ascii: "+")) { sign = 1 } else if take(UInt8(ascii: "-")) { sign = -1 } else { return false }
            guard let offsetHour = digits(2), take(UInt8(ascii: ":")), let offsetMinute = digits(2),
                  offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }
}
