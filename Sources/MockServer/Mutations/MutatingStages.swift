import Contracts
import Fakes
import JSON
import Logging

/// `serve --mutate`: the stages of `base`, broken on the endpoints the plan names and only there.
/// Around the fake, it bends the engine for the request (`EngineBends`) or answers for it; after
/// it, it breaks the answer (status, body, content type) or the stream's style.
struct MutatingStages: EndpointStages {
    let base: any EndpointStages
    let plan: MutationPlan
    var engine: FakeEngine { base.engine }

    func authenticate(_ request: RoutedRequest) async throws(FakeError) -> AuthenticatedRequest {
        do {
            return try await base.authenticate(request)
        } catch where error.status == 401 {
            switch plan.mutation(for: request.endpoint.id) {
            case .acceptForged where request.endpoint.auth != .query:
                // The caller a token names, without checking its signature or expiry.
                guard let caller = forgedCaller(request) else { throw error }
                return AuthenticatedRequest(routed: request, caller: caller)
            case .skipAuth:
                // The success example, answered to a request whose credentials were refused.
                guard let success = request.endpoint.successResponse else { throw error }
                let answer = success.example.map { FakeResponse.json($0, status: success.status) } ?? FakeResponse(status: success.status, body: .empty)
                return AuthenticatedRequest(routed: request, caller: nil, decided: answer)
            default:
                throw error
            }
        }
    }

    func validate(_ request: AuthenticatedRequest, body: [UInt8], ignoringBodyTypes: Bool) throws(FakeError) -> FakeRequest {
        try base.validate(request, body: body, ignoringBodyTypes: ignoringBodyTypes || plan.mutation(for: request.endpoint.id) == .skipTypeCheck)
    }

    func answer(_ request: FakeRequest) async -> FakeResponse {
        guard let mutation = plan.mutation(for: request.endpoint.id) else { return await base.answer(request) }
        let response: FakeResponse
        switch mutation {
        case .ignoreUpdate, .notDelete:
            response = await EngineBends.$current.withValue(EngineBends(keepsChanges: false)) { await base.answer(request) }
        case .allowTransition:
            response = await EngineBends.$current.withValue(EngineBends(enforcesTransitions: false)) { await base.answer(request) }
        case .reuseRefresh, .keepSession:
            response = await EngineBends.$current.withValue(EngineBends(endsSessions: false)) { await base.answer(request) }
        case .leakTenant, .foundUnknown:
            response = answerUnknown(request, mutation: mutation, honest: await base.answer(request))
        default:
            response = await base.answer(request)
        }
        return broken(response, by: mutation, of: request.endpoint)
    }

    func streamStyle(for endpoint: Endpoint) -> StreamStyle {
        var style = base.streamStyle(for: endpoint)
        switch plan.mutation(for: endpoint.id) {
        case .dropEventIDs: style.ids = false
        case .noReplay: style.replay = false
        case .renameEvent: style.renaming = true
        default: break
        }
        return style
    }

    // MARK: Mutations

    /// `leak-tenant`: another tenant's record where this tenant has none; `found-unknown`: the
    /// success example for an id nobody has.
    private func answerUnknown(_ request: FakeRequest, mutation: Mutation, honest response: FakeResponse) -> FakeResponse {
        guard response.status == 404, let caller = request.caller, let collection = plan.collections[request.endpoint.id],
              let id = request.endpoint.path.parameterNames.last.flatMap({ request.pathParameters[$0] }) else { return response }
        let elsewhere = engine.store.read { state in
            state.tenants.first { $0.key != caller.tenantID && $0.value.record(collection, id: id) != nil }?.value.record(collection, id: id)
        }
        if mutation == .leakTenant, let elsewhere {
            return .data(elsewhere, status: request.endpoint.successResponse?.status ?? 200, in: engine.contracts.conventions.envelope)
        }
        if mutation == .foundUnknown, elsewhere == nil, let success = request.endpoint.successResponse, let example = success.example {
            return .json(example, status: success.status)
        }
        return response
    }

    private func forgedCaller(_ request: RoutedRequest) -> Caller? {
        let conventions = engine.contracts.conventions
        guard let bearer = conventions.bearer(in: request.headers), let claims = TokenService.unverifiedClaims(bearer),
              claims.tenant == conventions.tenant(in: request.headers) ?? claims.tenant else { return nil }
        return Caller(userID: claims.sub.value, tenantID: claims.tenant, email: claims.email, roles: claims.roles, sessionID: claims.sid)
    }

    /// The answer broken the way the plan says (status, body or content type).
    private func broken(_ response: FakeResponse, by mutation: Mutation, of endpoint: Endpoint) -> FakeResponse {
        guard (200..<300).contains(response.status) else { return response }
        var mutated = response
        switch mutation {
        case .wrongStatus:
            mutated.status = plan.wrongStatuses[endpoint.id] ?? 299
        case .wrongContentType:
            if case .json(let value) = response.body { mutated.body = .bytes(value.encoded(), contentType: "text/plain; charset=utf-8") }
        case .dropRequiredField, .changeType, .changeEnumCase, .bareObject:
            guard case .json(let value) = response.body, let schema = endpoint.response(for: response.status)?.schema,
                  let broken = BodyMutator.apply(mutation, to: value, schema: schema, envelope: engine.contracts.conventions.envelope)
            else {
                Self.logger.warning("mutation \(mutation.rawValue) found nothing to break in this answer of \(endpoint.id)")
                return response
            }
            mutated.body = .json(broken)
        default:
            break  // applied around the fake, not to its answer
        }
        return mutated
    }

    static let logger = Logger(label: "understudy.mutate")
}
