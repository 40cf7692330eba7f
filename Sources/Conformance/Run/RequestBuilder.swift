import Contracts
import Foundation
import JSON

/// Turns a planned request into bytes on the wire: base URL, query string, credentials, extra headers.
struct RequestBuilder: Sendable {
    var target: Target
    var extraHeaders: [(name: String, value: String)]
    /// The tenant's header and query names (`services.yaml` tenancy); nil: the API names no tenant.
    var tenantHeader: String?
    var tenantQuery: String?
    /// How the token travels (`services.yaml` credentials).
    var credentials = CredentialConventions()

    /// The wire request, or nil when the endpoint's service has no target URL.
    func wire(_ request: PlannedRequest, endpoint: Endpoint, auth: WireAuth) -> WireRequest? {
        guard let base = target.bases[endpoint.service] else { return nil }
        var query = request.query
        var headers = extraHeaders + request.headers
        if endpoint.auth == .query {
            if let token = auth.token { query.append((credentials.query, token)) }
            if let tenant = auth.tenant, let tenantQuery { query.append((tenantQuery, tenant)) }
        } else {
            if let token = auth.token {
                // No scheme (an API key header): the header is the token alone.
                let scheme = auth.scheme ?? credentials.scheme
                headers.append((credentials.header, scheme.isEmpty ? token : "\(scheme) \(token)"))
            }
            if let tenant = auth.tenant, let tenantHeader { headers.append((tenantHeader, tenant)) }
        }
        var body: [UInt8]?
        if let json = request.body {
            body = json.encoded()
            headers.append(("Content-Type", endpoint.body?.contentType ?? "application/json"))
        }
        headers.append(("Accept", endpoint.successResponse?.contentType ?? "application/json"))
        let queryString = query.isEmpty ? "" : "?" + query.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
        return WireRequest(method: request.method.rawValue, url: base + request.path + queryString, headers: headers, body: body)
    }

    /// A scheme the API does not take, for the wrong-scheme token probe.
    var wrongScheme: String { credentials.scheme.lowercased() == "token" ? "Basic" : "Token" }

    static func encode(_ text: String) -> String { PercentEncoding.encodeQueryComponent(text) }
}
