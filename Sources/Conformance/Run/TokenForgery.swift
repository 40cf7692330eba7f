import Crypto
import Foundation
import JSON

/// A valid access token altered the ways a careless backend still accepts: each must be a 401.
///
/// ```swift
/// TokenForgery.algNone.apply(to: token, now: Date())   // "eyJhbGciOiJub25lIn0.<same claims>."
/// ```
public enum TokenForgery: String, Sendable, CaseIterable {
    /// The claims' `exp` moved an hour into the past — signed again when the HS256 secret is known
    /// (`verify --jwt-secret`), so only the expiry check can refuse it; otherwise the signature no
    /// longer matches either.
    case expired
    /// One character of the signature changed.
    case tampered
    /// The header says `alg: none` and the signature is gone.
    case algNone = "alg-none"
    /// Not a JWT at all.
    case garbage
    /// The token under another scheme (`Token …` instead of `Bearer …`).
    case wrongScheme = "wrong-scheme"

    public var summary: String {
        switch self {
        case .expired: "expired token"
        case .tampered: "tampered signature"
        case .algNone: "alg: none"
        case .garbage: "garbage token"
        case .wrongScheme: "wrong scheme"
        }
    }

    /// The altered token (for `wrongScheme`, the token itself: the scheme changes, not the token).
    /// `secret` re-signs the expired token where its header says HS256.
    public func apply(to token: String, now: Date = Date(), secret: String? = nil) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch self {
        case .garbage: return "understudy-not-a-token"
        case .wrongScheme: return token
        case .tampered:
            guard parts.count == 3, !parts[2].isEmpty else { return token + "x" }
            var signature = Array(parts[2])
            let index = signature.count / 2
            signature[index] = signature[index] == "A" ? "B" : "A"
            return parts[0] + "." + parts[1] + "." + String(signature)
        case .algNone:
            guard parts.count == 3 else { return token }
            return Self.base64URL(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
        case .expired:
            guard parts.count == 3, let bytes = Self.decodeBase64URL(parts[1]), case .object(var claims)? = try? JSONParser.parse(bytes) else {
                return token
            }
            let past = Int(now.timeIntervalSince1970) - 3600
            claims["exp"] = .integer(past)
            if claims["iat"] != nil { claims["iat"] = .integer(past - 900) }
            let signed = parts[0] + "." + Self.base64URL(JSONValue.object(claims).encoded())
            guard let secret, Self.isHS256(parts[0]) else { return signed + "." + parts[2] }
            let mac = HMAC<SHA256>.authenticationCode(for: Array(signed.utf8), using: SymmetricKey(data: Array(secret.utf8)))
            return signed + "." + Self.base64URL(Array(mac))
        }
    }

    static func isHS256(_ header: String) -> Bool {
        guard let bytes = decodeBase64URL(header), let value = try? JSONParser.parse(bytes) else { return false }
        return value["alg"]?.stringValue == "HS256"
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
