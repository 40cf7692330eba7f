/// IPv4 and IPv6 textual forms (RFC 3986 §3.2.2), for the `uri` and `email` formats.
enum IPAddress {
    /// Dotted quad with no leading zeros and each part at most 255.
    static func isIPv4(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(isDigit) else { return false }
            if part.count > 1 && part.first == UInt8(ascii: "0") { return false }
            let value = part.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard value <= 255 else { return false }
        }
        return true
    }

    /// Eight groups of 1–4 hex digits, one `::` for a run of zero groups, an IPv4 tail allowed.
    static func isIPv6(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let colon = UInt8(ascii: ":")
        var doubleColon: Int?
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == colon && bytes[index + 1] == colon {
                guard doubleColon == nil else { return false }
                doubleColon = index
                index += 2
            } else {
                index += 1
            }
        }
        func groups(_ part: Slice<UnsafeBufferPointer<UInt8>>, allowIPv4Tail: Bool) -> Int? {
            if part.isEmpty { return 0 }
            let pieces = part.split(separator: colon, omittingEmptySubsequences: false)
            var count = 0
            for (offset, piece) in pieces.enumerated() {
                if allowIPv4Tail, offset == pieces.count - 1, piece.contains(UInt8(ascii: ".")) {
                    guard isIPv4(piece) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy({ hexValue($0) != nil }) else { return nil }
                    count += 1
                }
            }
            return count
        }
        guard let split = doubleColon else {
            return groups(bytes, allowIPv4Tail: true) == 8
        }
        let head = bytes[bytes.startIndex..<split]
        let tail = bytes[(split + 2)...]
        guard let headCount = groups(head, allowIPv4Tail: false),
              let tailCount = groups(tail, allowIPv4Tail: true)
        else { return false }
        return headCount + tailCount <= 7
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
