import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// `saveMilestones`: the smart merge of a KPI's milestones (with id → update, without →
    /// create, unnamed → deleted unless `replaceAll: false`), stored in targetDate order.
    mutating func registerTractionMilestones() {
        register("saveMilestones", description: "Smart-merges a KPI's milestones (replaceAll deletes the unnamed ones).") { call throws(FakeError) in
            let kpiID = TractionStore.path(call, "sharedKpiId")
            let saved = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> [JSONValue] in
                _ = try TractionStore.kpi(kpiID, in: tenant)
                let merged = try MilestoneMerge(body: call.body, kpiID: kpiID, tenant: tenant, now: call.now).result
                MilestoneMerge.store(merged, kpiID: kpiID, in: &tenant)
                return merged
            }
            return .data(.array(saved))
        }
    }
}

/// The checked merge of a PUT milestones body into one KPI's stored milestones.
struct MilestoneMerge {
    /// The KPI's milestones after the merge, in targetDate order.
    let result: [JSONValue]

    private static let ownFields: Set<String> = ["id", "sharedKpiId", "createdAt", "updatedAt"]

    init(body: JSONValue, kpiID: String, tenant: TenantState, now: Date) throws(FakeError) {
        guard let items = body["milestones"]?.arrayValue else { throw .validation(["milestones": "is required"]) }
        if let flag = body["replaceAll"], flag.boolValue == nil { throw .validation(["replaceAll": "must be a boolean"]) }
        let replaceAll = body["replaceAll"]?.boolValue ?? true
        let stored = tenant.all("milestones").filter { $0["sharedKpiId"]?.stringValue == kpiID }
        var problems: [String: String] = [:]
        var named: Set<String> = []
        var changed: OrderedDictionary<String, JSONValue> = [:]
        let time = JSONValue.string(now.rfc3339)
        for (index, item) in items.enumerated() {
            let fields = (item.objectValue ?? [:]).filter { !Self.ownFields.contains($0.key) }
            Self.check(fields, index: index, creating: item["id"] == nil, into: &problems)
            if let idValue = item["id"] {
                let id = idValue.stringValue ?? ""
                guard var existing = changed[id] ?? stored.first(where: { $0["id"]?.stringValue == id }) else {
                    problems["milestones.\(index).id"] = "no milestone '\(id)' for KPI \(kpiID)"
                    continue
                }
                for (key, value) in fields { existing[key] = value }
                existing["updatedAt"] = time
                named.insert(id)
                changed[id] = existing
            } else {
                let id = IDGenerator.make(prefix: "milestone_")
                var record: OrderedDictionary<String, JSONValue> = ["id": .string(id), "sharedKpiId": .string(kpiID)]
                for (key, value) in fields { record[key] = value }
                record["createdAt"] = time
                record["updatedAt"] = time
                changed[id] = .object(record)
            }
        }
        guard problems.isEmpty else { throw .validation(problems) }
        var all: [JSONValue] = []
        for milestone in stored {
            let id = milestone["id"]?.stringValue ?? ""
            if let update = changed.removeValue(forKey: id) { all.append(update) } else if !replaceAll || named.contains(id) { all.append(milestone) }
        }
        all += changed.values
        result = KPINumbers.sortedMilestones(all)
    }

    /// Replaces the KPI's stored milestones with `milestones` (the other KPIs' stay where they are).
    static func store(_ milestones: [JSONValue], kpiID: String, in tenant: inout TenantState) {
        for old in tenant.all("milestones") where old["sharedKpiId"]?.stringValue == kpiID {
            tenant.remove("milestones", id: old["id"]?.stringValue ?? "")
        }
        for milestone in milestones { tenant.put("milestones", id: milestone["id"]?.stringValue ?? "", milestone) }
    }

    /// Field checks of one item: a real date, a number, text labels; both required on creation.
    private static func check(_ fields: OrderedDictionary<String, JSONValue>, index: Int, creating: Bool, into problems: inout [String: String]) {
        if let date = fields["targetDate"] {
            if !TractionCalendar.isDay(date.stringValue ?? "") { problems["milestones.\(index).targetDate"] = "must be a date (YYYY-MM-DD)" }
        } else if creating {
            problems["milestones.\(index).targetDate"] = "is required"
        }
        if let value = fields["targetValue"] {
            if value.doubleValue == nil { problems["milestones.\(index).targetValue"] = "must be a number" }
        } else if creating {
            problems["milestones.\(index).targetValue"] = "is required"
        }
        for name in ["label", "notes"] where fields[name] != nil && fields[name]?.stringValue == nil {
            problems["milestones.\(index).\(name)"] = "must be a string"
        }
    }
}
