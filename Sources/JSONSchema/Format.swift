import CivilTime
/// The `format` values asserted when `SchemaOptions.assertFormats` is on; other names are annotations.
///
/// Checks run over the UTF-8 bytes of the string, so only ASCII digits count and nothing is allocated.
enum Format: String, Sendable {
    case dateTime = "date-time"
    case date
    case email
    case uuid
    case uri

    func matches(_ text: String) -> Bool {
        withUTF8(text) { bytes in
            var scanner = ByteScanner(bytes: bytes)
            switch self {
            case .dateTime: return scanner.scanDateTime() && scanner.atEnd
            case .date: return scanner.scanDate() && scanner.atEnd
            case .email: return isEmail(bytes)
            case .uuid: return isUUID(bytes)
            case .uri: return isAbsoluteURI(bytes)
            }
        }
    }

    /// What the message says the value should look like.
    var expectation: String {
        switch self {
        case .dateTime: "a valid date-time (RFC 3339, e.g. 2024-01-31T09:30:00Z)"
        case .date: "a valid date (YYYY-MM-DD)"
        case .email: "a valid email address"
        case .uuid: "a valid UUID"
        case .uri: "a valid absolute URI"
        }
    }

    private func isUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if hexValue(byte) == nil {
                return false
            }
        }
        return true
    }
}

/// Runs `body` over the string's contiguous UTF-8 (no copy for native strings).
func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    var text = text
    return text.withUTF8(body)
}

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
