import Conformance
import Contracts
import Foundation
import Hummingbird
import Logging
import MockServer
import ServiceLifecycle

/// `understudy proxy`: the contracts checked live between a client and a real backend.
///
/// ```swift
/// let proxy = ContractProxy(contracts: contracts, listeners: MockServer.serviceListeners(contracts, ports: [:]),
///                           configuration: ProxyConfiguration(backends: .gateway("https://staging.example.com", contracts: contracts)))
/// try await proxy.run { urls in print(urls) }          // until SIGINT/SIGTERM
/// let run = proxy.book.run(endpoints: contracts.endpoints, target: proxy.reportTarget, startedAt: proxy.started)
/// ```
public final class ContractProxy: Sendable {
    public let contracts: ContractSet
    public let listeners: [Listener]
    public let configuration: ProxyConfiguration
    public let host: String
    public let book = DivergenceBook()
    public let started = Date()
    let forwarder: Forwarder
    let check: TrafficCheck
    /// With `--record`: the records the real answers show.
    public let recorder: Recorder?
    /// `POST /__understudy/report` writes the reports the command was asked for (set by the CLI).
    let reportWriter: (@Sendable (ContractProxy) throws -> [String])?
    private let printLine: @Sendable (String) -> Void

    public init(contracts: ContractSet, listeners: [Listener], configuration: ProxyConfiguration, host: String = "127.0.0.1",
                reportWriter: (@Sendable (ContractProxy) throws -> [String])? = nil,
                printLine: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.contracts = contracts
        self.listeners = listeners
        var configuration = configuration
        configuration.cors = configuration.cors.declaring(contracts.conventions.cors)
        self.configuration = configuration
        self.host = host
        forwarder = Forwarder(configuration: configuration)
        check = TrafficCheck(contracts: contracts, checker: ResponseChecker(bodyCap: configuration.maxBodyBytes, envelope: contracts.conventions.envelope))
        recorder = configuration.record ? Recorder(contracts: contracts) : nil
        self.reportWriter = reportWriter
        self.printLine = printLine
    }

    /// The backends as reports name them (`mode: proxy`).
    public var reportTarget: Target { Target(bases: configuration.backends.bases, mode: "proxy") }

    /// The traffic so far as a run.
    public var run: RunResult { book.run(endpoints: contracts.endpoints, target: reportTarget, startedAt: started) }

    /// Divergences seen for the first time get one console line each.
    func report(_ divergences: [Divergence], service: String, method: String, path: String) {
        guard !divergences.isEmpty else { return }
        for divergence in book.add(divergences, service: service) {
            console("✗ \(divergence.endpointID) \(method) \(path) — \(divergence.line)")
        }
    }

    func console(_ line: String) {
        guard !configuration.quiet else { return }
        printLine(line)
    }

    /// The Hummingbird application of one listener (tests drive it with HummingbirdTesting).
    public func application(for listener: Listener, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "understudy.proxy.\(listener.name)")
        logger.logLevel = .warning
        return Application(
            responder: ProxyResponder(listener: listener, proxy: self),
            configuration: .init(address: .hostname(host, port: listener.port), serverName: "Understudy proxy"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? listener.port) },
            logger: logger)
    }

    /// Runs every listener until SIGINT or SIGTERM; `onReady` gets each listener's URL once all are bound.
    public func run(onReady: @escaping @Sendable ([(name: String, url: String)]) -> Void) async throws {
        try await ListenerGroup.run(listeners, host: host, label: "understudy.proxy", application: { application(for: $0, onRunning: $1) }, onReady: onReady)
    }

    public func shutdown() async { await forwarder.shutdown() }
}
