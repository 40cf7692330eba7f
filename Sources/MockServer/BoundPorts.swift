import Contracts
import Fakes
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Collects the real ports (port 0 picks a free one) until every listener is up (`serve`, `proxy`).
public actor BoundPorts {
    private var ports: [(name: String, port: Int)] = []
    private let expected: Int

    public init(expected: Int) { self.expected = expected }

    public func add(name: String, port: Int) -> [(name: String, port: Int)]? {
        ports.append((name, port))
        return ports.count == expected ? ports : nil
    }
}

/// One application per listener, run until SIGINT or SIGTERM: how `serve` and `proxy` run.
///
/// ```swift
/// try await ListenerGroup.run(listeners, host: "127.0.0.1", label: "understudy",
///                             application: { listener, onRunning in server.application(for: listener, onRunning: onRunning) },
///                             onReady: { urls in print(urls) })
/// ```
public enum ListenerGroup {
    /// `onReady` gets each listener's URL once all are bound (port 0 picks a free one).
    public static func run(
        _ listeners: [Listener], host: String, label: String,
        application: (Listener, _ onRunning: @escaping @Sendable (Int) async -> Void) -> any ServiceLifecycle.Service,
        onReady: @escaping @Sendable ([(name: String, url: String)]) -> Void
    ) async throws {
        let bound = BoundPorts(expected: listeners.count)
        let services = listeners.map { listener in
            application(listener) { port in
                if let all = await bound.add(name: listener.name, port: port) { onReady(all.map { ($0.name, "http://\(host):\($0.port)") }) }
            }
        }
        var logger = Logger(label: label)
        logger.logLevel = .warning
        try await ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
    }
}
