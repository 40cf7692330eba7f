import Contracts
import Fakes
import Foundation
import JSON
import Testing

/// Targeted cases of the Coaching computations (alignment, strategic alignment, prioritization,
/// scheduling). The expected answers were produced by the contract author's Python prototypes
/// (/tmp/coaching_proto/proto.py) for the same inputs with today = 2025-10-13.
@Suite struct CoachingComputationTests {
    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    /// Calls an endpoint on 2025-10-13 and answers its `data`.
    static func data(_ id: String, _ body: JSONValue) async throws -> JSONValue {
        let (harness, caller) = try await CoachingBuiltinTests.onExampleDay()
        let response = try await harness.call(id, body: body, as: caller)
        #expect(response.status == 200)
        return try #require(response.jsonBody?["data"])
    }

    static func expectSame(_ actual: JSONValue, _ expected: JSONValue, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(actual.isJSONEqual(to: expected), "\(actual.jsonString())\n≠ prototype\n\(expected.jsonString())", sourceLocation: sourceLocation)
    }

    @Test func alignmentScoresStayWithinBoundsOnEmptyAndRichInput() async throws {
        let empty: JSONValue = [
            "goalIntent": "x", "strategies": [], "kpis": [],
            "businessFoundation": ["vision": "", "purpose": "", "coreValues": []],
        ]
        var lowest = try await Self.data("coachingAlignmentCheck", empty)
        lowest["lastUpdated"] = nil
        Self.expectSame(lowest, try Self.json(protoEmptyAlignment))

        let rich: JSONValue = [
            "goalIntent": "Grow coaching revenue with leadership retainer clients",
            "strategies": ["Sell leadership coaching retainer packages to founders"],
            "kpis": ["Coaching retainer revenue from founders"],
            "businessFoundation": [
                "vision": "Leadership coaching for founders", "purpose": "Grow founders into leaders",
                "coreValues": ["Client revenue retainer growth"],
            ],
        ]
        var highest = try await Self.data("tractionAlignmentCheck", rich)
        highest["lastUpdated"] = nil
        Self.expectSame(highest, try Self.json(protoRichAlignment))
        #expect(highest["score"] == 100)
    }

    @Test func strategicAlignmentWithoutActionsSaysSo() async throws {
        let result = try await Self.data("analyzeStrategicAlignment", [
            "actions": [], "goals": [["id": "goal_a", "intent": "Grow revenue", "strategies": []]],
            "businessFoundation": ["vision": "v", "purpose": "p", "coreValues": []],
        ])
        #expect(result == ["alignmentAnalysis": [], "overallAlignment": 0, "insights": ["No actions were provided for analysis"]])
    }

    @Test func prioritizationEscalatesOverdueWorkAndLeavesClosedWorkAlone() async throws {
        let result = try await Self.data("getPrioritizationSuggestions", [
            "actions": [
                ["id": "o", "title": "Overdue thing", "currentPriority": "low", "dueDate": "2025-10-10T00:00:00Z", "impact": "High", "effort": "low", "status": "in_progress", "linkedGoals": ["g1", "g2"]],
                ["id": "c", "title": "Closed thing", "currentPriority": "high", "dueDate": "2025-10-01", "impact": "high", "effort": "low", "status": "Completed", "linkedGoals": ["g1"]],
                ["id": "n", "title": "No date", "currentPriority": "critical", "dueDate": "soon", "impact": "critical", "effort": "high", "status": "not_started", "linkedGoals": ["g"]],
                ["id": "l", "title": "Low", "currentPriority": "low", "dueDate": "2025-12-01", "impact": "low", "effort": "low", "status": "not_started", "linkedGoals": []],
            ],
            "businessContext": ["currentGoals": [], "constraints": [], "urgentDeadlines": []],
        ])
        Self.expectSame(result, try Self.json(protoPrioritization))
        #expect(result[0]?["recommendedAction"] == "escalate")
        #expect(result[0]?["urgencyFactors"] == ["Overdue by 3 days (due 2025-10-10)"])
    }

