import Contracts
import Fakes
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

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
        return ResponseWriter.render(answer, engine: nil)
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
