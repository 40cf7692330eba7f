import Contracts

extension FakeEngine {
    /// An engine over new contracts and fixtures that keeps this one's state, sessions, signing
    /// key and event streams (`serve --watch`): the state is carried over as `StateCarryOver`
    /// says, in one change, and is durable once `store.flush()` returns.
    ///
    /// ```swift
    /// let (next, notes) = try engine.reloaded(contracts: report.contracts, scenarios: report.scenarios)
    /// try await next.store.flush()
    /// ```
    ///
    /// Throws when the active scenario is no longer in the fixtures; nothing has changed then.
    public func reloaded(contracts next: ContractSet, scenarios nextScenarios: [String: Scenario]) throws(FakeError) -> (engine: FakeEngine, notes: [StateCarryOver.Note]) {
        let active = store.read { $0.scenario }
        guard let seed = nextScenarios[active] else {
            throw FakeError(status: 409, "the active scenario '\(active)' is no longer in the fixtures (have: \(nextScenarios.keys.sorted().joined(separator: ", ")))")
        }
        let oldSeed = scenarios[active].map { FakeState.seed($0, contracts: contracts) } ?? FakeState.seed(seed, contracts: next)
        let newSeed = FakeState.seed(seed, contracts: next)
        let previous = contracts
        let notes = try store.mutate { (state: inout FakeState) throws(FakeError) in
            StateCarryOver.apply(to: &state, oldSeed: oldSeed, newSeed: newSeed, contracts: next, previous: previous)
        }
        let engine = FakeEngine(sharing: self, contracts: next, scenarios: nextScenarios)
        return (engine, notes)
    }
}
