import Contracts
import Fakes

/// Stage 2 — authenticated: the routed request and its caller (nil on a public endpoint).
struct AuthenticatedRequest: Sendable {
    let routed: RoutedRequest
    let caller: Caller?
    /// An answer decided before validation: only `serve --mutate skip-auth` sets one, answering
    /// the success example to a request whose credentials were refused.
    var decided: FakeResponse?

    var endpoint: Endpoint { routed.endpoint }
}
