import Hummingbird

/// `/__understudy/…` (the admin API) on every listener, before any contract route is looked up.
struct AdminMiddleware: RouterMiddleware {
    typealias Context = MockRequestContext

    let admin: AdminAPI
    let faults: FaultInjector
    let mutations: MutationPlan?
    /// The listener's gateway prefixes: the admin API answers under each too (`/traction/api/v1/__understudy/`).
    let prefixes: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var path = Substring(request.uri.path)
        if !path.hasPrefix(AdminAPI.prefix), let prefix = prefixes.first(where: { path.hasPrefix($0 + AdminAPI.prefix) }) {
            path = path.dropFirst(prefix.count)
        }
        guard path.hasPrefix(AdminAPI.prefix) else { return try await next(request, context) }
        let rest = path.dropFirst(AdminAPI.prefix.count)
        // The dashboard's files are relative to `/__understudy/`: send the bare path there.
        if rest.isEmpty, request.method == .get {
            var response = Response(status: .movedPermanently)
            response.headers[.location] = request.uri.path + "/"
            return response
        }
        guard rest.isEmpty || rest.hasPrefix("/") else { return try await next(request, context) }
        return await admin.respond(to: request, path: rest, faults: faults, mutations: mutations)
    }
}
