import TestSupport
import Contracts
import Testing

@Suite struct PathTemplateTests {
    @Test func parsesCustomMethodSuffixes() throws {
        let template = try PathTemplate("/goals/{goalId}/kpis/{kpiId}:link")
        #expect(template.parameterNames == ["goalId", "kpiId"])
        #expect(template.segments.last == .parameter(name: "kpiId", prefix: "", suffix: ":link"))
        #expect(template.shape == "/goals/{}/kpis/{}:link")
        #expect(try PathTemplate("/goals/{goalId}/strategies:reorder").segments.last == .literal("strategies:reorder"))
    }

    @Test(arguments: [
        ("goals", "path must start with '/': goals"),
        ("/goals/{id", "unbalanced '{' in /goals/{id"),
        ("/goals/{id}/x/{id}", "parameter {id} appears twice in /goals/{id}/x/{id}"),
        ("/goals//x", "empty segment in /goals//x"),
        ("/goals/{}", "invalid parameter name '{}' in /goals/{}"),
        ("/a/{x}{y}", "at most one parameter per segment in /a/{x}{y}"),
    ])
    func rejectsMalformedTemplates(text: String, message: String) {
        #expect(throws: PathTemplate.SyntaxError(message: message)) { try PathTemplate(text) }
    }

    @Test func expandsAndPercentEncodesParameters() throws {
        let template = try PathTemplate("/goals/{id}:activate")
        #expect(template.expand(["id": "goal 1/2"]) == "/goals/goal%201%2F2:activate")
        #expect(template.expand([:]) == "/goals/{id}:activate")
    }
}

@Suite struct RouteTableTests {
    let table: RouteTable<String> = {
        var table = RouteTable<String>()
        let routes: [(HTTPMethod, String, String)] = [
            (.GET, "/goals", "listGoals"), (.POST, "/goals", "createGoal"),
            (.GET, "/goals/{id}", "getGoal"), (.PUT, "/goals/{id}", "updateGoal"),
            (.GET, "/goals/stats", "goalStats"),
            (.POST, "/goals/{id}:activate", "activateGoal"), (.POST, "/goals/{id}:pause", "pauseGoal"),
            (.PUT, "/goals/{goalId}/strategies:reorder", "reorderStrategies"),
            (.PUT, "/goals/{goalId}/strategies/{strategyId}", "updateStrategy"),
            (.POST, "/goals/{goalId}/kpis:link", "linkKpi"),
            (.GET, "/goals/{goalId}/kpis/{kpiId}:link", "getKpiLink"),
            (.GET, "/health", "health"),
        ]
        for (method, path, id) in routes { table.add(try! PathTemplate(path), method: method, value: id) }
        return table
    }()

    func found(_ method: HTTPMethod, _ path: String) -> (String, [String: String])? {
        if case .found(let value, let parameters, _) = table.match(method: method, path: path) { return (value, parameters) }
        return nil
    }

    @Test func literalSegmentsWinOverParameters() {
        #expect(found(.GET, "/goals/stats")?.0 == "goalStats")
        #expect(found(.GET, "/goals/goal_1")?.0 == "getGoal")
        #expect(found(.PUT, "/goals/g1/strategies:reorder")?.0 == "reorderStrategies")
        #expect(found(.PUT, "/goals/g1/strategies/s1")?.1 == ["goalId": "g1", "strategyId": "s1"])
    }

    @Test func customMethodSuffixesBindTheParameterBeforeThem() {
        #expect(found(.POST, "/goals/goal_1:activate").map { $0.0 + " " + $0.1["id"]! } == "activateGoal goal_1")
        #expect(found(.POST, "/goals/goal_1:pause")?.0 == "pauseGoal")
        #expect(found(.GET, "/goals/g/kpis/k:link")?.1 == ["goalId": "g", "kpiId": "k"])
        #expect(found(.POST, "/goals/g:kpis:link") == nil)
    }

    @Test func segmentsArePercentDecodedAfterSplitting() {
        #expect(found(.POST, "/goals/goal_1%3Aactivate")?.0 == "activateGoal")
        #expect(found(.GET, "/goals/a%2Fb")?.1 == ["id": "a/b"])
        #expect(found(.GET, "/goals/caf%C3%A9")?.1 == ["id": "café"])
        #expect(found(.GET, "/goals/")?.0 == "listGoals")
    }

    @Test func wrongMethodListsTheAllowedOnes() {
        guard case .methodNotAllowed(let allowed) = table.match(method: .DELETE, path: "/goals") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.GET, .POST])
    }

    @Test func unknownPathNamesTheClosestRoute() {
        guard case .notFound(let closest) = table.match(method: .GET, path: "/goal") else {
            Issue.record("expected 404")
            return
        }
        #expect(closest == "/goals")
        if case .found = table.match(method: .GET, path: "/goals/%ZZ") { Issue.record("malformed escape must not match") }
    }

    @Test func duplicateShapesAreReported() throws {
        var table = RouteTable<String>()
        #expect(table.add(try PathTemplate("/goals/{id}"), method: .GET, value: "a") == nil)
        #expect(table.add(try PathTemplate("/goals/{goalId}"), method: .GET, value: "b") == "a")
        #expect(table.add(try PathTemplate("/goals/{goalId}"), method: .PUT, value: "c") == nil)
    }
}

/// One rule for every duration a person writes: a number and a unit; a bare number is refused.
@Suite struct DurationTextTests {
    @Test func durationsNeedAUnitAndRangesShareOne() throws {
        #expect(try DurationText.parse("1.5s").get() == .milliseconds(1500))
        #expect(try DurationText.parse("500ms").get() == .milliseconds(500))
        #expect(try DurationText.parse("15m").get() == .seconds(900))
        #expect(try DurationText.parse("30d").get() == .seconds(30 * 86400))
        let range = try DurationText.parseRange("100-500ms").get()
        #expect(range.lower == .milliseconds(100) && range.upper == .milliseconds(500))
        #expect(DurationText.parse("200") == .failure(.init(description: "'200' needs a unit: write e.g. 200ms or 200s")))
        #expect(DurationText.parse("fast") == .failure(.init(description: "'fast' is not a duration; write e.g. 500ms, 1.5s, 15m, 2h or 30d")))
        #expect(DurationText.parse("1-2s") == .failure(.init(description: "'1-2s' is a range; give one duration")))
        guard case .failure(let problem) = DurationText.parseRange("500-100ms") else { Issue.record("a falling range was accepted"); return }
        #expect(problem.description == "'500-100ms': the range must go from low to high")
    }
}

@Suite struct QueryComponentEncodingTests {
    @Test func everythingButUnreservedIsEscaped() {
        #expect(PercentEncoding.encodeQueryComponent("a b&c=d/é~._-") == "a%20b%26c%3Dd%2F%C3%A9~._-")
        #expect(PercentEncoding.decode(PercentEncoding.encodeQueryComponent("x+y z")) == "x+y z")
    }
}
