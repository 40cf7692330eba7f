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
    public let engine: FakeEngine
    public let host: String
    public let listeners: [Listener]
    public let options: MockOptions
    let log: RequestLog
    let admin: AdminAPI

    public init(engine: FakeEngine, host: String = "127.0.0.1", listeners: [Listener], options: MockOptions = MockOptions()) {
        self.engine = engine
        self.host = host
        self.listeners = listeners
        self.options = options
        self.log = RequestLog(quiet: options.quiet)
        self.admin = AdminAPI(engine: engine, log: log, started: Date())
    }

    /// One listener per service on the given ports (the frontend's defaults unless overridden).
    public static func serviceListeners(_ contracts: ContractSet, ports: [String: Int]) -> [Listener] {
        contracts.services.map { Listener.service($0, contracts: contracts, port: ports[$0.name] ?? $0.port) }
    }

    /// The Hummingbird application of one listener; tests drive it in-process with HummingbirdTesting.
    public func application(for listener: Listener, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "understudy.\(listener.name)")
        logger.logLevel = .warning
        // The headers a browser may send and read come from services.yaml's `cors`.
        var options = options
        options.cors = options.cors.declaring(engine.contracts.conventions.cors)
        let envelope = engine.contracts.conventions.envelope
        var stages: any EndpointStages = ContractStages(engine: engine, heartbeat: options.heartbeat)
        if options.strict { stages = StrictStages(base: stages) }
        if let plan = options.mutations { stages = MutatingStages(base: stages, plan: plan) }
        let responder = ListenerResponder(
            log: RequestLogMiddleware(log: log),
            crossOrigin: CrossOriginMiddleware(policy: options.cors, envelope: envelope),
            admin: AdminMiddleware(admin: admin, faults: options.faults, mutations: options.mutations),
            routing: RoutingMiddleware(listener: listener, envelope: envelope),
            faults: FaultMiddleware(faults: options.faults, engine: engine),
            endpoint: EndpointResponder(stages: stages, maxBodyBytes: options.maxBodyBytes))
        return Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: listener.port), serverName: "Understudy"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? listener.port) },
            logger: logger)
    }

    /// Runs every listener until SIGINT or SIGTERM; `onReady` gets each listener's URL once all are bound.
    public func run(onReady: @escaping @Sendable ([(name: String, url: String)]) -> Void) async throws {
        try await ListenerGroup.run(listeners, host: host, label: "understudy", application: { application(for: $0, onRunning: $1) }, onReady: onReady)
    }
}
