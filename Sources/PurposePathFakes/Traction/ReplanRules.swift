import Contracts
import Fakes
import JSON
import OrderedCollections

/// Replan rules (collection `replanRules`, keyed by `sharedKpiId`) and their default, for the
/// planning builtins; `putKpiReplanRule` and `getKpiReplanRule` declare the same default in YAML.
enum ReplanRuleStore {
    static let modes = ["redistribute", "extend_deadline", "manual"]

    /// The stored rule of the KPI, or the default rule (without timestamps).
    static func rule(for kpiID: String, in tenant: TenantState) -> JSONValue {
        tenant.record("replanRules", id: kpiID) ?? [
            "sharedKpiId": .string(kpiID), "enabled": false, "mode": "redistribute", "triggerThresholdPct": 80,
            "evaluationFrequency": "monthly", "notifyOwner": true,
        ]
    }
}
