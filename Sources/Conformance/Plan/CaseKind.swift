import Contracts
import JSON

/// The family of release bugs a case looks for; every report groups and counts by it.
public enum CaseKind: String, Sendable, Codable, CaseIterable {
    /// The documented example request, on records the runner made itself where it changes state.
    case example
    /// No credentials → 401.
    case auth
    /// Requests the schema forbids (wrong type, out of enum, too long, unknown member, …) → 400/422, nothing changed.
    case validation
    /// Streams: content type, declared event names, valid data, increasing ids, replay, heartbeats.
    case stream
    /// The contract's flows.
    case flow
    /// Another tenant's records and tenant ids: never visible, never changed.
    case isolation
    /// A well-formed id that does not exist → the documented 404.
    case notFound = "not-found"
    /// A transition the contract forbids → the documented refusal; the allowed path walked.
    case lifecycle
    /// Refresh rotation, logout revocation, forged, expired and malformed tokens → 401.
    case token
    /// `understudy proxy`: the real requests and answers that passed between a frontend and a
    /// backend, checked against the contract (one case per endpoint that saw traffic).
    case traffic
}
