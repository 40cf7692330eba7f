import MockServer
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// One listening socket of the proxy, as a `Service`: SwiftNIO's HTTP/1.1 server pipeline with an
/// `ExchangeHandler` per connection. Not Hummingbird, unlike `serve`: a proxy's work is moving
/// bytes between two sockets, and a router, request context and async body between them cost more
/// than the backend's own answer (docs/benchmarks.md has the figures).
///
/// ```swift
/// let service = proxy.listenerService(for: listener) { port in print("listening on \(port)") }
/// try await service.run()        // until cancelled or shut down gracefully
/// ```
public struct ProxyListener: Service {
    let listener: Listener
    let proxy: ContractProxy
    let onRunning: @Sendable (Int) async -> Void

    public func run() async throws {
        let planner = ProxyPlanner(listener: listener, proxy: proxy)
        let open = OpenChannels()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                open.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ExchangeHandler(planner: planner))
                }
            }
            .bind(host: proxy.host, port: listener.port)
            .get()
        await onRunning(server.localAddress?.port ?? listener.port)
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await server.closeFuture.get()
        } onCancelOrGracefulShutdown: {
            server.close(promise: nil)
            open.closeAll()
        }
    }
}

/// The client connections still open, closed with the listener (an SSE client would otherwise
/// keep its connection, and the backend's, past the proxy's end).
final class OpenChannels: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        channels.withLock { $0[key] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in _ = self?.channels.withLock { $0.removeValue(forKey: key) } }
    }

    func closeAll() {
        for channel in channels.withLock({ Array($0.values) }) { channel.close(promise: nil) }
    }
}
