import Contracts
import Fakes
import Foundation
import JSON

/// `performanceScore`: goals (0.4), strategies (0.2), KPIs (0.3) and actions (0.1), each scored
/// as the mean of two rates (0 for an empty denominator), plus the month-over-month trend.
enum PerformanceScore {
    struct Component {
        var name: String
        var weight: Double
        var metrics: [(String, Double)]
        var score: Double { AnalyticsData.mean(metrics.map(\.1)) }

        var json: JSONValue {
            [
                "score": AnalyticsData.figure(score), "weight": .number(weight),
                "metrics": .object(.init(uniqueKeysWithValues: metrics.map { ($0.0, AnalyticsData.figure($0.1)) })),
            ]
        }
    }

    static func compute(_ data: AnalyticsData) -> JSONValue {
        let components = components(data)
        let overall = components.reduce(0) { $0 + $1.weight * $1.score }
        return [
            "overallScore": AnalyticsData.figure(overall),
            "components": .object(.init(uniqueKeysWithValues: components.map { ($0.name, $0.json) })),
            "trend": .string(data.trend()),
            "lastCalculated": .string(data.now.rfc3339),
        ]
    }

    static func components(_ data: AnalyticsData) -> [Component] {
        [goals(data), strategies(data), kpis(data), actions(data)]
    }

    /// completionRate = completed / (active, paused, completed, cancelled);
    /// onTimeRate = active goals with no link off track / active goals.
    static func goals(_ data: AnalyticsData) -> Component {
        let decided = data.goals.filter { ["active", "paused", "completed", "cancelled"].contains(AnalyticsData.status($0)) }
        let completed = decided.filter { AnalyticsData.status($0) == "completed" }
        let active = data.goals.filter { AnalyticsData.status($0) == "active" }
        let onTime = active.filter { goal in
            !data.links(ofGoal: goal["id"]?.stringValue ?? "").contains { data.figures(of: $0).onTrack == false }
        }
        return Component(name: "goals", weight: 0.4, metrics: [
            ("completionRate", AnalyticsData.rate(completed.count, of: decided.count)),
            ("onTimeRate", AnalyticsData.rate(onTime.count, of: active.count)),
        ])
    }

    /// validatedRate = validated or adopted / all; adoptionRate = adopted / all.
    static func strategies(_ data: AnalyticsData) -> Component {
        let all = data.tenant.all("strategies").map(AnalyticsData.status)
        return Component(name: "strategies", weight: 0.2, metrics: [
            ("validatedRate", AnalyticsData.rate(all.filter { $0 == "validated" || $0 == "adopted" }.count, of: all.count)),
            ("adoptionRate", AnalyticsData.rate(all.filter { $0 == "adopted" }.count, of: all.count)),
        ])
    }

    /// Over the links of active or paused goals: targetAchievementRate = progress 100;
    /// onTrackRate = on track / links whose onTrack is known.
    static func kpis(_ data: AnalyticsData) -> Component {
        let running = Set(data.goals.filter { ["active", "paused"].contains(AnalyticsData.status($0)) }.compactMap { $0["id"]?.stringValue })
        let figures = data.links.filter { running.contains($0["goalId"]?.stringValue ?? "") }.map(data.figures)
        let known = figures.compactMap(\.onTrack)
        return Component(name: "kpis", weight: 0.3, metrics: [
            ("targetAchievementRate", AnalyticsData.rate(figures.filter { $0.progress == 100 }.count, of: figures.count)),
            ("onTrackRate", AnalyticsData.rate(known.filter { $0 }.count, of: known.count)),
        ])
    }

    /// Over actions not cancelled: completionRate = completed; onTimeRate = completed or due today or later.
    static func actions(_ data: AnalyticsData) -> Component {
        let live = data.actions.filter { AnalyticsData.status($0) != "cancelled" }
        let completed = live.filter { AnalyticsData.status($0) == "completed" }
        let today = CalendarDay(utc: data.now)
        let onTime = live.filter { action in
            if AnalyticsData.status(action) == "completed" { return true }
            guard let due = action["dueDate"]?.stringValue.flatMap(CalendarDay.init(parsing:)) else { return false }
            return due >= today
        }
        return Component(name: "actions", weight: 0.1, metrics: [
            ("completionRate", AnalyticsData.rate(completed.count, of: live.count)),
            ("onTimeRate", AnalyticsData.rate(onTime.count, of: live.count)),
        ])
    }
}
