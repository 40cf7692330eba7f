import Contracts
import Fakes
import Hummingbird

/// Injected faults, between routing and the endpoint's stages: the rules that match the routed
/// request delay it, fail it, drop its connection or answer a readiness probe 503 — or let it on.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = MockRequestContext

    let faults: FaultInjector
    let engine: FakeEngine

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let route = context.route else { return try await next(request, context) }
        let readiness = engine.contracts.conventions.readiness
        guard let plan = faults.plan(for: FaultTarget(route.endpoint, template: route.template, path: route.relativePath, readiness: readiness)) else {
            return try await next(request, context)
        }
        if plan.delay > .zero { try? await Task.sleep(for: plan.delay) }
        let envelope = engine.contracts.conventions.envelope
        switch plan.action {
        case .proceed:
            return try await next(request, context)
        case .fail(let status, let retryAfter, let rule):
            context.note.refused(["fault": "\(status) injected by fault \(rule)"])
            return ResponseWriter.error(FaultAnswers.failure(status: status, retryAfter: retryAfter, rule: rule), in: envelope)
        case .drop(let rule):
            context.note.refused(["fault": "connection dropped by fault \(rule)"])
            return FaultAnswers.dropped()
        case .notReady(let rule):
            context.note.refused(["fault": "not ready (fault \(rule))"])
            return FaultAnswers.notReady(route.endpoint, envelope: envelope)
        }
    }
}
