import CivilTime
import Contracts
import Fakes
import Foundation
import JSON

/// `schedulingSuggestions` (POST /operations/scheduling-suggestions): places each action after its
/// dependencies and its assignee's previous action, skipping the assignee's unavailable dates.
enum Scheduling {
    /// The longest run one action may take, in days: an absurd estimate is capped rather than looped over.
    static let maximumDays = 36_600

    /// One request action, as the scheduler reads it.
    struct Action {
        var id: String
        var title: String
        var hours: Double
        var dependencies: [String]
        var assignee: String
        var currentStart: CalendarDay?
        var currentDue: CalendarDay?

        init(_ value: JSONValue) {
            id = value.coachingText("id")
            title = value.coachingText("title")
            hours = value["estimatedDuration"]?.doubleValue ?? 0
            dependencies = value.coachingTexts("dependencies")
            assignee = value.coachingText("assignedTo")
            currentStart = value["currentStartDate"]?.stringValue.flatMap(CalendarDay.init(parsing:))
            currentDue = value["currentDueDate"]?.stringValue.flatMap(CalendarDay.init(parsing:))
        }
    }

    /// A team member's capacity: hours per week and the days they are away.
    struct Person {
        var hoursPerWeek: Double
        var unavailable: Set<CalendarDay>
    }

    /// One `SchedulingSuggestion` per request action, in request order, scheduled from `today`.
    static func evaluate(_ body: JSONValue, today: CalendarDay) -> JSONValue {
        let actions = body.coachingItems("actions").map(Action.init)
        let constraints = body["constraints"] ?? .object([:])
        var people: [String: Person] = [:]
        for entry in constraints.coachingItems("teamAvailability") {
            people[entry.coachingText("personId")] = Person(
                hoursPerWeek: entry["hoursPerWeek"]?.doubleValue ?? 0,
                unavailable: Set(entry.coachingTexts("unavailableDates").compactMap(CalendarDay.init(parsing:))))
        }
        let deadlines = constraints.coachingItems("criticalDeadlines")
            .compactMap { entry in CalendarDay(parsing: entry.coachingText("date")).map { (day: $0, description: entry.coachingText("description")) } }
            .sorted { $0.day != $1.day ? $0.day < $1.day : $0.description.unicodeScalars.lexicographicallyPrecedes($1.description.unicodeScalars) }
        var titles: [String: String] = [:]
        for action in actions { titles[action.id] = action.title }

        var finished: [String: CalendarDay] = [:]
        var assigneeFree: [String: CalendarDay] = [:]
        var results: [String: JSONValue] = [:]
        for index in placementOrder(actions) {
            let action = actions[index]
            let person = people[action.assignee]
            let hoursPerWeek = person?.hoursPerWeek ?? 40
            let unavailable = person?.unavailable ?? []
            let dayCount = days(for: action.hours, hoursPerDay: hoursPerWeek / 5)

            var start = max(today, action.currentStart ?? today)
            for dependency in action.dependencies {
                if let end = finished[dependency] { start = max(start, end.adding(days: 1)) }
            }
            if let free = assigneeFree[action.assignee] { start = max(start, free) }
            while unavailable.contains(start) { start = start.adding(days: 1) }
            var due = start
            var remaining = dayCount - 1
            while remaining > 0 {
                due = due.adding(days: 1)
                if !unavailable.contains(due) { remaining -= 1 }
            }
            finished[action.id] = due
            assigneeFree[action.assignee] = due.adding(days: 1)

            let deadline = deadlines.first { $0.day >= start }
            let late = deadline.map { due > $0.day } ?? false
            let count = action.dependencies.count
            var reasoning = "Starts \(count == 0 ? "with no dependencies" : "after \(count) dependenc\(count == 1 ? "y" : "ies")") and fits \(action.assignee)'s \(format(hoursPerWeek)) hours/week"
            if let deadline {
                reasoning += late
                    ? ", but runs past \(deadline.description) on \(deadline.day.iso)"
                    : ", finishing before \(deadline.description) on \(deadline.day.iso)"
            }
            reasoning += "."

            var risks: [JSONValue] = []
            if count > 0 { risks.append("Tight timeline if dependencies slip") }
            if let deadline, late { risks.append(.string("Runs past \(deadline.description) (\(deadline.day.iso))")) }
            if let currentDue = action.currentDue, due > currentDue { risks.append(.string("Finishes after the current due date (\(currentDue.iso))")) }
            if risks.isEmpty { risks.append("Buffer recommended for testing") }

            results[action.id] = [
                "actionId": .string(action.id),
                "suggestedStartDate": .string(start.iso),
                "suggestedDueDate": .string(due.iso),
                "reasoning": .string(reasoning),
                "confidence": .number(late ? 0.6 : 0.87),
                "dependencies": .array(action.dependencies.map { dependency in
                    .string(titles[dependency].map { "\"\($0)\" must complete first" } ?? "\(dependency) must complete first")
                }),
                "resourceConsiderations": [
                    .string("\(action.assignee) has \(format(hoursPerWeek)) hours/week available"),
                    .string("Estimated effort: \(format(action.hours)) hours over \(dayCount) day\(dayCount == 1 ? "" : "s")"),
                ],
                "risks": .array(risks),
                "alternativeSchedules": [[
                    "startDate": .string(start.adding(days: 7).iso), "dueDate": .string(due.adding(days: 7).iso),
                    "rationale": "One week later: more buffer, lower risk",
                ]],
            ]
        }
        return .array(actions.compactMap { results[$0.id] })
    }

    /// `max(1, ceil(hours / hoursPerDay))`, 1 when nobody has hours, capped at `maximumDays`.
    static func days(for hours: Double, hoursPerDay: Double) -> Int {
        guard hoursPerDay > 0 else { return 1 }
        let days = (hours / hoursPerDay).rounded(.up)
        guard days.isFinite else { return maximumDays }
        return Int(max(1, min(Double(maximumDays), days)))
    }

    /// Depth-first placement order: request order, each action after the in-request actions it
    /// depends on; a dependency that closes a cycle is ignored. Iterative, so long chains cannot
    /// exhaust the stack.
    static func placementOrder(_ actions: [Action]) -> [Int] {
        var byID: [String: Int] = [:]
        for (index, action) in actions.enumerated() { byID[action.id] = index }
        var seen: Set<String> = []
        var order: [Int] = []
        for root in actions.indices where !seen.contains(actions[root].id) {
            seen.insert(actions[root].id)
            var stack: [(index: Int, next: Int)] = [(root, 0)]
            while let top = stack.last {
                let dependencies = actions[top.index].dependencies
                if top.next < dependencies.count {
                    stack[stack.count - 1].next += 1
                    if let dependency = byID[dependencies[top.next]], !seen.contains(actions[dependency].id) {
                        seen.insert(actions[dependency].id)
                        stack.append((dependency, 0))
                    }
                } else {
                    stack.removeLast()
                    order.append(top.index)
                }
            }
        }
        return order
    }

    /// A number as Python's `format(x, "g")` writes it (`20`, `7.5`), as the contract's examples do.
    static func format(_ value: Double) -> String { String(format: "%g", value) }
}
