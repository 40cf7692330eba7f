import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

/// The joined read models of goals.yaml and goal-kpis.yaml: the GoalKpi view (a link with its
/// KPI and the KPI's numbers) and the goal view (a goal with its strategies and KPI links).
enum GoalViewBuilder {
    /// The GoalKpi view of a `goalKpis` link; nil when the link's KPI is gone.
    static func kpiView(of link: JSONValue, in tenant: TenantState, now: Date) -> JSONValue? {
        guard let kpiID = link["kpiId"]?.stringValue, let numbers = KPINumbers(kpiID: kpiID, in: tenant, now: now) else { return nil }
        return kpiView(of: link, numbers: numbers)
    }

    /// The GoalKpi view of a link whose KPI numbers are already computed.
    static func kpiView(of link: JSONValue, numbers: KPINumbers) -> JSONValue {
        let kpi = numbers.kpi
        var view: OrderedDictionary<String, JSONValue> = [
            "id": link["id"] ?? "", "goalId": link["goalId"] ?? "", "kpiId": .string(numbers.kpiID),
            "sharedKpiId": .string(numbers.kpiID),
            "name": kpi["name"] ?? "", "description": kpi["description"] ?? "", "category": kpi["category"] ?? "",
            "unit": kpi["unit"] ?? "", "direction": .string(numbers.direction),
            "thresholdPct": link["thresholdPct"] ?? .null,
        ]
        for (key, value) in numbers.figures { view[key] = value }
        view["onTrack"] = numbers.onTrack(thresholdPct: link["thresholdPct"]?.doubleValue).map(JSONValue.bool) ?? .null
        if let created = link["createdAt"] { view["createdAt"] = created }
        if let updated = link["updatedAt"] { view["updatedAt"] = updated }
        return .object(view)
    }

    /// The goal's links, oldest first (by link `createdAt`, then stored order).
    static func links(ofGoal goalID: String, in tenant: TenantState) -> [JSONValue] {
        TractionSort.stable(tenant.all("goalKpis").filter { $0["goalId"]?.stringValue == goalID }) {
            ($0["createdAt"]?.stringValue ?? "") < ($1["createdAt"]?.stringValue ?? "")
        }
    }

    /// The links of every goal to one KPI, oldest first.
    static func links(ofKpi kpiID: String, in tenant: TenantState) -> [JSONValue] {
        TractionSort.stable(tenant.all("goalKpis").filter { $0["kpiId"]?.stringValue == kpiID }) {
            ($0["createdAt"]?.stringValue ?? "") < ($1["createdAt"]?.stringValue ?? "")
        }
    }

    /// The goal's GoalKpi views, oldest link first (links to a missing KPI are left out).
    static func kpiViews(ofGoal goalID: String, in tenant: TenantState, now: Date) -> [JSONValue] {
        links(ofGoal: goalID, in: tenant).compactMap { kpiView(of: $0, in: tenant, now: now) }
    }

    /// The goal's strategies by `order`, then `createdAt`.
    static func strategies(ofGoal goalID: String, in tenant: TenantState) -> [JSONValue] {
        TractionSort.stable(tenant.all("strategies").filter { $0["goalId"]?.stringValue == goalID }) { a, b in
            let (oa, ob) = (a["order"]?.doubleValue ?? 0, b["order"]?.doubleValue ?? 0)
            if oa != ob { return oa < ob }
            return (a["createdAt"]?.stringValue ?? "") < (b["createdAt"]?.stringValue ?? "")
        }
    }

    /// The goal view: the stored goal with `strategies` and `kpis` placed before its timestamps.
    static func goalView(of goal: JSONValue, in tenant: TenantState, now: Date) -> JSONValue {
        let goalID = goal["id"]?.stringValue ?? ""
        let children: [(String, JSONValue)] = [
            ("strategies", .array(strategies(ofGoal: goalID, in: tenant))),
            ("kpis", .array(kpiViews(ofGoal: goalID, in: tenant, now: now))),
        ]
        var view: OrderedDictionary<String, JSONValue> = [:]
        for (key, value) in goal.objectValue ?? [:] where key != "strategies" && key != "kpis" {
            if key == "createdAt" || key == "updatedAt", view["kpis"] == nil { for (name, child) in children { view[name] = child } }
            view[key] = value
        }
        if view["kpis"] == nil { for (name, child) in children { view[name] = child } }
        return .object(view)
    }
}
