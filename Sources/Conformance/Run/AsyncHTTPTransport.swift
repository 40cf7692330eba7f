import Contracts
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// AsyncHTTPClient: one shared client, no redirects, a deadline per request, a body cap, retries for
/// connection failures (refused, reset) — never for timeouts or answered requests.
public final class AsyncHTTPTransport: Transport {
    public let client: HTTPClient
    public let timeout: TimeAmount
    public let retries: Int
    public let bodyCap: Int

    public init(timeout: Duration = .seconds(10), retries: Int = 1, bodyCap: Int = 2 << 20) {
        self.timeout = .nanoseconds(timeout.wholeNanoseconds)
        self.retries = retries
        self.bodyCap = bodyCap
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: self.timeout, read: self.timeout)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Shuts the client down; call once, at the end of the run.
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func send(_ request: WireRequest) async -> HTTPOutcome {
        await withRetries { try await self.exchange(request, readBody: true) }
    }

    public func open(_ request: WireRequest) async -> HTTPOutcome {
        await withRetries { try await self.exchange(request, readBody: false) }
    }

    public func listen(
        _ wire: WireRequest, wait: Duration, afterOpen: @escaping @Sendable () async -> Void,
        enough: @escaping @Sendable (StreamReading) -> Bool
    ) async -> (HTTPOutcome, StreamReading) {
        var request = HTTPClientRequest(url: wire.url)
        request.method = HTTPMethod(rawValue: wire.method)
        for (name, value) in wire.headers { request.headers.add(name: name, value: value) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            return (.failure(Self.classify(error)), StreamReading())
        }
        let head = HTTPAnswer(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) })
        guard (200..<300).contains(head.status) else { return (.response(head), StreamReading()) }
        let body = response.body
        let opened = ContinuousClock.now
        let events = await withTaskGroup(of: StreamReading?.self) { group in
            group.addTask {
                var parser = EventStreamParser()
                var reading = StreamReading()
                do {
                    for try await chunk in body {
                        let before = parser.comments
                        reading.events += parser.feed(chunk.readableBytesView)
                        // A comment sent with the head (`: connected`) is no heartbeat; a later one is.
                        if parser.comments > before, opened.duration(to: .now) > .milliseconds(500) {
                            reading.heartbeats += parser.comments - before
                        }
                        if enough(reading) { break }
                    }
                } catch {}
                return reading
            }
            await afterOpen()  // while the stream is being read
            group.addTask {
                try? await Task.sleep(for: wait)
                return nil
            }
            // Whichever ends first — enough events, the stream closing, or the wait — ends the listening.
            var result = StreamReading()
            while let finished = await group.next() {
                if let received = finished {
                    result = received
                    break
                }
                group.cancelAll()
            }
            group.cancelAll()
            return result
        }
        return (.response(head), events)
    }

    private func withRetries(_ attempt: @Sendable () async throws -> HTTPAnswer) async -> HTTPOutcome {
        var failure = TransportFailure(kind: .other, message: "not sent")
        for _ in 0...max(0, retries) {
            do {
                return .response(try await attempt())
            } catch {
                failure = Self.classify(error)
                if failure.kind == .timeout { break }
            }
        }
        return .failure(failure)
    }

    private func exchange(_ wire: WireRequest, readBody: Bool) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: wire.url)
        request.method = HTTPMethod(rawValue: wire.method)
        for (name, value) in wire.headers { request.headers.add(name: name, value: value) }
        if let body = wire.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: timeout)
        var answer = HTTPAnswer(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) })
        // A stream is closed after its head (dropping the body cancels it); a refusal's body is read.
        guard readBody || !(200..<300).contains(answer.status) else { return answer }
        for try await chunk in response.body {
            if answer.body.count + chunk.readableBytes > bodyCap {
                answer.truncated = true
                break  // the rest is never read; dropping the iterator closes the connection
            }
            answer.body += chunk.readableBytesView
        }
        return answer
    }

    public static func classify(_ error: any Error) -> TransportFailure {
        let text = String(describing: error)
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return TransportFailure(kind: .timeout, message: "no answer within the timeout (\(text))")
            case .remoteConnectionClosed:
                return TransportFailure(kind: .reset, message: "the server closed the connection before answering")
            default: break
            }
        }
        let lower = text.lowercased()
        if lower.contains("refused") { return TransportFailure(kind: .refused, message: "connection refused (\(text))") }
        if lower.contains("reset") || lower.contains("closed") || lower.contains("eof") {
            return TransportFailure(kind: .reset, message: "connection reset (\(text))")
        }
        if lower.contains("timeout") || lower.contains("timed out") { return TransportFailure(kind: .timeout, message: "timed out (\(text))") }
        return TransportFailure(kind: .other, message: text)
    }
}
