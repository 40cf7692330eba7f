import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// The outermost stage: times every request and records it — method, path, status, the endpoint
/// it reached, its field errors and tenant (from `MockRequestContext.note` and the headers) — in
/// the `RequestLog`. While a dashboard watches the feed, the request and answer are kept in full
/// and the entry goes to the feed once the answer has been written.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = MockRequestContext

    let log: RequestLog
    let listener: String
    private let tenantHeader: HTTPField.Name?
    private let tenantQuery: String?

    init(log: RequestLog, listener: String, tenancy: TenancyConventions?) {
        self.log = log
        self.listener = listener
        tenantHeader = tenancy.flatMap { HTTPField.Name($0.headerKey) }
        tenantQuery = tenancy?.query
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let capturing = log.feed.isWatched
        if capturing { context.note.capture() }
        var response = try await next(request, context)
        let elapsed = started.duration(to: .now)
        let note = context.note.current
        var entry = RequestLog.Entry(
            time: Date(), listener: listener, method: request.method.rawValue, path: request.uri.path, query: request.uri.query, status: response.status.code,
            endpointID: note.endpointID, milliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            errors: note.fieldErrors, tenant: tenant(of: request), closest: note.closest)
        log.record(entry)
        guard capturing else { return response }
        let requestHeaders = request.headers.map { ($0.name.rawName, $0.value) }
        let responseHeaders = response.headers.map { ($0.name.rawName, $0.value) }
        let kept = RequestLog.Exchange(requestHeaders: requestHeaders, requestBody: note.body ?? [], responseHeaders: responseHeaders, responseBody: nil)
        if response.headers[.contentType]?.hasPrefix("text/event-stream") == true {
            entry.exchange = kept
            log.feed.publish(entry)
            return response
        }
        let original = response.body
        let feed = log.feed
        let finished = entry
        response.body = ResponseBody(contentLength: original.contentLength) { writer in
            let collector = ByteCollector()
            defer {
                var entry = finished
                entry.exchange = kept
                entry.exchange?.responseBody = collector.bytes
                feed.publish(entry)
            }
            try await original.write(writer.map { buffer in
                collector.append(buffer)
                return buffer
            })
        }
        return response
    }

    private func tenant(of request: Request) -> String? {
        if let tenantHeader, let value = request.headers[tenantHeader] { return value }
        guard let parameter = tenantQuery, let query = request.uri.query else { return nil }
        return QueryString.parse(Substring(query)).first { $0.0 == parameter }?.1
    }
}

/// The bytes of an answer as it is written, up to a limit (the dashboard shows no more).
final class ByteCollector: Sendable {
    private let kept = Mutex<[UInt8]>([])
    let limit: Int

    init(limit: Int = Redaction.bodyLimit + 1) { self.limit = limit }

    var bytes: [UInt8] { kept.withLock { $0 } }

    func append(_ buffer: ByteBuffer) {
        kept.withLock { bytes in
            let room = limit - bytes.count
            guard room > 0 else { return }
            bytes += buffer.readableBytesView.prefix(room)
        }
    }
}
