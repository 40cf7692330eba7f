import AsyncHTTPClient
import Conformance
import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import MockServer
import NIOCore

/// One listener of `understudy proxy`: every request is matched to its endpoint with `serve`'s
/// route tables, checked, forwarded unchanged, and its answer checked and passed back unchanged —
/// a stream event by event, as it arrives.
struct ProxyResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let listener: Listener
    let proxy: ContractProxy

    var contracts: ContractSet { proxy.contracts }
    var configuration: ProxyConfiguration { proxy.configuration }
    var envelope: EnvelopeConventions { contracts.conventions.envelope }

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = Substring(request.uri.path)
        if path.hasPrefix(ProxyAdmin.prefix) { return await ProxyAdmin(proxy: proxy).respond(to: request, path: path) }
        let origin = request.headers[.origin]
        if !configuration.passCORS, request.method == .options, let origin, request.headers[.accessControlRequestMethod] != nil {
            guard let fields = configuration.cors.preflightHeaders(for: origin, requestedHeaders: request.headers[.accessControlRequestHeaders]) else {
                return ResponseWriter.error(FakeError(status: 403, "Origin \(origin) is not allowed", code: "CORS_ORIGIN_DENIED"), in: envelope)
            }
            return Response(status: .noContent, headers: fields)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        } catch {
            return ResponseWriter.error(FakeError(status: 413, "The request body is larger than \(configuration.maxBodyBytes) bytes", code: "PAYLOAD_TOO_LARGE"), in: envelope)
        }
        var endpoint: Endpoint?
        var parameters: [String: String] = [:]
        var query: [String: JSONValue] = [:]
        var service: String?
        var relative = path
        switch Contracts.HTTPMethod(rawValue: request.method.rawValue).map({ listener.match(method: $0, path: path) }) {
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
        let check = proxy.check
        if let endpoint {
            proxy.book.saw(endpoint.id)
            switch check.request(request, body: body, endpoint: endpoint) {
            case .conforming(let converted):
                query = converted
            case .refused(let refusal, let divergences):
                proxy.report(divergences, service: service ?? endpoint.service, method: request.method.rawValue, path: String(path))
                if configuration.strict { return ResponseWriter.error(refusal, in: envelope) }
            }
        } else if proxy.book.unmatched(method: request.method.rawValue, path: String(path), service: service) {
            proxy.console("? \(request.method.rawValue) \(path) — not in the contracts" + (service.map { " (forwarded to \($0))" } ?? ""))
        }
        guard let service, let base = configuration.backends.bases[service] else {
            return ResponseWriter.error(FakeError(status: 502, "No backend for \(path): give the proxy its service's URL", code: "BAD_GATEWAY"), in: envelope)
        }
        let url = base + relative + (request.uri.query.map { "?" + $0 } ?? "")
        let answer: HTTPClientResponse
        do {
            answer = try await proxy.forwarder.forward(request, body: body, to: url)
        } catch {
            let failure = AsyncHTTPTransport.classify(error)
            let status = failure.kind == .timeout ? 504 : 502
            if let endpoint { proxy.report(check.failure(failure, endpoint: endpoint), service: service, method: request.method.rawValue, path: String(path)) }
            let message = status == 504 ? "The backend did not answer in time: \(failure.message)" : "The backend could not be reached: \(failure.message)"
            return ResponseWriter.error(FakeError(status: status, message, code: status == 504 ? "GATEWAY_TIMEOUT" : "BAD_GATEWAY"), in: envelope)
        }
        var fields = HTTPFields()
        for header in answer.headers where !Forwarder.hopByHop.contains(header.name.lowercased()) {
            if !configuration.passCORS, header.name.lowercased().hasPrefix("access-control-") { continue }
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        if !configuration.passCORS { fields.append(contentsOf: configuration.cors.headers(for: origin)) }
        let status = HTTPResponse.Status(code: Int(answer.status.code))
        let mediaType = answer.headers.first(name: "content-type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if mediaType == "text/event-stream" {
            return Response(status: status, headers: fields, body: streamed(answer, endpoint: endpoint, service: service, method: request.method.rawValue, path: String(path)))
        }
        var bytes = ByteBuffer()
        do {
            for try await chunk in answer.body {
                guard bytes.readableBytes + chunk.readableBytes <= configuration.maxBodyBytes else {
                    throw TransportFailure(kind: .other, message: "the answer is larger than \(configuration.maxBodyBytes) bytes")
                }
                var chunk = chunk
                bytes.writeBuffer(&chunk)
            }
        } catch {
            let failure = error as? TransportFailure ?? AsyncHTTPTransport.classify(error)
            if let endpoint { proxy.report(check.failure(failure, endpoint: endpoint), service: service, method: request.method.rawValue, path: String(path)) }
            return ResponseWriter.error(FakeError(status: 502, "The backend's answer broke off: \(failure.message)", code: "BAD_GATEWAY"), in: envelope)
        }
        if let endpoint {
            let received = HTTPAnswer(status: Int(answer.status.code), headers: answer.headers.map { ($0.name, $0.value) }, body: Array(bytes.readableBytesView))
            proxy.report(check.answer(received, endpoint: endpoint), service: service, method: request.method.rawValue, path: String(path))
            proxy.recorder?.observe(received, endpoint: endpoint, request: request, path: parameters, query: query)
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: bytes))
    }

    /// A stream passed through chunk by chunk as it arrives; each event is checked when it is
    /// complete, the promise (increasing ids) when the stream ends.
    private func streamed(_ answer: HTTPClientResponse, endpoint: Endpoint?, service: String, method: String, path: String) -> ResponseBody {
        let proxy = self.proxy
        return ResponseBody { writer in
            var parser = EventStreamParser()
            var events: [ServerSentEvent] = []
            do {
                for try await chunk in answer.body {
                    try await writer.write(chunk)
                    let fresh = parser.feed(chunk.readableBytesView)
                    guard let endpoint, !fresh.isEmpty else { continue }
                    events += fresh
                    proxy.report(proxy.check.events(fresh, endpoint: endpoint, final: false), service: service, method: method, path: path)
                }
            } catch {}
            if let endpoint, !events.isEmpty {
                proxy.report(proxy.check.events(events, endpoint: endpoint, final: true).filter { $0.kind == .event }, service: service, method: method, path: path)
            }
            try? await writer.finish(nil)
        }
    }
}
