import Contracts
import Fakes
import Hummingbird

/// Stage 1: the request's method and path looked up in the listener's compiled route trees. A
/// match is handed on as `MockRequestContext.route`; a miss is answered here — 405 with `Allow`
/// when only the method is wrong, else 404 naming the closest contract route.
struct RoutingMiddleware: RouterMiddleware {
    typealias Context = MockRequestContext

    let listener: Listener
    let envelope: EnvelopeConventions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = Substring(request.uri.path)
        guard let method = Contracts.HTTPMethod(rawValue: request.method.rawValue) else {
            return ResponseWriter.error(FakeError(status: 405, "Method \(request.method.rawValue) is not supported", code: "METHOD_NOT_ALLOWED"), in: envelope)
        }
        switch listener.match(method: method, path: path) {
        case .found(let endpoint, let parameters, let template, _, let relative):
            var context = context
            context.route = RoutedRequest(endpoint: endpoint, parameters: parameters, template: template, relativePath: relative, request: request)
            context.note.reached(endpoint.id)
            return try await next(request, context)
        case .methodNotAllowed(let allowed, _, _):
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            var response = ResponseWriter.error(FakeError(status: 405, "\(method.rawValue) is not allowed on \(path); allowed: \(list)", code: "METHOD_NOT_ALLOWED"), in: envelope)
            response.headers[.allow] = list
            return response
        case .notFound(let closest, _, _):
            context.note.missed(closest: closest)
            let hint = closest.map { "; closest contract route: \($0)" } ?? ""
            return ResponseWriter.error(FakeError(status: 404, "No contract route for \(method.rawValue) \(path)\(hint)", code: "ROUTE_NOT_FOUND"), in: envelope)
        }
    }
}
