import Foundation
import JSON
import OrderedCollections

/// What the dashboard must not show in full: credentials in headers, query strings and bodies.
/// Tokens keep their first characters (to tell two apart), passwords and secrets nothing.
enum Redaction {
    static let secretHeaders: Set<String> = ["authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key"]
    /// Body members and query parameters whose values are credentials, by lowercased name part.
    static let secretWords = ["token", "password", "secret", "apikey", "api_key", "authorization"]
    /// Bodies longer than this are shown cut.
    static let bodyLimit = 64 << 10

    static func headers(_ fields: [(String, String)]) -> JSONValue {
        .array(fields.map { name, value in
            [.string(name), .string(secretHeaders.contains(name.lowercased()) ? mask(value) : value)]
        })
    }

    static func query(_ query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, isSecret(parts[0]) else { return String(pair) }
            return parts[0] + "=" + mask(parts[1])
        }.joined(separator: "&")
    }

    /// The body as text: JSON with its secret members masked, other text as it is, binary as a size.
    static func body(_ bytes: [UInt8]) -> JSONValue {
        if bytes.isEmpty { return .string("") }
        if let json = try? JSONParser.parse(bytes) { return .string(masked(json).jsonString(pretty: true)) }
        let shown = bytes.count > bodyLimit ? Array(bytes.prefix(bodyLimit)) : bytes
        guard let text = String(validating: shown, as: UTF8.self) else { return .string("(\(bytes.count) bytes of binary data)") }
        return .string(bytes.count > bodyLimit ? text + "\n… (\(bytes.count) bytes in all)" : text)
    }

    static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var out = OrderedDictionary<String, JSONValue>()
            for (key, member) in members {
                if isSecret(key), let text = member.stringValue { out[key] = .string(mask(text)) } else { out[key] = masked(member) }
            }
            return .object(out)
        case .array(let items): return .array(items.map(masked))
        default: return value
        }
    }

    static func isSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretWords.contains { lowered.contains($0) }
    }

    /// `Bearer eyJhbGciOi…` (the scheme and 10 characters kept), or `…` for short values.
    static func mask(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1)
        if parts.count == 2 { return "\(parts[0]) \(mask(String(parts[1])))" }
        return value.count > 16 ? String(value.prefix(10)) + "…(redacted)" : "…(redacted)"
    }
}