    @Test func schedulingOrdersByDependenciesAndSkipsUnavailableDates() async throws {
        // a_launch depends on a_build (listed after it) and on an outside id; a_build depends back on
        // a_launch (a cycle: ignored). p1 is away on 10-14 and 10-16; p2 has no hours and is away today.
        let result = try await Self.data("getSchedulingSuggestions", [
            "actions": [
                ["id": "a_launch", "title": "Launch", "estimatedDuration": 10, "dependencies": ["a_build", "ext_legal"], "assignedTo": "p1", "priority": "high", "currentDueDate": "2025-10-20"],
                ["id": "a_build", "title": "Build", "estimatedDuration": 16, "dependencies": ["a_launch"], "assignedTo": "p1", "priority": "high", "currentStartDate": "2025-10-14T09:00:00Z"],
                ["id": "a_side", "title": "Side", "estimatedDuration": 7.5, "dependencies": [], "assignedTo": "p2", "priority": "low"],
            ],
            "constraints": [
                "teamCapacity": 40,
                "criticalDeadlines": [["date": "2025-10-21", "description": "Beta"], ["date": "2025-10-10", "description": "Past"]],
                "teamAvailability": [
                    ["personId": "p1", "hoursPerWeek": 20, "unavailableDates": ["2025-10-14", "2025-10-16", "bogus"]],
                    ["personId": "p2", "hoursPerWeek": 0, "unavailableDates": ["2025-10-13"]],
                ],
            ],
        ])
        Self.expectSame(result, try Self.json(protoScheduling))
        // Build starts after its own start date and p1's day off, skips 10-16, and Launch follows it.
        #expect(result[1]?["suggestedStartDate"] == "2025-10-15")
        #expect(result[1]?["suggestedDueDate"] == "2025-10-19")
        #expect(result[0]?["suggestedStartDate"] == "2025-10-20")
        #expect(result[0]?["confidence"] == .number(0.6))
    }

    @Test func schedulingCapsAbsurdEstimatesInsteadOfLooping() async throws {
        let result = try await Self.data("getSchedulingSuggestions", [
            "actions": [["id": "a", "title": "Forever", "estimatedDuration": 1e300, "dependencies": ["a"], "assignedTo": "p", "priority": "low"]],
            "constraints": ["teamCapacity": 1, "criticalDeadlines": [], "teamAvailability": [["personId": "p", "hoursPerWeek": 0.001, "unavailableDates": []]]],
        ])
        #expect(result[0]?["suggestedStartDate"] == "2025-10-13")
        #expect(result[0]?["resourceConsiderations"]?[1] == "Estimated effort: 1e+300 hours over 36600 days")
    }
}

