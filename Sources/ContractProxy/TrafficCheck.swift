import Conformance
import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import MockServer
import NIOCore

/// The contract's verdict on one exchange, with the checkers `serve` and `verify` use: the request
/// by `RequestValidator` (what `serve` would refuse), the answer by `ResponseChecker`, a stream's
/// events by `EventChecker`.
struct TrafficCheck: Sendable {
    let contracts: ContractSet
    let checker: ResponseChecker

    /// The refusal `serve` would answer this request with, and the divergences it makes; nil when it conforms.
    func request(_ request: Request, body: ByteBuffer, endpoint: Endpoint) -> (refusal: FakeError, divergences: [Divergence])? {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let input = RequestValidator.Input(
            query: QueryString.parse(request.uri.query.map { Substring($0) }), headers: headers, contentType: request.headers[.contentType],
            body: Array(body.readableBytesView))
        guard case .failure(let refusal) = RequestValidator.validate(endpoint, input, credentialParameters: contracts.conventions.queryCredentials) else {
            return nil
        }
        let fields = refusal.fieldErrors.sorted { $0.key < $1.key }
        let divergences: [Divergence] = fields.isEmpty
            ? [Divergence(endpointID: endpoint.id, caseName: "traffic", kind: .request, actual: "\(refusal.status)", message: "the client's request: \(refusal.message)")]
            : fields.map { field, message in
                Divergence(endpointID: endpoint.id, caseName: "traffic", kind: .request, pointer: field,
                           message: "the client's request: \(message)")
            }
        return (refusal, divergences)
    }

    /// The answer against the documented status (any documented status is expected; another is
    /// a divergence against the success status), content type, schema and envelope.
    func answer(_ answer: HTTPAnswer, endpoint: Endpoint) -> [Divergence] {
        let expected = endpoint.response(for: answer.status) != nil ? answer.status : (endpoint.successResponse?.status ?? 200)
        return checker.check(.response(answer), endpoint: endpoint, caseName: "traffic", expectedStatus: expected).divergences
    }

    func failure(_ failure: TransportFailure, endpoint: Endpoint) -> [Divergence] {
        checker.check(.failure(failure), endpoint: endpoint, caseName: "traffic", expectedStatus: endpoint.successResponse?.status ?? 200).divergences
    }

    func events(_ events: [ServerSentEvent], endpoint: Endpoint, final: Bool) -> [Divergence] {
        EventChecker.check(events, on: endpoint, promise: final ? endpoint.stream : nil, caseName: "traffic", connection: "the proxied stream")
    }
}
