import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// `kpiCrossGoalImpact` and `crossGoalAlerts`: how one KPI stands for every goal sharing it.
    mutating func registerTractionCrossGoal() {
        register("kpiCrossGoalImpact", description: "Which goals a KPI affects and which are at risk.") { call throws(FakeError) in
            let tenant = try TractionStore.tenant(of: call)
            let numbers = try TractionStore.numbers(TractionStore.path(call, "kpiId"), in: tenant, now: call.now)
            let shares = CrossGoalShare.all(of: numbers, in: tenant)
            let atRisk = shares.filter { $0.isOpen && $0.onTrack == false }.count
            var impact: OrderedDictionary<String, JSONValue> = [
                "kpiId": .string(numbers.kpiID), "sharedKpiId": .string(numbers.kpiID), "name": numbers.kpi["name"] ?? "",
                "unit": numbers.kpi["unit"] ?? "", "direction": .string(numbers.direction),
            ]
            for (key, value) in numbers.figures { impact[key] = value }
            impact["goalCount"] = .integer(shares.count)
            impact["atRiskGoalCount"] = .integer(atRisk)
            impact["goals"] = .array(shares.map { $0.json(withOwner: true) })
            return .data(.object(impact))
        }

        register("crossGoalAlerts", description: "KPIs shared by several goals that are off track for some of them.") { call throws(FakeError) in
            let tenant = try TractionStore.tenant(of: call)
            let alerts = tenant.all("kpis").compactMap { kpi -> CrossGoalAlert? in
                guard let id = kpi["id"]?.stringValue, let numbers = KPINumbers(kpiID: id, in: tenant, now: call.now) else { return nil }
                return CrossGoalAlert(numbers: numbers, shares: CrossGoalShare.all(of: numbers, in: tenant))
            }
            let sorted = TractionSort.stable(alerts) { a, b in
                if a.isHigh != b.isHigh { return a.isHigh }
                return a.kpiName < b.kpiName
            }
            return .data(.array(sorted.map(\.json)))
        }
    }
}

/// One goal linking a KPI: the goal's facts, the link's threshold and whether the KPI is on track for it.
struct CrossGoalShare {
    let goal: JSONValue
    let thresholdPct: JSONValue
    let onTrack: Bool?

    /// Active and paused goals are the ones a KPI can still put at risk.
    var isOpen: Bool { ["active", "paused"].contains(goal["status"]?.stringValue ?? "") }

    /// Every goal linking the KPI, oldest link first (links to a missing goal are left out).
    static func all(of numbers: KPINumbers, in tenant: TenantState) -> [CrossGoalShare] {
        GoalViewBuilder.links(ofKpi: numbers.kpiID, in: tenant).compactMap { link in
            guard let goal = link["goalId"]?.stringValue.flatMap({ tenant.record("goals", id: $0) }) else { return nil }
            let threshold = link["thresholdPct"] ?? .null
            return CrossGoalShare(goal: goal, thresholdPct: threshold, onTrack: numbers.onTrack(thresholdPct: threshold.doubleValue))
        }
    }

    func json(withOwner: Bool) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [
            "goalId": goal["id"] ?? "", "title": goal["title"] ?? "", "status": goal["status"] ?? "",
        ]
        if withOwner { members["ownerId"] = goal["ownerId"] ?? "" }
        members["thresholdPct"] = thresholdPct
        members["onTrack"] = onTrack.map(JSONValue.bool) ?? .null
        return .object(members)
    }
}

/// An alert for a KPI shared by two or more active/paused goals and off track for at least one.
struct CrossGoalAlert {
    let kpiName: String
    let isHigh: Bool
    let json: JSONValue

    init?(numbers: KPINumbers, shares: [CrossGoalShare]) {
        let open = shares.filter(\.isOpen)
        let offTrack = open.filter { $0.onTrack == false }.count
        guard open.count >= 2, offTrack >= 1, let attainment = numbers.attainmentPct else { return nil }
        kpiName = numbers.kpi["name"]?.stringValue ?? numbers.kpiID
        isHigh = offTrack >= 2
        let percent = KPINumbers.json(attainment).jsonString()
        json = [
            "id": .string("alert_\(numbers.kpiID)"), "kpiId": .string(numbers.kpiID), "kpiName": .string(kpiName),
            "severity": .string(isHigh ? "high" : "medium"),
            "message": .string("\(kpiName) is at \(percent)% of plan, below the threshold of \(offTrack) of the \(open.count) goals that share it"),
            "attainmentPct": KPINumbers.json(attainment),
            "affectedGoals": .array(open.map { $0.json(withOwner: false) }),
            "detectedAt": numbers.latestReading?["createdAt"] ?? .string(""),
        ]
    }
}
