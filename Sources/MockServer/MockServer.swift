import Contracts
import Fakes
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `understudy serve`: the listeners, each a Hummingbird application over one chain of stages —
/// request log → CORS → admin API → routing → faults → the endpoint's stages (`EndpointStages`).
///
/// ```swift
/// let server = MockServer(engine: engine, listeners: MockServer.defaultListeners(contracts, host: "127.0.0.1"))
/// try await server.run { urls in print(urls) }   // until SIGINT/SIGTERM
/// ```
public struct MockServer: Sendable {
    public let host: String
    /// The listeners as the server started them (names and ports stay for its life).
    public let listeners: [Listener]
    public let options: MockOptions
    let log: RequestLog
    let started: Date
    let urls = ListenerURLs()
    let live: LiveGeneration

    public init(engine: FakeEngine, host: String = "127.0.0.1", listeners: [Listener], options: MockOptions = MockOptions()) {
        self.host = host
        self.listeners = listeners
        self.options = options
        let log = RequestLog(quiet: options.quiet)
        let started = Date()
        self.log = log
        self.started = started
        live = LiveGeneration(ServingGeneration(engine: engine, listeners: listeners, options: options, log: log, started: started, urls: urls))
    }

    /// The engine in force (a reload replaces it; state, sessions and streams carry over).
    public var engine: FakeEngine { live.generation.engine }

    /// One listener per service on the given ports (the frontend's defaults unless overridden).
    public static func serviceListeners(_ contracts: ContractSet, ports: [String: Int]) -> [Listener] {
        contracts.services.map { Listener.service($0, contracts: contracts, port: ports[$0.name] ?? $0.port) }
    }

    /// The Hummingbird application of one listener; tests drive it in-process with HummingbirdTesting.
    public func application(for listener: Listener, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "understudy.\(listener.name)")
        logger.logLevel = .warning
        let index = listeners.firstIndex { $0.name == listener.name } ?? 0
        return Application(
            responder: GenerationResponder(live: live, index: index),
            configuration: .init(address: .hostname(host, port: listener.port), serverName: "Understudy"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? listener.port) },
            logger: logger)
    }

    /// Runs every listener until SIGINT or SIGTERM; `onReady` gets each listener's URL once all are bound.
    public func run(onReady: @escaping @Sendable ([(name: String, url: String)]) -> Void) async throws {
        let urls = urls
        let services = Dictionary(listeners.map { ($0.name, $0.service) }, uniquingKeysWith: { first, _ in first })
        try await ListenerGroup.run(listeners, host: host, label: "understudy", application: { application(for: $0, onRunning: $1) }) { bound in
            urls.set(bound.map { ListenerURLs.Bound(name: $0.name, url: $0.url, service: services[$0.name] ?? nil) })
            onReady(bound)
        }
    }
}
