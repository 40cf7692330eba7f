import Conformance
import Fakes
import NIOCore
import NIOHTTP1
import NIOSSL

/// One client connection of the proxy: each request read whole, planned (`ProxyPlanner`), then
/// answered here or sent to its backend over this connection's own upstream connection, whose
/// answer is passed back part by part as it is read — flushed at the end of each burst of reads,
/// so a stream's events reach the client as they arrive — and checked (`AnswerWatch`) once the
/// client has it. Requests on one connection come one at a time (the pipeline handler before this
/// one holds a pipelined request until the answer before it is complete).
///
/// A backend that cannot be reached or goes quiet for `readTimeout` before its answer starts gets
/// the documented 502/504; one that breaks off after it started closes the client connection
/// (there is no honest way to finish the answer). A reused backend connection the backend closed
/// meanwhile is retried once for an idempotent request.
final class ExchangeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Reading {
        case idle
        case request(HTTPRequestHead, ByteBuffer, tooLarge: Bool)
        case waiting
    }

    /// The request in flight to a backend.
    private final class Exchange {
        let forwarding: Forwarding
        let version: HTTPVersion
        let keepAlive: Bool
        var upstream: Upstream?
        var answered = false
        var upstreamKeepAlive = true
        var clientKeepAlive: Bool
        var retried = false
        /// Reads from the backend stopped while the client cannot take more.
        var paused = false
        var lastRead = NIODeadline.now()
        var timer: Scheduled<Void>?

        init(forwarding: Forwarding, version: HTTPVersion, keepAlive: Bool) {
            self.forwarding = forwarding
            self.version = version
            self.keepAlive = keepAlive
            clientKeepAlive = keepAlive
        }
    }

    let planner: ProxyPlanner
    private var proxy: ContractProxy { planner.proxy }
    private var configuration: ProxyConfiguration { planner.configuration }
    private var reading = Reading.idle
    private var exchange: Exchange?
    private var idle: [BackendAddress: Upstream] = [:]
    private var context: ChannelHandlerContext?
    private var events: NIOLoopBound<(Upstream, Upstream.Event) -> Void>?

    init(planner: ProxyPlanner) {
        self.planner = planner
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        events = NIOLoopBound({ [weak self] upstream, event in self?.upstream(upstream, event) }, eventLoop: context.eventLoop)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    // MARK: The client's side

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), reading) {
        case (.head(let head), _):
            reading = .request(head, context.channel.allocator.buffer(capacity: 0), tooLarge: false)
        case (.body(var chunk), .request(let head, var body, let tooLarge)):
            reading = .waiting
            let fits = !tooLarge && body.readableBytes + chunk.readableBytes <= configuration.maxBodyBytes
            if fits { body.writeBuffer(&chunk) }
            reading = .request(head, fits ? body : ByteBuffer(), tooLarge: !fits)
        case (.end, .request(let head, let body, let tooLarge)):
            reading = .waiting
            guard !tooLarge else {
                let refusal = FakeError(status: 413, "The request body is larger than \(configuration.maxBodyBytes) bytes", code: "PAYLOAD_TOO_LARGE")
                return answer(.error(refusal, in: planner.envelope), to: head, context: context)
            }
            switch planner.plan(ProxiedRequest(head: head, body: body)) {
            case .answer(let local): answer(local, to: head, context: context)
            case .forward(let forwarding): start(Exchange(forwarding: forwarding, version: head.version, keepAlive: head.isKeepAlive), context: context)
            }
        case (.body, _), (.end, _):
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let exchange {
            self.exchange = nil
            exchange.timer?.cancel()
            exchange.upstream?.channel.close(promise: nil)
            // A stream the client left is over: its events so far get the final check.
            exchange.forwarding.watch.abandoned()
        }
        for upstream in idle.values { upstream.channel.close(promise: nil) }
        idle = [:]
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // Backpressure: a slow client stops the reads from its backend until it catches up.
        if let exchange, let channel = exchange.upstream?.channel {
            let writable = context.channel.isWritable
            exchange.paused = !writable
            channel.setOption(ChannelOptions.autoRead, value: writable).whenComplete { _ in }
            if writable { channel.read() }
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Writes an answer made here, whole.
    private func answer(_ local: LocalAnswer, to request: HTTPRequestHead, context: ChannelHandlerContext) {
        answer(local, version: request.version, method: request.method, keepAlive: request.isKeepAlive, context: context)
    }

    private func answer(_ local: LocalAnswer, version: HTTPVersion, method: HTTPMethod, keepAlive: Bool, context: ChannelHandlerContext) {
        var head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: local.status))
        for (name, value) in local.headers { head.headers.add(name: name, value: value) }
        head.headers.replaceOrAdd(name: "Content-Length", value: String(local.body.count))
        if !keepAlive { head.headers.replaceOrAdd(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !local.body.isEmpty, method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: local.body)))), promise: nil)
        }
        finish(keepAlive: keepAlive, context: context)
    }

    private func finish(keepAlive: Bool, context: ChannelHandlerContext) {
        reading = .idle
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive { written.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
    }

    // MARK: The backend's side

    private func start(_ exchange: Exchange, context: ChannelHandlerContext) {
        self.exchange = exchange
        let backend = exchange.forwarding.backend
        if let reused = idle.removeValue(forKey: backend), reused.channel.isActive { return send(exchange, on: reused) }
        guard let events else { return }
        Upstream.connect(to: backend, on: context.eventLoop, timeout: .nanoseconds(Int64(configuration.connectTimeout.wholeNanoseconds)),
                         tls: proxy.tls, events: events)
            .assumeIsolated().whenComplete { [weak self] result in
                guard let self, self.exchange === exchange else {
                    // The client left while the connection was being made.
                    if case .success(let channel) = result { channel.close(promise: nil) }
                    return
                }
                switch result {
                case .success(let channel):
                    do { self.send(exchange, on: try Upstream.of(channel)) } catch { self.lost(exchange, error) }
                case .failure(let error):
                    self.lost(exchange, error)
                }
            }
    }

    private func send(_ exchange: Exchange, on upstream: Upstream) {
        exchange.upstream = upstream
        let forwarding = exchange.forwarding
        upstream.channel.write(HTTPClientRequestPart.head(forwarding.head), promise: nil)
        if forwarding.body.readableBytes > 0 { upstream.channel.write(HTTPClientRequestPart.body(.byteBuffer(forwarding.body)), promise: nil) }
        upstream.channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        exchange.lastRead = .now()
        armTimer(exchange)
    }

    /// Fires `readTimeout` after the last read from the backend; re-armed while reads keep coming.
    private func armTimer(_ exchange: Exchange) {
        guard let context else { return }
        let timeout = TimeAmount.nanoseconds(Int64(configuration.readTimeout.wholeNanoseconds))
        exchange.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: exchange.lastRead + timeout) { [weak self] in
            guard let self, self.exchange === exchange else { return }
            if NIODeadline.now() - exchange.lastRead >= timeout {
                self.lost(exchange, TransportFailure(kind: .timeout, message: "no answer from the backend within \(self.configuration.readTimeout)"))
            } else {
                self.armTimer(exchange)
            }
        }
    }

    private func upstream(_ upstream: Upstream, _ event: Upstream.Event) {
        guard let exchange, exchange.upstream === upstream, let context else {
            // An idle connection: closed by the backend, or saying something nobody asked for.
            switch event {
            case .closed, .failed:
                if idle[upstream.backend] === upstream { idle[upstream.backend] = nil }
            case .head, .body:
                upstream.channel.close(promise: nil)
            case .end, .readComplete:
                break
            }
            return
        }
        let watch = exchange.forwarding.watch
        switch event {
        case .head(let head):
            exchange.lastRead = .now()
            // 100 Continue and other interim answers are the connection's business.
            guard head.status.code >= 200 else { return }
            exchange.answered = true
            exchange.upstreamKeepAlive = head.isKeepAlive
            if exchange.version == .http1_0 && !head.headers.contains(name: "content-length") { exchange.clientKeepAlive = false }
            watch.head(head)
            context.write(wrapOutboundOut(.head(clientHead(head, for: exchange))), promise: nil)
        case .body(let chunk):
            exchange.lastRead = .now()
            guard exchange.answered else { return }
            context.write(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
            watch.body(chunk)
        case .readComplete:
            context.flush()
        case .end:
            guard exchange.answered else { return }
            self.exchange = nil
            exchange.timer?.cancel()
            upstream.served += 1
            if exchange.paused { upstream.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in } }
            if exchange.upstreamKeepAlive { idle[upstream.backend] = upstream } else { upstream.channel.close(promise: nil) }
            finish(keepAlive: exchange.clientKeepAlive, context: context)
            watch.end()
        case .closed:
            lost(exchange, TransportFailure(kind: .reset, message: "the backend closed the connection before the answer was complete"))
        case .failed(let error):
            lost(exchange, error)
        }
    }

    /// The backend's connection failed, closed or went quiet during `exchange`.
    private func lost(_ exchange: Exchange, _ error: any Error) {
        guard let context else { return }
        exchange.timer?.cancel()
        let upstream = exchange.upstream
        exchange.upstream = nil
        upstream?.channel.close(promise: nil)
        let failure = error as? TransportFailure
            ?? (error is HTTPParserError ? TransportFailure(kind: .other, message: "the answer is not HTTP/1.x (\(error))") : AsyncHTTPTransport.classify(error))
        let method = exchange.forwarding.head.method
        if !exchange.answered, !exchange.retried, let upstream, upstream.served > 0, failure.kind != .timeout,
           [.GET, .HEAD, .OPTIONS, .PUT, .DELETE].contains(method) {
            exchange.retried = true
            return start(exchange, context: context)
        }
        self.exchange = nil
        exchange.forwarding.watch.failed(failure)
        guard !exchange.answered else {
            context.close(promise: nil)
            return
        }
        let timeout = failure.kind == .timeout
        let message = timeout ? "The backend did not answer in time: \(failure.message)"
            : failure.kind == .refused ? "The backend could not be reached: \(failure.message)"
            : "The backend gave no usable answer: \(failure.message)"
        let refusal = FakeError(status: timeout ? 504 : 502, message, code: timeout ? "GATEWAY_TIMEOUT" : "BAD_GATEWAY")
        let local = planner.withCORS(.error(refusal, in: planner.envelope), origin: exchange.forwarding.watch.origin)
        answer(local, version: exchange.version, method: method, keepAlive: exchange.keepAlive, context: context)
    }

    /// The backend's head as the client gets it: the connection's own headers dropped, and CORS
    /// the way `serve` answers it unless `--pass-cors`.
    private func clientHead(_ head: HTTPResponseHead, for exchange: Exchange) -> HTTPResponseHead {
        var out = HTTPResponseHead(version: exchange.version, status: head.status)
        let passCORS = configuration.passCORS
        for (name, value) in head.headers {
            let lower = name.lowercased()
            if ProxiedRequest.hopByHop.contains(lower) || (!passCORS && lower.hasPrefix("access-control-")) { continue }
            out.headers.add(name: name, value: value)
        }
        if !passCORS {
            for field in configuration.cors.headers(for: exchange.forwarding.watch.origin) { out.headers.add(name: field.name.rawName, value: field.value) }
        }
        if !exchange.clientKeepAlive { out.headers.add(name: "Connection", value: "close") }
        return out
    }
}
