import Contracts
import Fakes

/// `--strict`: a fake answer that breaks its own contract becomes a 500 that says how.
enum StrictCheck {
    static func check(_ response: FakeResponse, of endpoint: Endpoint, envelope: EnvelopeConventions) -> FakeResponse {
        guard let documented = endpoint.response(for: response.status) else {
            return failure(envelope, "\(endpoint.id) answered \(response.status), which its contract does not document")
        }
        guard let schema = documented.schema, let body = response.jsonBody else { return response }
        guard let problem = schema.validate(body).first else { return response }
        return failure(envelope, "\(endpoint.id) answer breaks its contract at \(problem.instancePointer): \(problem.message)")
    }

    private static func failure(_ envelope: EnvelopeConventions, _ message: String) -> FakeResponse {
        FakeError(status: 500, "Understudy's fake broke the contract (--strict): \(message)", code: "FAKE_BROKE_CONTRACT").response(in: envelope)
    }
}
