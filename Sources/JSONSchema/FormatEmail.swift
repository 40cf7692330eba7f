/// The `email` format: RFC 5321 mailbox — dot-atom or quoted local part, hostname or address-literal domain.
func isEmail(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let all = bytes[...]
    guard let localEnd = localPartEnd(all), localEnd < all.endIndex, all[localEnd] == UInt8(ascii: "@") else {
        return false
    }
    let domain = all[(localEnd + 1)...]
    if domain.first == UInt8(ascii: "[") {
        guard domain.last == UInt8(ascii: "]"), domain.count > 2 else { return false }
        let literal = domain.dropFirst().dropLast()
        let prefix = "IPv6:".utf8
        if literal.starts(with: prefix) { return IPAddress.isIPv6(literal.dropFirst(prefix.count)) }
        return IPAddress.isIPv4(literal)
    }
    return isHostname(domain)
}

/// Where the local part ends (the index of the `@` it must be followed by), or nil when malformed.
private func localPartEnd(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
    var index = bytes.startIndex
    if bytes.first == UInt8(ascii: "\"") {
        index += 1
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return index + 1 }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.endIndex, (0x20...0x7E).contains(bytes[index + 1]) else { return nil }
                index += 2
                continue
            }
            guard (0x20...0x7E).contains(byte) else { return nil }
            index += 1
        }
        return nil
    }
    var previousWasDot = true  // a leading dot is as bad as a double one
    while index < bytes.endIndex, bytes[index] != UInt8(ascii: "@") {
        let byte = bytes[index]
        if byte == UInt8(ascii: ".") {
            guard !previousWasDot else { return nil }
            previousWasDot = true
        } else {
            guard isASCIILetter(byte) || IPAddress.isDigit(byte) || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte) else {
                return nil
            }
            previousWasDot = false
        }
        index += 1
    }
    return previousWasDot ? nil : index
}

/// Dot-separated labels of letters, digits and inner hyphens, each 1–63 long, 253 in all.
private func isHostname(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    guard !bytes.isEmpty, bytes.count <= 253 else { return false }
    var labelStart = bytes.startIndex
    var index = bytes.startIndex
    while true {
        if index == bytes.endIndex || bytes[index] == UInt8(ascii: ".") {
            let label = bytes[labelStart..<index]
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ isASCIILetter($0) || IPAddress.isDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
            if index == bytes.endIndex { return true }
            labelStart = index + 1
        }
        index += 1
    }
}
