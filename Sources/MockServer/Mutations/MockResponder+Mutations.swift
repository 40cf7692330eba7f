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

    /// Runs the fake; with `ignore-update` or `not-delete` the addressed record is put back afterwards,
    /// so the answer says success while the state says otherwise.
    func handle(_ request: FakeRequest) async -> FakeResponse {
        let mutation = options.mutations?.mutation(for: request.endpoint.id)
        guard mutation == .ignoreUpdate || mutation == .notDelete, let caller = request.caller,
              let collection = request.endpoint.fake?.kind.collection, let id = Self.recordID(of: request)
        else { return await engine.handle(request) }
        let before = engine.store.read { $0.tenants[caller.tenantID]?.record(collection, id: id) }
        let response = await engine.handle(request)
        if let before, (200..<300).contains(response.status) {
            _ = try? engine.store.mutate { (state: inout FakeState) throws(FakeError) in
                state.tenants[caller.tenantID]?.put(collection, id: id, before)
            }
        }
        return response
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
                  let broken = BodyMutator.apply(mutation, to: value, schema: schema)
            else {
                Self.mutationLogger.warning("mutation \(mutation.rawValue) found nothing to break in this answer of \(endpoint.id)")
                return response
            }
            mutated.body = .json(broken)
        case .skipAuth, .ignoreUpdate, .notDelete, .renameEvent:
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
