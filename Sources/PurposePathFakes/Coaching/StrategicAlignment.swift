import Contracts
import Fakes
import JSON

/// `strategicAlignment` (POST /operations/strategic-alignment): how well each action serves the goals
/// and the business foundation, by word overlap as in `alignmentCheck`.
enum StrategicAlignment {
    /// The `StrategicAlignmentResult` for a `StrategicAlignmentRequest` body.
    static func evaluate(_ body: JSONValue) -> JSONValue {
        let foundation = body["businessFoundation"] ?? .object([:])
        let vision = foundation.coachingText("vision")
        let foundationTokens = TextTokens.of([vision, foundation.coachingText("purpose")] + foundation.coachingTexts("coreValues"))
        let goals = body.coachingItems("goals").map { goal in
            (id: goal.coachingText("id"), title: goal.coachingText("intent"),
             tokens: TextTokens.of([goal.coachingText("intent")] + goal.coachingTexts("strategies")))
        }
        let actions = body.coachingItems("actions")

        var analyses: [JSONValue] = []
        var scores: [Int] = []
        var unaligned = 0
        var highPriorityLinked = true
        for action in actions {
            let tokens = TextTokens.of([action.coachingText("title"), action.coachingText("description")])
            let connections = goals.enumerated()
                .filter { !tokens.isDisjoint(with: $0.element.tokens) }
                .map { (index: $0.offset, goal: $0.element, score: TextTokens.overlap(tokens, $0.element.tokens)) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
            let best = connections.first?.score ?? 0
            let score = TextTokens.roundHalfUp(0.7 * Double(best) + 0.3 * Double(TextTokens.overlap(tokens, foundationTokens)))
            let priority = action.coachingText("priority").lowercased()

            var recommendations: [JSONValue] = []
            if let top = connections.first {
                recommendations.append(.string("Link this action to the goal \"\(top.goal.title)\" for better tracking"))
                if ["low", "medium"].contains(priority), best >= 80 {
                    recommendations.append("Consider prioritizing this action higher due to its strategic importance")
                }
            } else {
                unaligned += 1
                recommendations.append("Link this action to a goal: it does not clearly support any of the goals provided")
                recommendations.append(.string("Consider de-prioritizing this action unless it serves your vision: \"\(vision)\""))
                if ["high", "critical"].contains(priority) { highPriorityLinked = false }
            }
            scores.append(score)
            analyses.append([
                "actionId": .string(action.coachingText("id")),
                "alignmentScore": .integer(score),
                "strategicConnections": .array(connections.map { connection in
                    [
                        "goalId": .string(connection.goal.id), "goalTitle": .string(connection.goal.title),
                        "alignmentScore": .integer(connection.score), "impact": .string(impact(of: connection.score)),
                    ]
                }),
                "recommendations": .array(recommendations),
            ])
        }

        let count = actions.count
        let overall = count == 0 ? 0 : TextTokens.roundHalfUp(Double(scores.reduce(0, +)) / Double(count))
        let insights: [JSONValue] = count == 0
            ? ["No actions were provided for analysis"]
            : [
                .string("\(TextTokens.roundHalfUp(100 * Double(unaligned) / Double(count)))% of your actions are not strategically aligned"),
                highPriorityLinked
                    ? "Your highest priority actions align well with business goals"
                    : "Some high-priority actions are not linked to any goal",
            ]
        return ["alignmentAnalysis": .array(analyses), "overallAlignment": .integer(overall), "insights": .array(insights)]
    }

    /// A connection's impact from its score: critical at 100, high from 80, medium from 60, else low.
    static func impact(of score: Int) -> String {
        score >= 100 ? "critical" : score >= 80 ? "high" : score >= 60 ? "medium" : "low"
    }
}
