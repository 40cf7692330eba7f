import Contracts

/// The pure part of fault injection: rules + request + randomness → plan, and the count-down.
public enum FaultDecision {
    /// Rules are tried in the order they were added. Every latency rule that fires adds its delay; the
    /// first fail, drop or notReady rule that fires decides the action and later ones are not tried.
    /// A rate of 1 fires without drawing, so rules without a rate consume no randomness.
    public static func decide(_ rules: [FaultRule], for target: FaultTarget, using random: inout some RandomNumberGenerator) -> FaultPlan {
        var plan = FaultPlan()
        for rule in rules where applies(rule.match, to: target) {
            if case .notReady = rule.effect, !target.isReadinessProbe { continue }
            if case .latency = rule.effect {} else if plan.action != .proceed { continue }
            guard fires(rule.rate, using: &random) else { continue }
            plan.applied.append(rule.id)
            switch rule.effect {
            case .latency(let range):
                plan.delay += .milliseconds(sample(range, using: &random))
            case .fail(let status, let retryAfter):
                plan.action = .fail(status: status, retryAfter: retryAfter, rule: rule.id)
            case .drop:
                plan.action = .drop(rule: rule.id)
            case .notReady:
                plan.action = .notReady(rule: rule.id)
            }
        }
        return plan
    }

    /// Counts down the rules that fired; those with nothing remaining are removed.
    public static func countDown(_ rules: inout [FaultRule], applied: [String]) {
        guard !applied.isEmpty else { return }
        for index in rules.indices where applied.contains(rules[index].id) {
            rules[index].applied += 1
            if let remaining = rules[index].remaining { rules[index].remaining = remaining - 1 }
        }
        rules.removeAll { ($0.remaining ?? 1) <= 0 }
    }

    static func applies(_ match: FaultMatch, to target: FaultTarget) -> Bool {
        switch match {
        case .all: true
        case .endpoint(let id): id == target.endpointID
        case .path(let glob): glob.matches(target.path) || glob.matches(target.template)
        }
    }

    private static func fires(_ rate: Double, using random: inout some RandomNumberGenerator) -> Bool {
        if rate >= 1 { return true }
        if rate <= 0 { return false }
        return random.unitInterval() < rate
    }

    private static func sample(_ range: LatencyRange, using random: inout some RandomNumberGenerator) -> Int {
        guard range.maximum > range.minimum else { return range.minimum }
        return range.minimum + Int(random.unitInterval() * Double(range.maximum - range.minimum + 1))
    }
}
