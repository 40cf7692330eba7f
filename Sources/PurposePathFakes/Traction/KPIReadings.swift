import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// `createKpiReading`: a `kpiReadings` record from a v1 reading, a v2 actual or an action KPI
    /// update (`options.source`), announced as `kpi.reading.created` to every goal linking the KPI.
    mutating func registerTractionKPIReadings() {
        register("createKpiReading", description: "Records a reading (v1 reading, v2 actual or action KPI update) and emits kpi.reading.created.") { call throws(FakeError) in
            let caller = try call.caller()
            let source = call.stringOption("source") ?? "reading"
            let (reading, goalIDs) = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> (JSONValue, [String]) in
                let input = try ReadingInput(call: call, source: source, tenant: tenant)
                var record: OrderedDictionary<String, JSONValue> = ["id": .string(IDGenerator.make(prefix: "reading_")), "kpiId": .string(input.kpiID)]
                for (key, value) in input.fields { record[key] = value }
                record["source"] = .string(source)
                for (key, value) in input.references { record[key] = value }
                record["recordedBy"] = .string(caller.userID)
                record["createdAt"] = .string(call.now.rfc3339)
                record["updatedAt"] = .string(call.now.rfc3339)
                let reading = JSONValue.object(record)
                tenant.put("kpiReadings", id: record["id"]?.stringValue ?? "", reading)
                var goalIDs: [String] = []
                for link in GoalViewBuilder.links(ofKpi: input.kpiID, in: tenant) {
                    if let goalID = link["goalId"]?.stringValue, !goalIDs.contains(goalID) { goalIDs.append(goalID) }
                }
                return (reading, goalIDs)
            }
            for goalID in goalIDs {
                call.publish(
                    "kpi.reading.created", channel: "goal:\(goalID)",
                    data: ["type": "kpi.reading.created", "goalId": .string(goalID), "reading": reading])
            }
            guard source == "action" else { return .data(reading) }
            return .data([
                "actionId": reading["actionId"] ?? .null, "kpiId": reading["kpiId"] ?? .null, "newValue": reading["value"] ?? .null,
                "updateDate": call.body["updateDate"] ?? .string(TractionCalendar.day(of: call.now)), "reading": reading,
            ])
        }
    }
}

/// The checked input of one reading: its KPI, its measured fields and the records it refers to.
struct ReadingInput {
    let kpiID: String
    /// `period`, `value`, then whichever of `adjustedValue`, `reason`, `notes` the source allows.
    let fields: [(String, JSONValue)]
    /// `actionId` and `horizonId` (action updates only).
    let references: [(String, JSONValue)]

    init(call: BuiltinCall, source: String, tenant: TenantState) throws(FakeError) {
        let body = call.body
        var problems: [String: String] = [:]
        switch source {
        case "action":
            let actionID = TractionStore.path(call, call.stringOption("actionParam") ?? "actionId")
            guard tenant.record("actions", id: actionID) != nil else { throw .notFound("Action") }
            kpiID = body["kpiId"]?.stringValue ?? ""
            if tenant.record("kpis", id: kpiID) == nil { problems["kpiId"] = "no KPI with id '\(kpiID)'" }
            if let shared = body["sharedKpiId"], shared.stringValue != kpiID { problems["sharedKpiId"] = "must equal kpiId (\(kpiID))" }
            if let horizon = body["horizonId"] {
                let milestone = horizon.stringValue.flatMap { tenant.record("milestones", id: $0) }
                if milestone?["sharedKpiId"]?.stringValue != kpiID { problems["horizonId"] = "is not a milestone of KPI \(kpiID)" }
            }
            let day = body["updateDate"].map { $0.stringValue ?? "" } ?? TractionCalendar.day(of: call.now)
            if !TractionCalendar.isDay(day) { problems["updateDate"] = "must be a date (YYYY-MM-DD)" }
            let value = Self.number(body, "newValue", required: true, into: &problems)
            fields = [("period", .string(String(day.prefix(7)))), ("value", value)] + Self.texts(body, ["notes"], into: &problems)
            references = [("actionId", .string(actionID))] + (body["horizonId"].map { [("horizonId", $0)] } ?? [])
        default:
            kpiID = TractionStore.path(call, call.stringOption("kpiParam") ?? (source == "actual" ? "sharedKpiId" : "id"))
            guard tenant.record("kpis", id: kpiID) != nil else { throw .notFound("KPI") }
            let period = body["period"]?.stringValue ?? ""
            if !TractionCalendar.isMonth(period) { problems["period"] = "must be a month (YYYY-MM)" }
            var measured: [(String, JSONValue)] = [("period", .string(period)), ("value", Self.number(body, "value", required: true, into: &problems))]
            if source == "actual" {
                measured += Self.texts(body, ["notes"], into: &problems)
            } else {
                if body["adjustedValue"] != nil { measured.append(("adjustedValue", Self.number(body, "adjustedValue", required: false, into: &problems))) }
                measured += Self.texts(body, ["reason"], into: &problems)
            }
            fields = measured
            references = []
        }
        guard problems.isEmpty else { throw .validation(problems) }
    }

    private static func number(_ body: JSONValue, _ field: String, required: Bool, into problems: inout [String: String]) -> JSONValue {
        guard let value = body[field], value.doubleValue != nil else {
            if required || body[field] != nil { problems[field] = "must be a number" }
            return .null
        }
        return value
    }

    private static func texts(_ body: JSONValue, _ names: [String], into problems: inout [String: String]) -> [(String, JSONValue)] {
        names.compactMap { name in
            guard let value = body[name] else { return nil }
            if value.stringValue == nil { problems[name] = "must be a string" }
            return (name, value)
        }
    }
}
