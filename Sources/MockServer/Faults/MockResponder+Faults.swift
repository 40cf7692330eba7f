import Contracts
import Fakes
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

extension MockResponder {
    /// Waits out the plan's delay, then answers the fault, or nil to serve the request as usual.
    func perform(_ plan: FaultPlan, for endpoint: Endpoint) async -> Outcome? {
        if plan.delay > .zero { try? await Task.sleep(for: plan.delay) }
        switch plan.action {
        case .proceed:
            return nil
        case .fail(let status, let retryAfter, let rule):
            return Outcome(response: ResponseWriter.error(FaultAnswers.failure(status: status, retryAfter: retryAfter, rule: rule), in: engine.contracts.conventions.envelope),
                           endpointID: endpoint.id, fieldErrors: ["fault": "\(status) injected by fault \(rule)"])
        case .drop(let rule):
            return Outcome(response: FaultAnswers.dropped(), endpointID: endpoint.id, fieldErrors: ["fault": "connection dropped by fault \(rule)"])
        case .notReady(let rule):
            return Outcome(response: FaultAnswers.notReady(endpoint, envelope: engine.contracts.conventions.envelope), endpointID: endpoint.id, fieldErrors: ["fault": "not ready (fault \(rule))"])
        }
    }
}

/// The answers a fault gives instead of the fake's.
enum FaultAnswers {
    /// The error envelope: `RATE_LIMIT_EXCEEDED` with `Retry-After` for 429, `INJECTED_FAULT` otherwise.
    static func failure(status: Int, retryAfter: Int?, rule: String) -> FakeError {
        let headers = retryAfter.map { ["Retry-After": String($0)] } ?? [:]
        let reason = HTTPResponse.Status(code: status).reasonPhrase
        if status == 429 {
            let wait = retryAfter.map { "; retry after \($0) s" } ?? ""
            return FakeError(status: 429, "Too many requests (fault \(rule) injected by Understudy)\(wait)", code: "RATE_LIMIT_EXCEEDED", headers: headers)
        }
        let label = reason.isEmpty ? "Error \(status)" : reason
        return FakeError(status: status, "\(label) (fault \(rule) injected by Understudy)", code: "INJECTED_FAULT", headers: headers)
    }

    /// The readiness probe while not ready: 503 with the contract's documented body (K34: no `code`).
    static func notReady(_ endpoint: Endpoint, envelope: EnvelopeConventions) -> Response {
        let answer = endpoint.response(for: 503)?.example.map { FakeResponse.json($0, status: 503) } ?? FakeError(status: 503, "Service not ready").response(in: envelope)
        return ResponseWriter.render(answer, engine: nil, heartbeat: .seconds(15))
    }

    /// A response whose body writer throws at once: Hummingbird has sent the head (`200`, chunked), then
    /// closes the connection, so the client sees it end without a complete response.
    static func dropped() -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: fields, body: ResponseBody { _ in throw DroppedConnection() })
    }

    /// Thrown by a dropped answer's body so the server closes the connection.
    struct DroppedConnection: Error {}
}
