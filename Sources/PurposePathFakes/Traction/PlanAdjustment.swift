import Contracts
import Fakes
import Foundation
import JSON

extension BuiltinRegistry {
    /// `adjustKpiPlan`: reshapes a KPI's milestones (redistribute, extend_deadline or manual) and
    /// answers the resulting monthly plan.
    mutating func registerTractionPlanAdjustment() {
        register("adjustKpiPlan", description: "Replans a KPI's milestones (redistribute, extend_deadline, manual).") { call throws(FakeError) in
            let kpiID = TractionStore.path(call, "sharedKpiId")
            let plan = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                let numbers = try TractionStore.numbers(kpiID, in: tenant, now: call.now)
                let adjustment = try PlanAdjustment(body: call.body, numbers: numbers, rule: ReplanRuleStore.rule(for: kpiID, in: tenant))
                for milestone in adjustment.apply(today: TractionCalendar.day(of: call.now), now: call.now) {
                    tenant.put("milestones", id: milestone["id"]?.stringValue ?? "", milestone)
                }
                let adjusted = try TractionStore.numbers(kpiID, in: tenant, now: call.now)
                return KPIPlanBuilder.plan(adjusted, byQuarter: false)
            }
            return .data(plan)
        }
    }
}

/// One checked plan adjustment: the mode, the optional new final target and the KPI's numbers.
struct PlanAdjustment {
    let mode: String
    let newTarget: JSONValue?
    let numbers: KPINumbers

    init(body: JSONValue, numbers: KPINumbers, rule: JSONValue) throws(FakeError) {
        var problems: [String: String] = [:]
        if numbers.milestones.isEmpty { problems["milestones"] = "the KPI has no milestones to adjust" }
        let mode = body["mode"]?.stringValue ?? rule["mode"]?.stringValue ?? "redistribute"
        if body["mode"] != nil, !ReplanRuleStore.modes.contains(body["mode"]?.stringValue ?? "") {
            problems["mode"] = "must be one of: \(ReplanRuleStore.modes.joined(separator: ", "))"
        }
        if let target = body["targetValue"], target.doubleValue == nil { problems["targetValue"] = "must be a number" }
        if let reason = body["reason"], reason.stringValue == nil { problems["reason"] = "must be a string" }
        guard problems.isEmpty else { throw .validation(problems) }
        self.mode = ReplanRuleStore.modes.contains(mode) ? mode : "redistribute"
        self.newTarget = body["targetValue"]
        self.numbers = numbers
    }

    /// The milestones this adjustment changes, with their new values and `updatedAt`.
    func apply(today: String, now: Date) -> [JSONValue] {
        guard var last = numbers.milestones.last else { return [] }
        let time = JSONValue.string(now.rfc3339)
        var changed: [JSONValue] = []
        var lastChanged = false
        if let newTarget, last["targetValue"]?.doubleValue != newTarget.doubleValue {
            last["targetValue"] = newTarget
            lastChanged = true
        }
        switch mode {
        case "redistribute":
            changed = redistributed(towards: last, today: today, time: time)
        case "extend_deadline":
            if let date = last["targetDate"]?.stringValue, let later = TractionCalendar.oneMonthLater(date) {
                last["targetDate"] = .string(later)
                lastChanged = true
            }
        default:
            break
        }
        if lastChanged {
            last["updatedAt"] = time
            changed.append(last)
        }
        return changed
    }

    /// Every milestone but the last dated after today, re-spread linearly in time from the
    /// current value (today) to the last milestone's target; nothing without a current value.
    private func redistributed(towards last: JSONValue, today: String, time: JSONValue) -> [JSONValue] {
        guard let current = numbers.currentValue, let target = last["targetValue"]?.doubleValue,
            let lastDate = last["targetDate"]?.stringValue,
            let span = TractionCalendar.days(from: today, to: lastDate), span > 0
        else { return [] }
        return numbers.milestones.dropLast().compactMap { milestone in
            guard let date = milestone["targetDate"]?.stringValue, date > today,
                let elapsed = TractionCalendar.days(from: today, to: date)
            else { return nil }
            let value = ((current + (target - current) * Double(elapsed) / Double(span)) * 100).rounded() / 100
            guard milestone["targetValue"]?.doubleValue != value else { return nil }
            var updated = milestone
            updated["targetValue"] = KPINumbers.json(value)
            updated["updatedAt"] = time
            return updated
        }
    }
}
