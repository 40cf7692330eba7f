import Contracts
import Fakes
import Foundation
import JSON

/// `alignmentCheck` (Coaching's POST /coaching/alignment-check and Traction's POST /alignment/check):
/// a deterministic alignment score from word overlap between a goal and the business foundation.
enum AlignmentCheck {
    /// The `AlignmentResult` for an `AlignmentCheckRequest` body, stamped `lastUpdated = now`.
    static func evaluate(_ body: JSONValue, now: Date) -> JSONValue {
        let foundation = body["businessFoundation"] ?? .object([:])
        let vision = foundation.coachingText("vision")
        let coreValues = foundation.coachingTexts("coreValues")
        let goalIntent = body.coachingText("goalIntent")

        let visionTokens = TextTokens.of(vision)
        let purposeTokens = TextTokens.of(foundation.coachingText("purpose"))
        let valueTokens = TextTokens.of(coreValues)
        let foundationTokens = visionTokens.union(purposeTokens).union(valueTokens)
            .union(TextTokens.of([foundation.coachingText("targetMarket"), foundation.coachingText("valueProposition")]))
        let intentTokens = TextTokens.of(goalIntent)
        let strategyTokens = TextTokens.of(body.coachingTexts("strategies"))
        let kpiTokens = TextTokens.of(body.coachingTexts("kpis"))
        let goalTokens = intentTokens.union(strategyTokens).union(kpiTokens)

        let intent = TextTokens.overlap(intentTokens, foundationTokens)
        let strategy = TextTokens.overlap(strategyTokens, foundationTokens.union(intentTokens))
        let kpi = TextTokens.overlap(kpiTokens, intentTokens.union(strategyTokens).union(foundationTokens))
        let values = TextTokens.overlap(goalTokens, valueTokens)
        let score = max(0, min(100, TextTokens.roundHalfUp(0.4 * Double(intent) + 0.35 * Double(strategy) + 0.25 * Double(kpi))))

        let band = score >= 80 ? "strongly aligns" : score >= 60 ? "aligns moderately" : "aligns weakly"
        let shared = goalTokens.intersection(foundationTokens).sorted().prefix(5)
        var explanation = "This goal \(band) with your business foundation (score \(score)/100)."
        explanation += shared.isEmpty
            ? " It shares no key themes with your vision, purpose or core values yet."
            : " It shares the themes \(shared.joined(separator: ", ")) with your vision, purpose and core values."

        var suggestions: [JSONValue] = []
        if strategy < 80 { suggestions.append(.string("Consider adding a strategy that connects directly to your vision: \"\(vision)\"")) }
        if kpi < 80 { suggestions.append(.string("Your KPIs could be more specific about progress toward \"\(goalIntent)\"")) }
        if values < 80, let firstValue = coreValues.first {
            suggestions.append(.string("Show how this goal puts your core value \"\(firstValue)\" into practice"))
        }
        if suggestions.isEmpty { suggestions.append("Keep reviewing this goal's strategies and KPIs as your business foundation evolves") }

        return [
            "alignmentScore": .integer(score),
            "score": .integer(score),
            "explanation": .string(explanation),
            "suggestions": .array(suggestions),
            "componentScores": ["intentAlignment": .integer(intent), "strategyAlignment": .integer(strategy), "kpiRelevance": .integer(kpi)],
            "breakdown": [
                "visionAlignment": .integer(TextTokens.overlap(goalTokens, visionTokens)),
                "purposeAlignment": .integer(TextTokens.overlap(goalTokens, purposeTokens)),
                "valuesAlignment": .integer(values),
            ],
            "lastUpdated": .string(now.rfc3339),
        ]
    }
}
