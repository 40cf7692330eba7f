import Fakes
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

extension AdminAPI {
    /// `POST /__understudy/token` with `{"sub": "...", "tenant": "...", "roles": [...]}` (all
    /// optional): an access token the mock accepts, for any API — an imported one has no login
    /// endpoint. Answers `{accessToken, tokenType, expiresIn, sub, tenant}` bare, whatever the API's
    /// envelope, so a script can read `.accessToken`. The tenant defaults to the scenario's first.
    func tokenRoute(_ request: Request) async -> Response {
        let envelope = engine.contracts.conventions.envelope
        var request = request
        guard let bytes = try? await request.collectBody(upTo: 16 << 10) else {
            return ResponseWriter.error(FakeError(status: 413, "A token request is a small JSON object (at most 16 KiB)", code: "PAYLOAD_TOO_LARGE"), in: envelope)
        }
        let body: JSONValue
        do {
            body = bytes.readableBytes == 0 ? .object([:]) : try JSONParser.parse(Array(buffer: bytes))
        } catch {
            return ResponseWriter.error(FakeError(status: 400, "Request body is not valid JSON: \(error)", code: "MALFORMED_JSON"), in: envelope)
        }
        var problems: [String: String] = [:]
        if body.objectValue == nil { problems["body"] = "must be an object: {sub, tenant, roles}" }
        for key in ["sub", "tenant", "email"] where body[key] != nil && body[key]?.stringValue?.isEmpty != false { problems[key] = "must be a non-empty string" }
        if let roles = body["roles"], roles.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true { problems["roles"] = "must be a list of strings" }
        let tenants = engine.store.read { $0.tenants.keys.sorted() }
        let tenant = body["tenant"]?.stringValue ?? tenants.first ?? "default"
        if body["tenant"] != nil, !tenants.isEmpty, !tenants.contains(tenant) {
            problems["tenant"] = "no tenant '\(tenant)' in the scenario; there are \(tenants.joined(separator: ", "))"
        }
        guard problems.isEmpty else { return ResponseWriter.error(.validation(problems, message: "Invalid token request"), in: envelope) }
        let subject = body["sub"]?.stringValue ?? "understudy"
        let account = Account(
            id: subject, email: body["email"]?.stringValue ?? "\(subject)@understudy.invalid", password: nil, tenantID: tenant,
            roles: body["roles"]?.arrayValue?.compactMap(\.stringValue) ?? [], status: .active)
        do {
            let pair = try await engine.openSession(for: account)
            let answer: JSONValue = [
                "accessToken": .string(pair.accessToken), "tokenType": "Bearer",
                "expiresIn": .integer(Int(engine.tokens.configuration.accessTTL)), "sub": .string(subject), "tenant": .string(tenant),
            ]
            return ResponseWriter.render(FakeResponse(status: 200, body: .json(answer), headers: [("Cache-Control", "no-store")]))
        } catch {
            return ResponseWriter.error(error, in: envelope)
        }
    }
}
