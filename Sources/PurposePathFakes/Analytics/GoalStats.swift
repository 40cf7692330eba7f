import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

/// `goalStats`: goal counts by status and horizon and the average progress of the goals in play.
enum GoalStats {
    static let statuses = ["draft", "active", "completed", "paused", "cancelled", "archived"]
    static let horizons = ["year", "quarter", "month"]

    static func compute(_ data: AnalyticsData) -> JSONValue {
        let goals = data.goals
        var byStatus = OrderedDictionary(uniqueKeysWithValues: statuses.map { ($0, 0) })
        var byHorizon = OrderedDictionary(uniqueKeysWithValues: horizons.map { ($0, 0) })
        for goal in goals {
            let status = AnalyticsData.status(goal)
            if byStatus[status] != nil { byStatus[status, default: 0] += 1 }
            if let horizon = goal["horizon"]?.stringValue, byHorizon[horizon] != nil { byHorizon[horizon, default: 0] += 1 }
        }
        return [
            "totalGoals": .integer(goals.count),
            "activeGoals": .integer(byStatus["active"] ?? 0),
            "completedGoals": .integer(byStatus["completed"] ?? 0),
            "goalsByStatus": .object(byStatus.mapValues(JSONValue.integer)),
            "goalsByHorizon": .object(byHorizon.mapValues(JSONValue.integer)),
            "averageProgress": AnalyticsData.figure(averageProgress(data)),
        ]
    }

    /// Mean over active, paused and completed goals: 100 for a completed goal, else the mean
    /// progress of its links that have one (0 if none). Rounded only by the caller.
    static func averageProgress(_ data: AnalyticsData) -> Double {
        let inPlay = data.goals.filter { ["active", "paused", "completed"].contains(AnalyticsData.status($0)) }
        return AnalyticsData.mean(inPlay.map { goal in
            if AnalyticsData.status(goal) == "completed" { return 100 }
            let progress = data.links(ofGoal: goal["id"]?.stringValue ?? "").compactMap { data.figures(of: $0).progress }
            return AnalyticsData.mean(progress)
        })
    }
}
