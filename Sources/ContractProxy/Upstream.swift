import Conformance
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One keep-alive connection to a backend, owned by one client connection and on its event loop:
/// the bytes of an answer go from one socket to the other without a thread hop, and a client's
/// fifty connections are the backend's fifty, as they would be without the proxy.
///
/// ```swift
/// Upstream.connect(to: backend, on: context.eventLoop, timeout: .seconds(2), tls: nil, events: bound)
///     .assumeIsolated().whenComplete { result in let upstream = try Upstream.of(result.get()) … }
/// ```
final class Upstream {
    /// What the backend's connection says, in order.
    enum Event {
        case head(HTTPResponseHead)
        case body(ByteBuffer)
        case end
        /// A burst of reads is over: the time to flush what was passed on.
        case readComplete
        case closed
        case failed(any Error)
    }

    let backend: BackendAddress
    let channel: any Channel
    /// Exchanges completed on it: a reused connection may have been closed by the backend
    /// meanwhile, and a request lost that way is sent once more.
    var served = 0

    init(backend: BackendAddress, channel: any Channel) {
        self.backend = backend
        self.channel = channel
    }

    static func connect(
        to backend: BackendAddress, on eventLoop: any EventLoop, timeout: TimeAmount, tls: NIOSSLContext?,
        events: NIOLoopBound<(Upstream, Event) -> Void>
    ) -> EventLoopFuture<any Channel> {
        ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upstream = Upstream(backend: backend, channel: channel)
                    if backend.tls, let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: backend.serverName))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(UpstreamHandler(upstream: upstream, events: events.value))
                }
            }
            .connect(host: backend.host, port: backend.port)
    }

    /// The connection a channel of `connect` carries (on its event loop).
    static func of(_ channel: any Channel) throws -> Upstream {
        try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self).upstream
    }
}

/// Turns the backend connection's pipeline events into `Upstream.Event`s for its owner.
final class UpstreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    let upstream: Upstream
    let events: (Upstream, Upstream.Event) -> Void

    init(upstream: Upstream, events: @escaping (Upstream, Upstream.Event) -> Void) {
        self.upstream = upstream
        self.events = events
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): events(upstream, .head(head))
        case .body(let chunk): events(upstream, .body(chunk))
        case .end: events(upstream, .end)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) { events(upstream, .readComplete) }
    func channelInactive(context: ChannelHandlerContext) { events(upstream, .closed) }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        events(upstream, .failed(error))
        context.close(promise: nil)
    }
}

extension BackendAddress {
    /// The name TLS checks the certificate against (none for an IP address).
    var serverName: String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
