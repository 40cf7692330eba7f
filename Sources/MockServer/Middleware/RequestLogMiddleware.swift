import Foundation
import Hummingbird

/// The outermost stage: times every request and records it — method, path, status, the endpoint
/// it reached and its field errors (from `MockRequestContext.note`) — in the `RequestLog`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = MockRequestContext

    let log: RequestLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = started.duration(to: .now)
        let note = context.note.current
        log.record(.init(
            time: Date(), method: request.method.rawValue, path: request.uri.path, status: response.status.code,
            endpointID: note.endpointID, milliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            errors: note.fieldErrors))
        return response
    }
}
