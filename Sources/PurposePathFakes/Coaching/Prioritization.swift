import Contracts
import Fakes
import JSON

/// `prioritizationSuggestions` (POST /operations/prioritization-suggestions): moves each action's
/// priority one level at a time from its due date, linked goals and impact.
enum Prioritization {
    static let levels = ["low", "medium", "high", "critical"]
    static let baseValue = [5_000, 15_000, 40_000, 80_000]

    /// One `PrioritizationSuggestion` per request action, in request order; `today` decides urgency.
    static func evaluate(_ body: JSONValue, today: CalendarDay) throws(FakeError) -> JSONValue {
        var suggestions: [JSONValue] = []
        for (index, action) in body.coachingItems("actions").enumerated() {
            let current = action.coachingText("currentPriority")
            guard let level = levels.firstIndex(of: current) else {
                throw .validation(["actions.\(index).currentPriority": "must be one of \(levels.joined(separator: ", "))"])
            }
            suggestions.append(suggestion(for: action, current: current, level: level, today: today))
        }
        return .array(suggestions)
    }

    private static func suggestion(for action: JSONValue, current: String, level: Int, today: CalendarDay) -> JSONValue {
        let title = action.coachingText("title")
        let rawDue = action.coachingText("dueDate")
        let shownDue = String(String.UnicodeScalarView(rawDue.unicodeScalars.prefix(10)))
        let due = CalendarDay(parsing: rawDue)
        let days = due.map { $0.ordinal - today.ordinal }
        let urgent = days.map { $0 <= 7 } ?? false
        let goalCount = action.coachingItems("linkedGoals").count
        let impact = action.coachingText("impact")
        let status = action.coachingText("status").lowercased()
        let closed = status == "completed" || status == "cancelled"

        var suggested = level
        if !closed {
            if urgent { suggested += 1 }
            if goalCount > 0, ["high", "critical"].contains(impact.lowercased()) { suggested += 1 }
            if !urgent, goalCount == 0, impact.lowercased() == "low" { suggested -= 1 }
        }
        suggested = max(0, min(levels.count - 1, suggested))
        let suggestedName = levels[suggested]
        let recommended = suggested > level ? "escalate" : suggested < level ? "de-prioritize" : "maintain"

        let urgency: String
        let when: String
        switch days {
        case nil: (urgency, when) = ("No parseable due date", "has no parseable due date")
        case let days? where days < 0: (urgency, when) = ("Overdue by \(-days) days (due \(shownDue))", "is overdue by \(-days) days")
        case let days? where days <= 7: (urgency, when) = ("Due in \(days) days (\(shownDue))", "is due in \(days) days")
        case let days?: (urgency, when) = ("No immediate deadline", "is due in \(days) days")
        }
        let goalsText = "\(goalCount) linked goal\(goalCount == 1 ? "" : "s")"
        var impactFactors: [JSONValue] = goalCount > 0 ? [.string("Supports \(goalsText)")] : []
        impactFactors += [.string("Impact rated \(impact)"), .string("Effort rated \(action.coachingText("effort"))")]

        let verdict = switch recommended {
        case "escalate": "raise its priority from \(current) to \(suggestedName)"
        case "de-prioritize": "lower its priority from \(current) to \(suggestedName)"
        default: "keep its priority at \(current)"
        }
        let reasoning = closed
            ? "\"\(title)\" is already \(status): keep its priority at \(current)."
            : "\"\(title)\" \(when), supports \(goalsText) and has \(impact) impact: \(verdict)."

        return [
            "actionId": .string(action.coachingText("id")),
            "suggestedPriority": .string(suggestedName),
            "currentPriority": .string(current),
            "reasoning": .string(reasoning),
            "confidence": .number(due == nil ? 0.75 : 0.9),
            "urgencyFactors": [.string(closed ? "Action is already \(status)" : urgency)],
            "impactFactors": .array(impactFactors),
            "recommendedAction": .string(recommended),
            "estimatedBusinessValue": .integer(baseValue[suggested] + 10_000 * goalCount),
        ]
    }
}
