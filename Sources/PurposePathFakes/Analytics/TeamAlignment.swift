import Contracts
import Fakes
import Foundation
import JSON

/// `teamAlignment`: how the tenant's goals line up and how much its people and KPIs are shared.
enum TeamAlignment {
    static func compute(_ data: AnalyticsData) -> JSONValue {
        let running = data.goals.filter { ["active", "paused"].contains(AnalyticsData.status($0)) }
        let alignment = AnalyticsData.mean(running.compactMap { $0["alignmentScore"]?.doubleValue })
        let scores = data.tenant.all("strategies").compactMap { $0["validationScore"]?.doubleValue }
        return [
            "alignmentScore": AnalyticsData.figure(alignment),
            "teamSize": .integer(data.tenant.count("users")),
            "goalsWithMultipleOwners": .integer(goalsWithMultipleOwners(data)),
            "sharedKPIs": .integer(data.tenant.all("kpis").filter { $0["isShared"] == .bool(true) }.count),
            "collaborationMetrics": [
                "crossGoalCollaboration": AnalyticsData.figure(crossGoalCollaboration(data, among: running)),
                "strategyAlignment": AnalyticsData.figure(AnalyticsData.mean(scores)),
                "kpiSharing": AnalyticsData.figure(kpiSharing(data)),
            ],
            "trend": .string(data.trend()),
            "lastCalculated": .string(data.now.rfc3339),
        ]
    }

    /// Non-archived goals whose owner and the assignees of their actions are two or more people.
    static func goalsWithMultipleOwners(_ data: AnalyticsData) -> Int {
        data.goals.filter { AnalyticsData.status($0) != "archived" }.filter { goal in
            var people = Set([goal["ownerId"]?.stringValue].compactMap { $0 })
            for action in data.actions(ofGoal: goal["id"]?.stringValue ?? "") {
                if let person = action["assignedPersonId"]?.stringValue { people.insert(person) }
            }
            return people.count >= 2
        }.count
    }

    /// % of the given goals that share a linked KPI or a connected action with another goal.
    static func crossGoalCollaboration(_ data: AnalyticsData, among goals: [JSONValue]) -> Double {
        var goalsByKPI: [String: Set<String>] = [:]
        for link in data.links {
            guard let kpi = link["kpiId"]?.stringValue, let goal = link["goalId"]?.stringValue else { continue }
            goalsByKPI[kpi, default: []].insert(goal)
        }
        let goalSetsOfActions = data.actions.map { Set(($0["connections"]?["goalIds"]?.arrayValue ?? []).compactMap(\.stringValue)) }
        let collaborating = goals.filter { goal in
            let id = goal["id"]?.stringValue ?? ""
            let viaKPI = goalsByKPI.values.contains { $0.contains(id) && $0.count >= 2 }
            let viaAction = goalSetsOfActions.contains { $0.contains(id) && $0.count >= 2 }
            return viaKPI || viaAction
        }
        return AnalyticsData.rate(collaborating.count, of: goals.count)
    }

    /// % of the linked KPIs that are linked to two or more goals.
    static func kpiSharing(_ data: AnalyticsData) -> Double {
        var goalsByKPI: [String: Set<String>] = [:]
        for link in data.links {
            guard let kpi = link["kpiId"]?.stringValue, let goal = link["goalId"]?.stringValue else { continue }
            goalsByKPI[kpi, default: []].insert(goal)
        }
        return AnalyticsData.rate(goalsByKPI.values.filter { $0.count >= 2 }.count, of: goalsByKPI.count)
    }
}
