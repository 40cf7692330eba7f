import Contracts
import JSON

/// Who sends a request of a case: the runner's session, the second identity's (another tenant),
/// nobody, or the runner's token altered on purpose.
public enum Identity: Sendable, Equatable {
    /// The runner's session; a 401 refreshes it once and retries.
    case primary
    /// The second identity's session (`--second-email`, or the scenario's other tenant).
    case second
    /// No credentials at all.
    case anonymous
    /// The runner's token with the tenant replaced: the second identity's tenant, or none.
    case tenant(TenantVariant)
    /// The runner's token, altered (`alg: none`, a flipped signature, …).
    case forged(TokenForgery)
    /// An access token captured by an earlier step of the same script (`{{name}}`), with the runner's tenant.
    case captured(String)

    public enum TenantVariant: String, Sendable { case foreign, missing }

    /// Whether a 401 may refresh and retry (only the runner's own sessions).
    var refreshes: Bool { self == .primary || self == .second }
}
