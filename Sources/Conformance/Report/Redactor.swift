/// Keeps secrets out of reports and logs: known passwords and tokens, `Bearer …` values and
/// `access_token=` / `refresh_token=` query values become `[redacted]`.
public struct Redactor: Sendable {
    public static let mask = "[redacted]"
    let secrets: [String]

    public init(secrets: some Sequence<String>) {
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    public func callAsFunction(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) { out = out.replacingOccurrences(of: secret, with: Self.mask) }
        for marker in ["Bearer ", "access_token=", "refresh_token="] { out = Self.maskValues(after: marker, in: out) }
        return out
    }

    /// Replaces what follows each `marker` up to a separator (space, `&`, quote, comma).
    static func maskValues(after marker: String, in text: String) -> String {
        guard text.contains(marker) else { return text }
        var out = ""
        var rest = text[...]
        while let range = rest.range(of: marker) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let end = rest.firstIndex { " &\"',;)".contains($0) } ?? rest.endIndex
            if rest[..<end].isEmpty || rest[..<end] == Substring(mask) { continue }
            out += mask
            rest = rest[end...]
        }
        return out + rest
    }
}

import Foundation
