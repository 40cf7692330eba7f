import Hummingbird

/// One listener's chain, outermost first: request log → CORS → admin API → routing → faults →
/// the endpoint's stages. Spelled out with concrete types rather than folded from a generic
/// list: every request runs it, and concrete calls need no generic metadata at run time
/// (a nested generic chain cost about a fifth of a cached read's CPU).
struct ListenerResponder: HTTPResponder {
    typealias Context = MockRequestContext

    let log: RequestLogMiddleware
    let crossOrigin: CrossOriginMiddleware
    let admin: AdminMiddleware
    let routing: RoutingMiddleware
    let faults: FaultMiddleware
    let endpoint: EndpointResponder

    func respond(to request: Request, context: Context) async throws -> Response {
        try await log.handle(request, context: context) { request, context in
            try await crossOrigin.handle(request, context: context) { request, context in
                try await admin.handle(request, context: context) { request, context in
                    try await routing.handle(request, context: context) { request, context in
                        try await faults.handle(request, context: context) { request, context in
                            try await endpoint.respond(to: request, context: context)
                        }
                    }
                }
            }
        }
    }
}
