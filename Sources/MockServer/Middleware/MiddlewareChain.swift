import Hummingbird

/// A middleware in front of a responder, as one responder: how a listener's chain is built
/// without `Router` (the routes are the contracts' own trees), statically typed end to end.
///
/// ```swift
/// let responder = MiddlewareChain(RequestLogMiddleware(log: log), then: EndpointResponder(stages: stages, maxBodyBytes: 1 << 20))
/// ```
struct MiddlewareChain<Middleware: RouterMiddleware, Next: HTTPResponder>: HTTPResponder
where Middleware.Context == Next.Context {
    typealias Context = Next.Context

    let middleware: Middleware
    let next: Next

    init(_ middleware: Middleware, then next: Next) {
        self.middleware = middleware
        self.next = next
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        try await middleware.handle(request, context: context) { request, context in
            try await next.respond(to: request, context: context)
        }
    }
}
