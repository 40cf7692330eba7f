import Foundation
import JWTKit

/// The claims of every token the mock issues (documented in docs/tokens.md).
///
/// `sub` is the user id, `tenant` the tenant id, `jti` the token id, `sid` the session the token
/// belongs to (logout ends it), `typ` is `access` or `refresh`.
public struct TokenClaims: JWTPayload, Equatable {
    public var sub: SubjectClaim
    public var tenant: String
    public var roles: [String]
    public var email: String
    public var sid: String
    public var jti: IDClaim
    public var typ: String
    public var iat: IssuedAtClaim
    public var exp: ExpirationClaim

    /// Signature and shape are checked by jwt-kit; expiry is checked against the engine's clock.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
