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
