import Contracts
import Fakes
import Foundation
import MockServer

/// `serve --watch`: the contracts and fixtures linted again after every edit and, when clean,
/// served from the next request on — state, sessions and open streams kept.
///
/// ```swift
/// let reload = LiveReload(server: server, contracts: "contracts", fixtures: "fixtures", builtins: registry.catalog)
/// await reload.watch { outcome in outcome.lines.forEach { print($0) } }   // until cancelled
/// ```
///
/// Stages: watch (`ContractWatcher`, the changed paths) → lint (`Linter`, diagnostics or a
/// contract set and scenarios) → put in force (`MockServer.reload`, a `ReloadSummary`).
public struct LiveReload: Sendable {
    public let server: MockServer
    public let contracts: String
    public let fixtures: String?
    public let decisions: String?
    public let builtins: BuiltinCatalog?
    public var interval: Duration
    /// The files as the served set was read (by default: when this value is made).
    public var baseline: FolderFingerprint

    public init(server: MockServer, contracts: String, fixtures: String?, decisions: String? = nil, builtins: BuiltinCatalog? = nil,
                interval: Duration = .milliseconds(150), baseline: FolderFingerprint? = nil) {
        self.baseline = baseline ?? FolderFingerprint(Self.roots(contracts, fixtures, decisions))
        self.server = server
        self.contracts = contracts
        self.fixtures = fixtures
        self.decisions = decisions
        self.builtins = builtins
        self.interval = interval
    }

    /// Lints the folders and, if they are clean, serves them.
    public func attempt(changed: [String] = []) async -> ReloadOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let report = Linter.lint(contracts: contracts, fixtures: fixtures, decisions: decisions, builtins: builtins)
        guard !report.hasErrors else { return .refused(report.diagnostics, changed: changed) }
        do {
            let summary = try await server.reload(contracts: report.contracts, scenarios: report.scenarios)
            return .reloaded(summary, changed: changed, took: clock.now - start)
        } catch {
            return .failed(error.message, changed: changed)
        }
    }

    /// The folders (and decisions file) a reload reads.
    public static func roots(_ contracts: String, _ fixtures: String?, _ decisions: String?) -> [String] {
        [contracts] + [fixtures, decisions].compactMap { $0 }
    }

    /// Reloads after each settled edit until the task is cancelled.
    public func watch(onOutcome: @Sendable (ReloadOutcome) -> Void) async {
        let watcher = ContractWatcher(roots: Self.roots(contracts, fixtures, decisions), interval: interval, baseline: baseline)
        for await changed in watcher.changes() {
            onOutcome(await attempt(changed: changed))
        }
    }
}
