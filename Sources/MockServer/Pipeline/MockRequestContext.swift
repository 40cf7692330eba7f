import Hummingbird

/// The request context of `serve`: Hummingbird's core context, the route `RoutingMiddleware`
/// found (for the fault and endpoint stages after it), and the note the stages leave for the
/// request log.
struct MockRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by `RoutingMiddleware`; nil before it and for the admin API and preflights.
    var route: RoutedRequest?
    /// Shared with `RequestLogMiddleware`, which runs outermost: contexts travel down by value, so
    /// what the inner stages learn comes back up through this reference.
    let note: RequestNote

    init(source: Source) {
        coreContext = .init(source: source)
        note = RequestNote()
    }
}
