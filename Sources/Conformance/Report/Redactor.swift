import Contracts

/// Keeps secrets out of reports and logs: known passwords and tokens, and whatever follows the
/// credential scheme (`Bearer …`) and the token query parameters services.yaml declares
/// (`access_token=`, `refresh_token=`) become `[redacted]`.
public struct Redactor: Sendable {
    public static let mask = "[redacted]"
    let secrets: [String]
    let markers: [String]

    public init(secrets: some Sequence<String>, conventions: Conventions = Conventions()) {
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
        let credentials = conventions.credentials
        let parameters = [credentials.query] + (conventions.sessions?.tokenParameters ?? [])
        let header = credentials.scheme.isEmpty ? "\(credentials.header): " : "\(credentials.scheme) "
        markers = [header] + Set(parameters).sorted().map { "\($0)=" }
    }

    public func callAsFunction(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) { out = out.replacingOccurrences(of: secret, with: Self.mask) }
        for marker in markers { out = Self.maskValues(after: marker, in: out) }
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
