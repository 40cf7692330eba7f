/// The `uri` format: an RFC 3986 absolute URI (scheme required, fragment allowed), ASCII only.
func isAbsoluteURI(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let all = bytes[...]
    guard let colon = all.firstIndex(of: UInt8(ascii: ":")), isScheme(all[..<colon]) else { return false }
    var rest = all[(colon + 1)...]
    if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
        guard isURIText(rest[(hash + 1)...], extra: "/?") else { return false }
        rest = rest[..<hash]
    }
    if let mark = rest.firstIndex(of: UInt8(ascii: "?")) {
        guard isURIText(rest[(mark + 1)...], extra: "/?") else { return false }
        rest = rest[..<mark]
    }
    let slash = UInt8(ascii: "/")
    if rest.count >= 2, rest[rest.startIndex] == slash, rest[rest.startIndex + 1] == slash {
        let afterSlashes = rest[(rest.startIndex + 2)...]
        let end = afterSlashes.firstIndex(of: slash) ?? afterSlashes.endIndex
        guard isAuthority(afterSlashes[..<end]) else { return false }
        rest = afterSlashes[end...]
    }
    return isURIText(rest, extra: "/")
}

/// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
private func isScheme(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    guard let first = bytes.first, isASCIILetter(first) else { return false }
    return bytes.allSatisfy { isASCIILetter($0) || IPAddress.isDigit($0) || "+-.".utf8.contains($0) }
}

/// [ userinfo "@" ] host [ ":" port ]
private func isAuthority(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    var hostAndPort = bytes
    if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
        guard isURIText(bytes[..<at], extra: ":", allowAt: false) else { return false }
        hostAndPort = bytes[(at + 1)...]
    }
    var port: Slice<UnsafeBufferPointer<UInt8>>
    if hostAndPort.first == UInt8(ascii: "[") {
        guard let close = hostAndPort.firstIndex(of: UInt8(ascii: "]")) else { return false }
        let literal = hostAndPort[(hostAndPort.startIndex + 1)..<close]
        guard IPAddress.isIPv6(literal) || isIPvFuture(literal) else { return false }
        port = hostAndPort[(close + 1)...]
        if !port.isEmpty {
            guard port.first == UInt8(ascii: ":") else { return false }
            port = port.dropFirst()
        }
    } else {
        let colon = hostAndPort.firstIndex(of: UInt8(ascii: ":")) ?? hostAndPort.endIndex
        guard isURIText(hostAndPort[..<colon], extra: "", allowAt: false, allowColon: false) else { return false }
        port = colon < hostAndPort.endIndex ? hostAndPort[(colon + 1)...] : hostAndPort[colon...]
    }
    return port.allSatisfy(IPAddress.isDigit)
}

/// "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
private func isIPvFuture(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    guard bytes.first == UInt8(ascii: "v") || bytes.first == UInt8(ascii: "V"),
          let dot = bytes.firstIndex(of: UInt8(ascii: "."))
    else { return false }
    let version = bytes[(bytes.startIndex + 1)..<dot]
    let address = bytes[(dot + 1)...]
    return !version.isEmpty && version.allSatisfy { hexValue($0) != nil } && !address.isEmpty
        && address.allSatisfy { isUnreserved($0) || isSubDelimiter($0) || $0 == UInt8(ascii: ":") }
}

/// pchar sequences (unreserved, %XX, sub-delims, ":" and "@") plus the `extra` characters.
private func isURIText(
    _ bytes: Slice<UnsafeBufferPointer<UInt8>>, extra: String, allowAt: Bool = true, allowColon: Bool = true
) -> Bool {
    var index = bytes.startIndex
    while index < bytes.endIndex {
        let byte = bytes[index]
        if byte == UInt8(ascii: "%") {
            guard index + 2 < bytes.endIndex,
                  hexValue(bytes[index + 1]) != nil, hexValue(bytes[index + 2]) != nil
            else { return false }
            index += 3
            continue
        }
        let allowed = isUnreserved(byte) || isSubDelimiter(byte)
            || (allowColon && byte == UInt8(ascii: ":")) || (allowAt && byte == UInt8(ascii: "@"))
            || extra.utf8.contains(byte)
        guard allowed else { return false }
        index += 1
    }
    return true
}

func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
}

private func isUnreserved(_ byte: UInt8) -> Bool {
    isASCIILetter(byte) || IPAddress.isDigit(byte) || "-._~".utf8.contains(byte)
}

private func isSubDelimiter(_ byte: UInt8) -> Bool { "!$&'()*+,;=".utf8.contains(byte) }
