import Conformance
import Contracts
import JSON
import NIOCore
import NIOHTTP1

/// What the proxy makes of one backend answer while it passes through: the body kept (up to
/// `maxBodyBytes`) and checked once the client has it all, a stream's events checked one by one as
/// they arrive and its promises when it ends, a broken answer reported as the transport failure
/// it is. Confined to the client connection's event loop; each method is one event of the answer.
///
/// ```swift
/// watch.head(head); watch.body(chunk); watch.end()      // → divergences reported, records kept
/// watch.failed(TransportFailure(kind: .timeout, message: "…"))
/// ```
final class AnswerWatch {
    let proxy: ContractProxy
    let endpoint: Endpoint?
    let service: String
    let method: String
    let path: String
    let request: ProxiedRequest
    let parameters: [String: String]
    let query: [String: JSONValue]
    let origin: String?

    private var status = 0
    private var headers: [(name: String, value: String)] = []
    private var body: [UInt8] = []
    private var truncated = false
    private var stream: EventStreamParser?
    private var events: [ServerSentEvent] = []
    private var done = false
    private var pending = true

    init(proxy: ContractProxy, endpoint: Endpoint?, service: String, method: String, path: String, request: ProxiedRequest,
         parameters: [String: String], query: [String: JSONValue], origin: String?) {
        self.proxy = proxy
        self.endpoint = endpoint
        self.service = service
        self.method = method
        self.path = path
        self.request = request
        self.parameters = parameters
        self.query = query
        self.origin = origin
        proxy.watching.add(1, ordering: .relaxed)
    }

    func head(_ head: HTTPResponseHead) {
        status = Int(head.status.code)
        headers = head.headers.map { ($0.name, $0.value) }
        let mediaType = head.headers.first(name: "content-type")?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        if mediaType == "text/event-stream" {
            stream = EventStreamParser()
            // A stream's events are checked as they pass; there is no verdict to wait for.
            settled()
        }
    }

    func body(_ chunk: ByteBuffer) {
        guard let endpoint, !done else { return }
        if stream != nil {
            let fresh = stream!.feed(chunk.readableBytesView)
            guard !fresh.isEmpty else { return }
            events += fresh
            report(proxy.check.events(fresh, endpoint: endpoint, final: false))
            return
        }
        guard !truncated else { return }
        if body.count + chunk.readableBytes > proxy.configuration.maxBodyBytes {
            truncated = true
            body = []
        } else {
            body.append(contentsOf: chunk.readableBytesView)
        }
    }

    /// The answer is complete (or, for a stream, the client or backend went away).
    func end() {
        guard !done else { return }
        done = true
        defer { settled() }
        guard let endpoint else { return }
        if stream != nil {
            if !events.isEmpty { report(proxy.check.events(events, endpoint: endpoint, final: true).filter { $0.kind == .event }) }
            return
        }
        let answer = HTTPAnswer(status: status, headers: headers, body: body, truncated: truncated)
        let check = proxy.check
        report(proxy.memo.verdict(for: answer, endpoint: endpoint) { check.answer(answer, endpoint: endpoint) })
        proxy.recorder?.observe(answer, endpoint: endpoint, request: request, path: parameters, query: query)
    }

    /// The client went away: a stream it was reading is over (its events get the final check);
    /// any other answer was not seen whole, so it has no verdict.
    func abandoned() {
        if stream != nil { return end() }
        guard !done else { return }
        done = true
        settled()
    }

    /// The backend could not be reached, did not answer in time, or broke off.
    func failed(_ failure: TransportFailure) {
        guard !done else { return }
        if stream != nil { return end() }
        done = true
        defer { settled() }
        guard let endpoint else { return }
        report(proxy.check.failure(failure, endpoint: endpoint))
    }

    /// Counted out of `ContractProxy.watching`, once.
    private func settled() {
        guard pending else { return }
        pending = false
        proxy.watching.subtract(1, ordering: .releasing)
    }

    private func report(_ divergences: [Divergence]) {
        proxy.report(divergences, service: service, method: method, path: path)
    }
}
