import Conformance
import Contracts
import Foundation
import MockServer
import NIOSSL
import ServiceLifecycle
import Synchronization

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
    let check: TrafficCheck
    /// Verdicts already given on identical answers.
    let memo = CheckMemo()
    /// Each service's backend, as the connections to it are made.
    let backends: [String: BackendAddress]
    /// Answers forwarded whose verdict is not in the book yet (each is checked just after the
    /// client has it, so that the check never adds to the client's wait).
    let watching = Atomic<Int>(0)
    /// For `https` backends: the system's trust roots, the backend's name checked.
    let tls: NIOSSLContext?
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
        backends = configuration.backends.bases.compactMapValues(BackendAddress.init)
        tls = backends.values.contains(where: \.tls) ? try? NIOSSLContext(configuration: .makeClientConfiguration()) : nil
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

    /// Waits (at most `limit`) until every answer passed on so far has its verdict in the book:
    /// before the reports are written, and in tests before they read the book.
    public func settle(within limit: Duration = .seconds(2)) async {
        let clock = ContinuousClock()
        let end = clock.now + limit
        while watching.load(ordering: .acquiring) > 0, clock.now < end { try? await Task.sleep(for: .milliseconds(2)) }
    }

    /// Whether `url` names a backend the proxy can reach: http or https, with a host.
    public static func canForward(to url: String) -> Bool { BackendAddress(url) != nil }

    /// The service of one listener (port 0 picks a free one; `onRunning` gets the bound port).
    public func listenerService(for listener: Listener, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> ProxyListener {
        ProxyListener(listener: listener, proxy: self, onRunning: onRunning)
    }

    /// Runs every listener until SIGINT or SIGTERM; `onReady` gets each listener's URL once all are bound.
    public func run(onReady: @escaping @Sendable ([(name: String, url: String)]) -> Void) async throws {
        try await ListenerGroup.run(listeners, host: host, label: "understudy.proxy", application: { listenerService(for: $0, onRunning: $1) }, onReady: onReady)
    }
}
