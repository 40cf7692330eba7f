import Foundation
import JSON

/// The claims of a JWT read without checking its signature: which user and tenant a token names,
/// for reports and recordings — never for trusting it.
///
/// ```swift
/// UnverifiedClaims.of("eyJhbGciOi…")?["tenant"]   // "tenant_acme"
/// ```
public enum UnverifiedClaims {
    public static func of(_ token: String) -> JSONValue? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return try? JSONParser.parse(Array(data))
    }
}
