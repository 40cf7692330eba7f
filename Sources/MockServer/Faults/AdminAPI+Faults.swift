import Fakes
import HTTPTypes
import Hummingbird
import JSON

extension AdminAPI {
    /// `/__understudy/faults[/{id}]`: list (GET), add (POST), remove one or all (DELETE).
    func faultsRoute(_ request: Request, parts: [String], faults: FaultInjector) async -> Response {
        switch (request.method, parts.count) {
        case (.get, 1):
            return FaultAdminReply.data(.array(faults.rules.map(\.json)), engine: engine)
        case (.post, 1):
            var request = request
            guard let bytes = try? await request.collectBody(upTo: 64 << 10) else {
                return ResponseWriter.error(FakeError(status: 413, "A fault is a small JSON object (at most 64 KiB)", code: "PAYLOAD_TOO_LARGE"), in: engine.contracts.conventions.envelope)
            }
            let json: JSONValue
            do {
                json = try JSONParser.parse(Array(buffer: bytes))
            } catch {
                return ResponseWriter.error(FakeError(status: 400, "Request body is not valid JSON: \(error)", code: "MALFORMED_JSON"), in: engine.contracts.conventions.envelope)
            }
            switch FaultSpec.rule(json: json) {
            case .success(let rule):
                if case .endpoint(let id) = rule.match, engine.contracts.endpoint(id: id) == nil {
                    return ResponseWriter.error(.validation(["endpoint": "no endpoint has the id '\(id)'; see understudy routes"], message: "Invalid fault"), in: engine.contracts.conventions.envelope)
                }
                return FaultAdminReply.data(faults.add(rule).json, status: 201, engine: engine)
            case .failure(let problem):
                return ResponseWriter.error(.validation(problem.errors, message: "Invalid fault"), in: engine.contracts.conventions.envelope)
            }
        case (.delete, 1):
            return FaultAdminReply.data(["removed": .integer(faults.clear())], engine: engine)
        case (.delete, 2):
            guard let removed = faults.remove(id: parts[1]) else {
                return ResponseWriter.error(.notFound("Fault \(parts[1])", code: "FAULT_NOT_FOUND"), in: engine.contracts.conventions.envelope)
            }
            return FaultAdminReply.data(removed.json, engine: engine)
        case (_, 1), (_, 2):
            var response = ResponseWriter.error(FakeError(
                status: 405, "\(request.method.rawValue) is not allowed on \(request.uri.path)", code: "METHOD_NOT_ALLOWED"), in: engine.contracts.conventions.envelope)
            response.headers[.allow] = parts.count == 1 ? "GET, POST, DELETE" : "DELETE"
            return response
        default:
            return ResponseWriter.error(FakeError(status: 404, "No admin route \(request.method.rawValue) \(request.uri.path); see docs/serve.md", code: "ROUTE_NOT_FOUND"), in: engine.contracts.conventions.envelope)
        }
    }
}

/// Success answers of the faults admin routes, in the success envelope.
enum FaultAdminReply {
    static func data(_ value: JSONValue, status: Int = 200, engine: FakeEngine) -> Response {
        ResponseWriter.render(.data(value, status: status, in: engine.contracts.conventions.envelope), engine: engine)
    }
}
