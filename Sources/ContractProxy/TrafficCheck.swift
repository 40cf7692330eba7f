import Conformance
import Contracts
import Fakes
import Foundation
import JSON
import MockServer
import NIOCore

/// The contract's verdict on one exchange, with the checkers `serve` and `verify` use: the request
/// by `RequestValidator` (what `serve` would refuse), the answer by `ResponseChecker`, a stream's
/// events by `EventChecker`.
struct TrafficCheck: Sendable {
    let contracts: ContractSet
    let checker: ResponseChecker

    enum RequestVerdict {
        /// The request conforms; its query as the contract converts it.
        case conforming(query: [String: JSONValue])
        /// The refusal `serve` would answer it with, and the divergences it makes.
        case refused(FakeError, [Divergence])
    }

    func request(_ request: ProxiedRequest, endpoint: Endpoint) -> RequestVerdict {
        var headers: [String: String] = [:]
        for (name, value) in request.head.headers { headers[name.lowercased()] = value }
        let input = RequestValidator.Input(
            query: QueryString.parse(request.query), headers: headers, contentType: request.header("content-type"),
            body: Array(request.body.readableBytesView))
        let refusal: FakeError
        switch RequestValidator.validate(endpoint, input, credentialParameters: contracts.conventions.queryCredentials) {
        case .success(let valid): return .conforming(query: valid.query)
        case .failure(let failure): refusal = failure
        }
        let fields = refusal.fieldErrors.sorted { $0.key < $1.key }
        let divergences: [Divergence] = fields.isEmpty
            ? [Divergence(endpointID: endpoint.id, caseName: "traffic", kind: .request, actual: "\(refusal.status)", message: "the client's request: \(refusal.message)")]
            : fields.map { field, message in
                Divergence(endpointID: endpoint.id, caseName: "traffic", kind: .request, pointer: field,
                           message: "the client's request: \(message)")
            }
        return .refused(refusal, divergences)
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
