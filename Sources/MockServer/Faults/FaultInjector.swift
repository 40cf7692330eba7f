import Contracts
import Synchronization

/// The live fault rules of a server, shared by its listeners and the admin API.
///
/// ```swift
/// let faults = FaultInjector(seed: 7)
/// faults.add(FaultRule(match: .endpoint("listGoals"), effect: .fail(status: 503, retryAfter: nil), rate: 0.5))
/// let server = MockServer(engine: engine, listeners: listeners, options: MockOptions(faults: faults))
/// ```
public final class FaultInjector: Sendable {
    private struct State {
        var rules: [FaultRule] = []
        var nextID = 1
        var random: SeededRandom
    }

    private let state: Mutex<State>
    /// Mirrors `!rules.isEmpty` (written under the lock), so a request without faults costs one atomic load.
    private let armed = Atomic<Bool>(false)

    /// `seed` makes the random draws (rates, latency ranges) repeat; random per start by default.
    public init(_ rules: [FaultRule] = [], seed: UInt64? = nil) {
        state = Mutex(State(random: SeededRandom(seed: seed ?? .random(in: .min ... .max))))
        for rule in rules { add(rule) }
    }

    /// The rules in the order they are tried, with their remaining counts.
    public var rules: [FaultRule] { state.withLock { $0.rules } }

    /// Adds a rule at the end and answers it with its new id.
    @discardableResult
    public func add(_ rule: FaultRule) -> FaultRule {
        state.withLock { state in
            var rule = rule
            rule.id = "f\(state.nextID)"
            state.nextID += 1
            state.rules.append(rule)
            armed.store(true, ordering: .releasing)
            return rule
        }
    }

    /// Removes one rule; nil when there is none with that id.
    @discardableResult
    public func remove(id: String) -> FaultRule? {
        state.withLock { state in
            guard let index = state.rules.firstIndex(where: { $0.id == id }) else { return nil }
            defer { armed.store(!state.rules.isEmpty, ordering: .releasing) }
            return state.rules.remove(at: index)
        }
    }

    /// Removes every rule; answers how many there were.
    @discardableResult
    public func clear() -> Int {
        state.withLock { state in
            defer {
                state.rules.removeAll()
                armed.store(false, ordering: .releasing)
            }
            return state.rules.count
        }
    }

    /// Decides what happens to one request and counts down the rules that fired, atomically;
    /// nil when no rule is set (the common case: one atomic load, the target is never built).
    public func plan(for target: @autoclosure () -> FaultTarget) -> FaultPlan? {
        guard armed.load(ordering: .acquiring) else { return nil }
        let target = target()
        return state.withLock { state in
            let plan = FaultDecision.decide(state.rules, for: target, using: &state.random)
            FaultDecision.countDown(&state.rules, applied: plan.applied)
            armed.store(!state.rules.isEmpty, ordering: .releasing)
            return plan
        }
    }
}
