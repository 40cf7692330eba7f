import Contracts
import Fakes

/// What a reload changed: the endpoints that came and went, what happened to the state, and
/// what needs a restart to take effect.
public struct ReloadSummary: Sendable {
    public var endpoints: Int
    public var added: [String]
    public var removed: [String]
    public var state: [StateCarryOver.Note]
    /// Changes a running server cannot make (a new service on a per-service listener, a port).
    public var restartNeeded: [String]
}

extension MockServer {
    /// Serves `contracts` and `scenarios` from the next request on, keeping the state (as
    /// `StateCarryOver` carries it), sessions, tokens' key, event ids and open streams, the
    /// listeners' sockets, the faults and the request log.
    ///
    /// ```swift
    /// let report = Linter.lint(contracts: dir, fixtures: fixtures)
    /// if report.diagnostics.isEmpty { let summary = try await server.reload(contracts: report.contracts, scenarios: report.scenarios) }
    /// ```
    ///
    /// One reload at a time (the watcher's loop is the only caller). Throws, changing nothing,
    /// when the active scenario is gone from the fixtures.
    public func reload(contracts: ContractSet, scenarios: [String: Scenario]) async throws(FakeError) -> ReloadSummary {
        let current = live.generation
        let (engine, notes) = try current.engine.reloaded(contracts: contracts, scenarios: scenarios)
        let listeners = current.listeners.map { $0.rebuilt(for: contracts) }
        live.replace(with: ServingGeneration(engine: engine, listeners: listeners, options: options, log: log, started: started, urls: urls))
        do {
            try await engine.store.flush()
        } catch {
            throw .internalError("reloaded, but the carried-over state could not be saved to the state file: \(error)")
        }
        let before = Set(current.engine.contracts.endpoints.map(\.id))
        let after = Set(contracts.endpoints.map(\.id))
        var restart: [String] = []
        let served = Set(listeners.compactMap(\.service))
        if listeners.contains(where: { $0.service != nil }) {
            for service in contracts.services where !served.contains(service.name) {
                restart.append("service '\(service.name)' is new: it gets a listener at the next start")
            }
        }
        for service in contracts.services {
            if let old = current.engine.contracts.service(named: service.name), old.port != service.port {
                restart.append("service '\(service.name)' port \(old.port) → \(service.port): the listener keeps its port until the next start")
            }
        }
        return ReloadSummary(
            endpoints: contracts.endpoints.count, added: after.subtracting(before).sorted(), removed: before.subtracting(after).sorted(),
            state: notes, restartNeeded: restart)
    }
}