private let protoEmptyAlignment = #"{"alignmentScore": 0, "score": 0, "explanation": "This goal aligns weakly with your business foundation (score 0/100). It shares no key themes with your vision, purpose or core values yet.", "suggestions": ["Consider adding a strategy that connects directly to your vision: \"\"", "Your KPIs could be more specific about progress toward \"x\""], "componentScores": {"intentAlignment": 0, "strategyAlignment": 0, "kpiRelevance": 0}, "breakdown": {"visionAlignment": 0, "purposeAlignment": 0, "valuesAlignment": 0}}"#
private let protoRichAlignment = #"{"alignmentScore": 100, "score": 100, "explanation": "This goal strongly aligns with your business foundation (score 100/100). It shares the themes client, coaching, founder, grow, leadership with your vision, purpose and core values.", "suggestions": ["Keep reviewing this goal's strategies and KPIs as your business foundation evolves"], "componentScores": {"intentAlignment": 100, "strategyAlignment": 100, "kpiRelevance": 100}, "breakdown": {"visionAlignment": 100, "purposeAlignment": 80, "valuesAlignment": 100}}"#
private let protoPrioritization = #"[{"actionId": "o", "suggestedPriority": "high", "currentPriority": "low", "reasoning": "\"Overdue thing\" is overdue by 3 days, supports 2 linked goals and has High impact: raise its priority from low to high.", "confidence": 0.9, "urgencyFactors": ["Overdue by 3 days (due 2025-10-10)"], "impactFactors": ["Supports 2 linked goals", "Impact rated High", "Effort rated low"], "recommendedAction": "escalate", "estimatedBusinessValue": 60000}, {"actionId": "c", "suggestedPriority": "high", "currentPriority": "high", "reasoning": "\"Closed thing\" is already completed: keep its priority at high.", "confidence": 0.9, "urgencyFactors": ["Action is already completed"], "impactFactors": ["Supports 1 linked goal", "Impact rated high", "Effort rated low"], "recommendedAction": "maintain", "estimatedBusinessValue": 50000}, {"actionId": "n", "suggestedPriority": "critical", "currentPriority": "critical", "reasoning": "\"No date\" has no parseable due date, supports 1 linked goal and has critical impact: keep its priority at critical.", "confidence": 0.75, "urgencyFactors": ["No parseable due date"], "impactFactors": ["Supports 1 linked goal", "Impact rated critical", "Effort rated high"], "recommendedAction": "maintain", "estimatedBusinessValue": 90000}, {"actionId": "l", "suggestedPriority": "low", "currentPriority": "low", "reasoning": "\"Low\" is due in 49 days, supports 0 linked goals and has low impact: keep its priority at low.", "confidence": 0.9, "urgencyFactors": ["No immediate deadline"], "impactFactors": ["Impact rated low", "Effort rated low"], "recommendedAction": "maintain", "estimatedBusinessValue": 5000}]"#
private let protoScheduling = #"[{"actionId": "a_launch", "suggestedStartDate": "2025-10-20", "suggestedDueDate": "2025-10-22", "reasoning": "Starts after 2 dependencies and fits p1's 20 hours/week, but runs past Beta on 2025-10-21.", "confidence": 0.6, "dependencies": ["\"Build\" must complete first", "ext_legal must complete first"], "resourceConsiderations": ["p1 has 20 hours/week available", "Estimated effort: 10 hours over 3 days"], "risks": ["Tight timeline if dependencies slip", "Runs past Beta (2025-10-21)", "Finishes after the current due date (2025-10-20)"], "alternativeSchedules": [{"startDate": "2025-10-27", "dueDate": "2025-10-29", "rationale": "One week later: more buffer, lower risk"}]}, {"actionId": "a_build", "suggestedStartDate": "2025-10-15", "suggestedDueDate": "2025-10-19", "reasoning": "Starts after 1 dependency and fits p1's 20 hours/week, finishing before Beta on 2025-10-21.", "confidence": 0.87, "dependencies": ["\"Launch\" must complete first"], "resourceConsiderations": ["p1 has 20 hours/week available", "Estimated effort: 16 hours over 4 days"], "risks": ["Tight timeline if dependencies slip"], "alternativeSchedules": [{"startDate": "2025-10-22", "dueDate": "2025-10-26", "rationale": "One week later: more buffer, lower risk"}]}, {"actionId": "a_side", "suggestedStartDate": "2025-10-14", "suggestedDueDate": "2025-10-14", "reasoning": "Starts with no dependencies and fits p2's 0 hours/week, finishing before Beta on 2025-10-21.", "confidence": 0.87, "dependencies": [], "resourceConsiderations": ["p2 has 0 hours/week available", "Estimated effort: 7.5 hours over 1 day"], "risks": ["Buffer recommended for testing"], "alternativeSchedules": [{"startDate": "2025-10-21", "dueDate": "2025-10-21", "rationale": "One week later: more buffer, lower risk"}]}]"#
