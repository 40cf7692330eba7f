import Contracts
import Fakes

/// The stages as the contracts declare them: credentials and tenancy as services.yaml names
/// them, validation against the endpoint's schemas, the engine's answer, the stream as promised.
struct ContractStages: EndpointStages {
    let engine: FakeEngine
    let heartbeat: Duration?
    /// services.yaml's query credentials, taken once: validation must not ask for them again.
    private let queryCredentials: Set<String>

    init(engine: FakeEngine, heartbeat: Duration?) {
        self.engine = engine
        self.heartbeat = heartbeat
        queryCredentials = engine.contracts.conventions.queryCredentials
    }

    func authenticate(_ request: RoutedRequest) async throws(FakeError) -> AuthenticatedRequest {
        let conventions = engine.contracts.conventions
        let caller: Caller?
        switch request.endpoint.auth {
        case .query:
            let token = request.query.first { $0.0 == conventions.credentials.query }?.1
            let tenant = conventions.tenancy?.query.flatMap { name in request.query.first { $0.0 == name }?.1 }
            caller = try await engine.authenticate(.query, bearer: token, tenant: tenant)
        default:
            caller = try await engine.authenticate(request.endpoint.auth, bearer: conventions.bearer(in: request.headers), tenant: conventions.tenant(in: request.headers))
        }
        return AuthenticatedRequest(routed: request, caller: caller)
    }

    func validate(_ request: AuthenticatedRequest, body: [UInt8], ignoringBodyTypes: Bool) throws(FakeError) -> FakeRequest {
        let routed = request.routed
        let input = RequestValidator.Input(query: routed.query, headers: routed.headers, contentType: routed.headers["content-type"], body: body)
        let validated = try RequestValidator.validate(
            request.endpoint, input, credentialParameters: queryCredentials, ignoringBodyTypes: ignoringBodyTypes).get()
        return FakeRequest(endpoint: request.endpoint, pathParameters: routed.parameters, query: validated.query, headers: routed.headers,
                           body: validated.body, caller: request.caller)
    }

    func answer(_ request: FakeRequest) async -> FakeResponse {
        await engine.handle(request)
    }

    func streamStyle(for endpoint: Endpoint) -> StreamStyle {
        StreamStyle(promise: endpoint.stream, serverHeartbeat: heartbeat)
    }

}
