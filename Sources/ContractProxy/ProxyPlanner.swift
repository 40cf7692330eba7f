import Conformance
import Contracts
import Fakes
import JSON
import MockServer
import NIOCore
import NIOHTTP1

/// The decision for one complete request, before anything is sent: matched to its endpoint with
/// `serve`'s route tables, checked against the contract, then answered here (admin, preflight,
/// `--strict` refusal, no backend) or planned for its backend with the head it will carry.
struct ProxyPlanner: Sendable {
    let listener: Listener
    let proxy: ContractProxy

    var configuration: ProxyConfiguration { proxy.configuration }
    var envelope: EnvelopeConventions { proxy.contracts.conventions.envelope }

    func plan(_ request: ProxiedRequest) -> ProxyPlan {
        let path = request.path
        if path.hasPrefix(ProxyAdmin.prefix) { return .answer(ProxyAdmin(proxy: proxy).respond(method: request.head.method, path: path)) }
        let origin = request.header("origin")
        if !configuration.passCORS, request.head.method == .OPTIONS, let origin, request.header("access-control-request-method") != nil {
            guard let fields = configuration.cors.preflightHeaders(for: origin, requestedHeaders: request.header("access-control-request-headers")) else {
                return .answer(.error(FakeError(status: 403, "Origin \(origin) is not allowed", code: "CORS_ORIGIN_DENIED"), in: envelope))
            }
            return .answer(LocalAnswer(status: 204, headers: fields.map { ($0.name.rawName, $0.value) }))
        }
        var endpoint: Endpoint?
        var parameters: [String: String] = [:]
        var query: [String: JSONValue] = [:]
        var service: String?
        var relative = path
        switch Contracts.HTTPMethod(rawValue: request.method).map({ listener.match(method: $0, path: path) }) {
        case .found(let found, let values, _, let owner, let below)?:
            endpoint = found
            parameters = values
            service = owner.name
            relative = below
        case .methodNotAllowed(_, let owner, let below)?:
            service = owner.name
            relative = below
        case .notFound(_, let owner, let below)?:
            service = owner?.name
            relative = below
        case nil:
            break
        }
        if let endpoint {
            proxy.book.saw(endpoint.id)
            switch proxy.check.request(request, endpoint: endpoint) {
            case .conforming(let converted):
                query = converted
            case .refused(let refusal, let divergences):
                proxy.report(divergences, service: service ?? endpoint.service, method: request.method, path: String(path))
                if configuration.strict { return .answer(withCORS(.error(refusal, in: envelope), origin: origin)) }
            }
        } else if proxy.book.unmatched(method: request.method, path: String(path), service: service) {
            proxy.console("? \(request.method) \(path) — not in the contracts" + (service.map { " (forwarded to \($0))" } ?? ""))
        }
        guard let service, let backend = proxy.backends[service] else {
            return .answer(withCORS(.error(FakeError(status: 502, "No backend for \(path): give the proxy its service's URL", code: "BAD_GATEWAY"), in: envelope), origin: origin))
        }
        var head = HTTPRequestHead(version: .http1_1, method: request.head.method,
                                   uri: backend.basePath + relative + (request.query.map { "?" + $0 } ?? ""))
        for (name, value) in request.head.headers {
            let lower = name.lowercased()
            if ProxiedRequest.hopByHop.contains(lower) || lower == "host" || lower == "content-length" || lower == "expect" { continue }
            head.headers.add(name: name, value: value)
        }
        head.headers.add(name: "Host", value: backend.authority)
        if request.body.readableBytes > 0 || [.POST, .PUT, .PATCH].contains(request.head.method) {
            head.headers.add(name: "Content-Length", value: String(request.body.readableBytes))
        }
        let watch = AnswerWatch(proxy: proxy, endpoint: endpoint, service: service, method: request.method, path: String(path),
                                request: request, parameters: parameters, query: query, origin: origin)
        return .forward(Forwarding(backend: backend, head: head, body: request.body, watch: watch))
    }

    /// A refusal the proxy answers itself carries the CORS headers `serve` would, so a browser's
    /// script can read it.
    func withCORS(_ answer: LocalAnswer, origin: String?) -> LocalAnswer {
        guard !configuration.passCORS else { return answer }
        var answer = answer
        answer.headers += configuration.cors.headers(for: origin).map { ($0.name.rawName, $0.value) }
        return answer
    }
}
