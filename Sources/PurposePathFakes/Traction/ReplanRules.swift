import Contracts
import Fakes
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// `putReplanRule`: a KPI's replan rule, laid over the stored one or the default.
    mutating func registerTractionReplanRules() {
        register("putReplanRule", description: "Stores a KPI's replan rule over the default.") { call throws(FakeError) in
            let kpiID = TractionStore.path(call, "sharedKpiId")
            let rule = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                _ = try TractionStore.kpi(kpiID, in: tenant)
                let changes = try ReplanRuleStore.checked(call.body)
                var members = ReplanRuleStore.rule(for: kpiID, in: tenant).objectValue ?? [:]
                for (key, value) in changes { members[key] = value }
                members["createdAt"] = members["createdAt"] ?? .string(call.now.rfc3339)
                members["updatedAt"] = .string(call.now.rfc3339)
                let rule = JSONValue.object(members)
                tenant.put("replanRules", id: kpiID, rule)
                return rule
            }
            return .data(rule)
        }
    }
}

/// Replan rules (collection `replanRules`, keyed by `sharedKpiId`) and their default.
enum ReplanRuleStore {
    static let modes = ["redistribute", "extend_deadline", "manual"]

    /// The stored rule of the KPI, or the default rule (without timestamps).
    static func rule(for kpiID: String, in tenant: TenantState) -> JSONValue {
        tenant.record("replanRules", id: kpiID) ?? [
            "sharedKpiId": .string(kpiID), "enabled": false, "mode": "redistribute", "triggerThresholdPct": 80,
            "evaluationFrequency": "monthly", "notifyOwner": true,
        ]
    }

    /// The rule fields of a PUT body, each checked against ReplanRuleInput.
    static func checked(_ body: JSONValue) throws(FakeError) -> [(String, JSONValue)] {
        var problems: [String: String] = [:]
        var changes: [(String, JSONValue)] = []
        for (key, value) in body.objectValue ?? [:] {
            let valid: Bool = switch key {
            case "enabled", "notifyOwner": value.boolValue != nil
            case "mode": modes.contains(value.stringValue ?? "")
            case "triggerThresholdPct": value.doubleValue.map { (0...100).contains($0) } ?? false
            case "evaluationFrequency": ["monthly", "quarterly"].contains(value.stringValue ?? "")
            default: false
            }
            if valid { changes.append((key, value)) } else { problems[key] = "is not a valid \(key)" }
        }
        guard problems.isEmpty else { throw .validation(problems) }
        return changes
    }
}
