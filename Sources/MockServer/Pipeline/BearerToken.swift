import Foundation
import Contracts

/// The token of an `Authorization: Bearer …` value.
enum BearerToken {
    /// The token after `scheme` (case-insensitive) and a space, spaces trimmed, without a
    /// Foundation round trip: this runs on every protected request. Nil when the scheme differs
    /// or no token follows.
    ///
    /// ```swift
    /// BearerToken.parse("bearer   abc.def  ")   // "abc.def"
    /// ```
    static func parse(_ value: String, scheme: String = "Bearer") -> String? {
        // No scheme declared (an API key header): the whole value is the token.
        if scheme.isEmpty {
            let token = value.trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        let utf8 = value.utf8
        let prefix = scheme.utf8.count + 1
        guard utf8.count > prefix else { return nil }
        guard zip(utf8, scheme.utf8).allSatisfy({ $0 | 0x20 == $1 | 0x20 }),
            utf8[utf8.index(utf8.startIndex, offsetBy: prefix - 1)] == UInt8(ascii: " ")
        else { return nil }
        let token = value.utf8.dropFirst(prefix).drop { $0 == UInt8(ascii: " ") }
        var end = token.endIndex
        while end > token.startIndex, value.utf8[value.utf8.index(before: end)] == UInt8(ascii: " ") { end = value.utf8.index(before: end) }
        return String(value[token.startIndex..<end])
    }
}

extension Conventions {
    /// The access token of the credentials header, as services.yaml's `credentials` names it.
    func bearer(in headers: [String: String]) -> String? {
        headers[credentials.headerKey].flatMap { BearerToken.parse($0, scheme: credentials.scheme) }
    }

    /// The tenant header's value, as services.yaml's `tenancy` names it.
    func tenant(in headers: [String: String]) -> String? {
        tenancy.flatMap { headers[$0.headerKey] }
    }
}
