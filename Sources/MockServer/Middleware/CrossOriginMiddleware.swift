import Contracts
import Fakes
import HTTPTypes
import Hummingbird

/// CORS as `CORSPolicy` and services.yaml's `cors` say: a preflight (`OPTIONS`) is answered here
/// (403 for an origin the policy refuses), and every answer gets the policy's headers for its
/// origin unless a stage set them.
struct CrossOriginMiddleware: RouterMiddleware {
    typealias Context = MockRequestContext

    let policy: CORSPolicy
    let envelope: EnvelopeConventions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let origin = request.headers[.origin]
        var response = request.method == .options ? preflight(request, origin: origin) : try await next(request, context)
        for field in policy.headers(for: origin) where response.headers[field.name] == nil {
            response.headers.append(field)
        }
        return response
    }

    private func preflight(_ request: Request, origin: String?) -> Response {
        guard let origin, request.headers[.accessControlRequestMethod] != nil else {
            var response = Response(status: .noContent)
            response.headers[.allow] = CORSPolicy.allowedMethods
            return response
        }
        guard let fields = policy.preflightHeaders(for: origin, requestedHeaders: request.headers[.accessControlRequestHeaders]) else {
            return ResponseWriter.error(FakeError(status: 403, "Origin \(origin) is not allowed", code: "CORS_ORIGIN_DENIED"), in: envelope)
        }
        return Response(status: .noContent, headers: fields)
    }
}
