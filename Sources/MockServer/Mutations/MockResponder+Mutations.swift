import Contracts
import Fakes
import JSON
import Logging

/// `serve --mutate`: the mock breaking its own contracts where the plan says, after the fake answered.
extension MockResponder {
    /// The success example, answered to a request whose credentials were refused (`skip-auth`).
    func answerDespiteAuth(_ endpoint: Endpoint) -> FakeResponse? {
        guard options.mutations?.mutation(for: endpoint.id) == .skipAuth, let success = endpoint.successResponse else { return nil }
        return success.example.map { .json($0, status: success.status) } ?? FakeResponse(status: success.status, body: .empty)
    }

    /// Runs the fake, bent where the plan says: `ignore-update`/`not-delete` put the addressed record
    /// back afterwards; `leak-tenant`/`found-unknown` answer where the lookup found nothing;
    /// `allow-transition` carries out a refused transition; `reuse-refresh`/`keep-session` put the
    /// session book back, so what the call used up or revoked stays good.
    func handle(_ request: FakeRequest) async -> FakeResponse {
        guard let plan = options.mutations, let mutation = plan.mutation(for: request.endpoint.id) else { return await engine.handle(request) }
        switch mutation {
        case .ignoreUpdate, .notDelete:
            guard let caller = request.caller, let collection = request.endpoint.fake?.kind.collection, let id = Self.recordID(of: request) else { break }
            let before = engine.store.read { $0.tenants[caller.tenantID]?.record(collection, id: id) }
            let response = await engine.handle(request)
            if let before, (200..<300).contains(response.status) {
                _ = try? engine.store.mutate { (state: inout FakeState) throws(FakeError) in
                    state.tenants[caller.tenantID]?.put(collection, id: id, before)
                }
            }
            return response
        case .leakTenant, .foundUnknown:
            let response = await engine.handle(request)
            guard response.status == 404, let caller = request.caller, let collection = plan.collections[request.endpoint.id],
                  let id = request.endpoint.path.parameterNames.last.flatMap({ request.pathParameters[$0] }) else { return response }
            let elsewhere = engine.store.read { state in
                state.tenants.first { $0.key != caller.tenantID && $0.value.record(collection, id: id) != nil }?.value.record(collection, id: id)
            }
            if mutation == .leakTenant, let elsewhere { return .data(elsewhere, status: request.endpoint.successResponse?.status ?? 200, in: engine.contracts.conventions.envelope) }
            if mutation == .foundUnknown, elsewhere == nil, let success = request.endpoint.successResponse, let example = success.example {
                return .json(example, status: success.status)
            }
            return response
        case .allowTransition:
            let response = await engine.handle(request)
            guard let fake = request.endpoint.fake, case .transition(let collection) = fake.kind, let refusal = fake.error,
                  response.status == refusal.status, let field = fake.field, let caller = request.caller,
                  let id = Self.recordID(of: request), var to = fake.to else { return response }
            if case .string(let text) = to, text.hasPrefix("{{body."), text.hasSuffix("}}") {
                to = request.body?[String(text.dropFirst(7).dropLast(2))] ?? to
            }
            let written = try? engine.store.mutate { (state: inout FakeState) throws(FakeError) -> JSONValue? in
                guard case .object(var record)? = state.tenants[caller.tenantID]?.record(collection, id: id) else { return nil }
                record[field] = to
                state.tenants[caller.tenantID]?.put(collection, id: id, .object(record))
                return .object(record)
            }
            guard let record = written ?? nil else { return response }
            return .data(record, status: request.endpoint.successResponse?.status ?? 200, in: engine.contracts.conventions.envelope)
        case .reuseRefresh, .keepSession:
            let before = engine.store.read { $0.sessions }
            let response = await engine.handle(request)
            _ = try? engine.store.mutate { (state: inout FakeState) throws(FakeError) in
                for (id, token) in before.refreshTokens { state.sessions.refreshTokens[id] = token }
                state.sessions.revokedSessions = before.revokedSessions
            }
            return response
        default: break
        }
        return await engine.handle(request)
    }

    /// How a stream's events go out: as the endpoint promises, bent by the plan. A promised heartbeat
    /// interval is an upper bound: the mock beats at a third of it, so no client ever waits it out.
    func streamStyle(_ endpoint: Endpoint) -> StreamStyle {
        let mutation = options.mutations?.mutation(for: endpoint.id)
        let promise = endpoint.stream
        return StreamStyle(
            ids: (promise?.ids ?? true) && mutation != .dropEventIDs, replay: (promise?.replay ?? true) && mutation != .noReplay,
            heartbeat: options.heartbeat == nil ? promise?.heartbeat.map { .seconds(max(1, $0 / 3)) } : nil, renaming: mutation == .renameEvent)
    }

    /// `accept-forged`: the caller a token names, without checking its signature or expiry.
    func forgedCaller(_ endpoint: Endpoint, bearer: String?, tenant: String?) -> Caller? {
        guard options.mutations?.mutation(for: endpoint.id) == .acceptForged, let bearer,
              let claims = TokenService.unverifiedClaims(bearer), claims.tenant == tenant else { return nil }
        return Caller(userID: claims.sub.value, tenantID: claims.tenant, email: claims.email, roles: claims.roles, sessionID: claims.sid)
    }

    /// The answer broken the way the plan says (status, body or content type).
    func mutate(_ response: FakeResponse, of endpoint: Endpoint) -> FakeResponse {
        guard let plan = options.mutations, let mutation = plan.mutation(for: endpoint.id), (200..<300).contains(response.status) else {
            return response
        }
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
                Self.mutationLogger.warning("mutation \(mutation.rawValue) found nothing to break in this answer of \(endpoint.id)")
                return response
            }
            mutated.body = .json(broken)
        default:
            break  // applied around the fake, not to its answer
        }
        return mutated
    }

    static let mutationLogger = Logger(label: "understudy.mutate")

    /// The id the behaviour addresses: its `id` template's path parameter, else the last path parameter.
    static func recordID(of request: FakeRequest) -> String? {
        if let template = request.endpoint.fake?.id, template.hasPrefix("{{path."), template.hasSuffix("}}") {
            let name = template.dropFirst("{{path.".count).dropLast(2).trimmingCharacters(in: .whitespaces)
            return request.pathParameters[name]
        }
        return request.endpoint.path.parameterNames.last.flatMap { request.pathParameters[$0] }
    }
}
