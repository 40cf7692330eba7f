import Foundation
import JWTKit
import Synchronization

/// Issues and checks the HS256 JWTs of the mock's sessions, with jwt-kit.
///
/// The key comes from `--jwt-secret` (so a real service sharing it accepts the mock's tokens) or is
/// random per start. RFC 7518 §3.2 requires an HS256 key of at least 256 bits, so shorter secrets
/// are refused up front (jwt-kit would assert on them).
public final class TokenService: Sendable {
    public struct Configuration: Sendable {
        public var secret: String
        public var accessTTL: TimeInterval
        public var refreshTTL: TimeInterval

        public init(secret: String? = nil, accessTTL: TimeInterval = 15 * 60, refreshTTL: TimeInterval = 30 * 24 * 3600) {
            self.secret = secret ?? TokenService.randomSecret()
            self.accessTTL = accessTTL
            self.refreshTTL = refreshTTL
        }
    }

    public struct WeakSecret: Error, CustomStringConvertible {
        public var byteCount: Int
        public var description: String {
            "--jwt-secret is \(byteCount) bytes; HS256 needs at least 32 bytes (256 bits, RFC 7518 §3.2)"
        }
    }

    /// A freshly signed pair and what the session book must remember about it.
    public struct IssuedPair: Sendable {
        public var accessToken: String
        public var refreshToken: String
        public var refreshID: String
        public var refreshExpires: Date
    }

    public let configuration: Configuration
    private let keys: JWTKeyCollection
    /// Tokens whose signature was already checked, so a request carrying a known token costs a
    /// lookup instead of an actor hop, an HMAC and a JSON decode. Bounded: emptied when full.
    private let verified = Mutex<[String: TokenClaims]>([:])
    static let verifiedLimit = 10_000

    public init(_ configuration: Configuration) async throws {
        let byteCount = configuration.secret.utf8.count
        guard byteCount >= 32 else { throw WeakSecret(byteCount: byteCount) }
        self.configuration = configuration
        self.keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: configuration.secret), digestAlgorithm: .sha256)
    }

    public static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<48).map { _ in String("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".randomElement(using: &generator)!) }.joined()
    }

    /// Signs an access and a refresh token for an account in a session.
    public func issue(for account: Account, session: String, now: Date) async throws -> IssuedPair {
        let refreshID = IDGenerator.make(prefix: "rt_")
        let access = claims(account, session: session, id: IDGenerator.make(prefix: "at_"), type: "access", now: now, ttl: configuration.accessTTL)
        let refresh = claims(account, session: session, id: refreshID, type: "refresh", now: now, ttl: configuration.refreshTTL)
        return IssuedPair(
            accessToken: try await keys.sign(access), refreshToken: try await keys.sign(refresh),
            refreshID: refreshID, refreshExpires: refresh.exp.value)
    }

    private func claims(_ account: Account, session: String, id: String, type: String, now: Date, ttl: TimeInterval) -> TokenClaims {
        TokenClaims(
            sub: .init(value: account.id), tenant: account.tenantID, roles: account.roles, email: account.email,
            sid: session, jti: .init(value: id), typ: type, iat: .init(value: now),
            exp: .init(value: now.addingTimeInterval(ttl)))
    }

    /// The claims of a well-signed, unexpired token of the given type; nil otherwise.
    /// (Revocation is the session book's business, checked by the caller.)
    public func verify(_ token: String, type: String, now: Date) async -> TokenClaims? {
        let claims: TokenClaims
        if let known = verified.withLock({ $0[token] }) {
            claims = known
        } else {
            guard Self.isCompactJWS(token), let checked = try? await keys.verify(token, as: TokenClaims.self) else { return nil }
            verified.withLock {
                if $0.count >= Self.verifiedLimit { $0.removeAll(keepingCapacity: true) }
                $0[token] = checked
            }
            claims = checked
        }
        guard claims.typ == type, claims.exp.value > now else { return nil }
        return claims
    }

    /// The claims a token says it carries, unchecked: no signature, no expiry. Only for `serve
    /// --mutate accept-forged`, which must accept what a careless backend would.
    public static func unverifiedClaims(_ token: String) -> TokenClaims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return try? JSONDecoder().decode(TokenClaims.self, from: data)
    }

    /// Three non-empty base64url parts joined by dots: anything else is refused before any
    /// decoding or HMAC, so garbage in `Authorization` costs a byte scan.
    static func isCompactJWS(_ token: String) -> Bool {
        var dots = 0
        var partLength = 0
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "."):
                guard partLength > 0 else { return false }
                dots += 1
                partLength = 0
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                partLength += 1
            default:
                return false
            }
        }
        return dots == 2 && partLength > 0
    }
}
