import Contracts
import Fakes

/// `serve --strict`: the stages of `base`, with every answer checked against the contract; an
/// answer that breaks it becomes a 500 that says how.
struct StrictStages: EndpointStages {
    let base: any EndpointStages
    var engine: FakeEngine { base.engine }

    func authenticate(_ request: RoutedRequest) async throws(FakeError) -> AuthenticatedRequest { try await base.authenticate(request) }

    func validate(_ request: AuthenticatedRequest, body: [UInt8], ignoringBodyTypes: Bool) throws(FakeError) -> FakeRequest {
        try base.validate(request, body: body, ignoringBodyTypes: ignoringBodyTypes)
    }

    func answer(_ request: FakeRequest) async -> FakeResponse {
        StrictCheck.check(await base.answer(request), of: request.endpoint, envelope: engine.contracts.conventions.envelope)
    }

    func streamStyle(for endpoint: Endpoint) -> StreamStyle { base.streamStyle(for: endpoint) }
}
