import Hummingbird

/// `/__understudy/…` (the admin API) on every listener, before any contract route is looked up.
struct AdminMiddleware: RouterMiddleware {
    typealias Context = MockRequestContext

    let admin: AdminAPI
    let faults: FaultInjector
    let mutations: MutationPlan?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = Substring(request.uri.path)
        guard path.hasPrefix(AdminAPI.prefix) else { return try await next(request, context) }
        return await admin.respond(to: request, path: path.dropFirst(AdminAPI.prefix.count), faults: faults, mutations: mutations)
    }
}
