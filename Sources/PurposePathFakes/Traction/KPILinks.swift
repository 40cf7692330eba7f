import Contracts
import Fakes
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// The goal ↔ KPI links of goal-kpis.yaml (one link per goal and KPI) and `availableKpis`.
    mutating func registerTractionKPILinks() {
        register("linkKpi", description: "Links a KPI to a goal with a threshold (or updates the threshold).") { call throws(FakeError) in
            let goalID = TractionStore.path(call, "goalId")
            let view = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                _ = try TractionStore.goal(goalID, in: tenant)
                let kpiID = call.body["kpiId"]?.stringValue ?? ""
                var problems: [String: String] = [:]
                if tenant.record("kpis", id: kpiID) == nil { problems["kpiId"] = "no KPI with id '\(kpiID)'" }
                let threshold = KPILinkInput.threshold(call.body, into: &problems)
                guard problems.isEmpty, let threshold else { throw .validation(problems) }
                let link: JSONValue
                if let existing = TractionStore.link(goalID: goalID, kpiID: kpiID, in: tenant), let id = existing["id"]?.stringValue {
                    link = TractionStore.updated(existing, [("thresholdPct", threshold)], now: call.now)
                    tenant.put("goalKpis", id: id, link)
                } else {
                    let id = IDGenerator.make(prefix: "gkpi_")
                    let time = JSONValue.string(call.now.rfc3339)
                    link = [
                        "id": .string(id), "goalId": .string(goalID), "kpiId": .string(kpiID), "thresholdPct": threshold,
                        "createdAt": time, "updatedAt": time,
                    ]
                    tenant.put("goalKpis", id: id, link)
                }
                return try KPILinkInput.view(of: link, in: tenant, call: call)
            }
            return .data(view)
        }

        register("setKpiThreshold", description: "Sets the threshold of a goal's KPI link.") { call throws(FakeError) in
            let goalID = TractionStore.path(call, "goalId")
            let view = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                let link = try KPILinkInput.existingLink(goalID: goalID, kpiID: TractionStore.path(call, "kpiId"), in: tenant)
                var problems: [String: String] = [:]
                guard let threshold = KPILinkInput.threshold(call.body, into: &problems) else { throw .validation(problems) }
                let updated = TractionStore.updated(link, [("thresholdPct", threshold)], now: call.now)
                tenant.put("goalKpis", id: link["id"]?.stringValue ?? "", updated)
                return try KPILinkInput.view(of: updated, in: tenant, call: call)
            }
            return .data(view)
        }

        register("getKpiLink", description: "A goal's KPI link with the KPI's current numbers.") { call throws(FakeError) in
            let tenant = try TractionStore.tenant(of: call)
            let link = try KPILinkInput.existingLink(
                goalID: TractionStore.path(call, "goalId"), kpiID: TractionStore.path(call, "kpiId"), in: tenant)
            return .data(try KPILinkInput.view(of: link, in: tenant, call: call))
        }
    }
}

/// The checks and answers the link builtins share.
enum KPILinkInput {
    /// The goal's link to the KPI; 404 when the goal is missing or the KPI is not linked to it.
    static func existingLink(goalID: String, kpiID: String, in tenant: TenantState) throws(FakeError) -> JSONValue {
        _ = try TractionStore.goal(goalID, in: tenant)
        guard let link = TractionStore.link(goalID: goalID, kpiID: kpiID, in: tenant) else {
            throw .notFound("KPI link")
        }
        return link
    }

    /// `thresholdPct` from the body when it is a number from 0 to 100; otherwise a field problem.
    static func threshold(_ body: JSONValue, into problems: inout [String: String]) -> JSONValue? {
        guard let value = body["thresholdPct"], let number = value.doubleValue, (0...100).contains(number) else {
            problems["thresholdPct"] = "must be a number from 0 to 100"
            return nil
        }
        return value
    }

    /// The GoalKpi view of a link; 404 when its KPI is gone.
    static func view(of link: JSONValue, in tenant: TenantState, call: BuiltinCall) throws(FakeError) -> JSONValue {
        guard let view = GoalViewBuilder.kpiView(of: link, in: tenant, now: call.now) else { throw .notFound("KPI") }
        return view
    }

    /// KPIs sorted by name (case-insensitive, then exact, then id).
    static func byName(_ kpis: [JSONValue]) -> [JSONValue] {
        TractionSort.stable(kpis) { a, b in
            let (na, nb) = (a["name"]?.stringValue ?? "", b["name"]?.stringValue ?? "")
            if na.lowercased() != nb.lowercased() { return na.lowercased() < nb.lowercased() }
            if na != nb { return na < nb }
            return (a["id"]?.stringValue ?? "") < (b["id"]?.stringValue ?? "")
        }
    }
}
