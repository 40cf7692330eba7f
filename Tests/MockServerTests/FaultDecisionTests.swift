import Contracts
import JSON
import MockServer
import Testing

/// The fault decision without HTTP: rules + request + seeded randomness → plan.
@Suite struct FaultDecisionTests {
    static let goals = FaultTarget(endpointID: "listGoals", path: "/goals", template: "/goals")
    static let activate = FaultTarget(endpointID: "activateGoal", path: "/goals/g1:activate", template: "/goals/{id}:activate")
    static let ready = FaultTarget(endpointID: "tractionHealthReady", path: "/health/ready", template: "/health/ready", isReadinessProbe: true)

    static func rule(_ id: String, _ match: FaultMatch = .all, _ effect: FaultEffect, rate: Double = 1, times: Int? = nil) -> FaultRule {
        FaultRule(id: id, match: match, effect: effect, rate: rate, times: times)
    }

    static let unavailable = FaultEffect.fail(status: 503, retryAfter: nil)

    func decide(_ rules: [FaultRule], _ target: FaultTarget, seed: UInt64 = 1) -> FaultPlan {
        var random = SeededRandom(seed: seed)
        return FaultDecision.decide(rules, for: target, using: &random)
    }

    @Test func globsMatchAcrossSegmentsAndWholeStringsOnly() {
        #expect(PathGlob("/goals/*").matches("/goals/g1"))
        #expect(PathGlob("/goals/*").matches("/goals/g1/strategies"))
        #expect(!PathGlob("/goals/*").matches("/goals"))
        #expect(!PathGlob("/goals/*").matches("/goalsx/1"))
        #expect(PathGlob("*:activate").matches("/goals/g1:activate"))
        #expect(!PathGlob("*:activate").matches("/goals/g1:activate/x"))
        #expect(!PathGlob("*:activate").matches("/goals/g1:close"))
        #expect(PathGlob("/goals/g?").matches("/goals/g1"))
        #expect(PathGlob("*").matches(""))
        #expect(PathGlob("/*/*s/*").matches("/goals/g1/strategies/s1"))
    }

    @Test func rulesMatchByEndpointIDPathGlobOrTemplateOrEverything() {
        let byID = Self.rule("f1", .endpoint("listGoals"), Self.unavailable)
        #expect(decide([byID], Self.goals).action == .fail(status: 503, retryAfter: nil, rule: "f1"))
        #expect(decide([byID], Self.activate).action == .proceed)
        let byGlob = Self.rule("f2", .path(PathGlob("*:activate")), Self.unavailable)
        #expect(decide([byGlob], Self.activate).applied == ["f2"])
        #expect(decide([byGlob], Self.goals).applied == [])
        let byTemplate = Self.rule("f3", .path(PathGlob("/goals/{id}:activate")), .drop)
        #expect(decide([byTemplate], Self.activate).action == .drop(rule: "f3"))
        #expect(decide([Self.rule("f4", .all, .drop)], Self.goals).action == .drop(rule: "f4"))
    }

    @Test func latenciesAddUpAndTheFirstFiringFailureDecides() {
        let rules = [
            Self.rule("f1", .all, .latency(LatencyRange(milliseconds: 100))),
            Self.rule("f2", .all, Self.unavailable, rate: 0),
            Self.rule("f3", .endpoint("listGoals"), .fail(status: 429, retryAfter: 2)),
            Self.rule("f4", .all, .drop),
            Self.rule("f5", .path(PathGlob("/goals")), .latency(LatencyRange(milliseconds: 50))),
        ]
        let plan = decide(rules, Self.goals)
        #expect(plan.delay == .milliseconds(150))
        #expect(plan.action == .fail(status: 429, retryAfter: 2, rule: "f3"))
        #expect(plan.applied == ["f1", "f3", "f5"])
    }

    @Test func aLatencyRangeIsSampledWithinItsBounds() {
        var random = SeededRandom(seed: 3)
        let rules = [Self.rule("f1", .all, .latency(LatencyRange(milliseconds: 100, 500)))]
        let delays = (0..<200).map { _ in FaultDecision.decide(rules, for: Self.goals, using: &random).delay }
        #expect(delays.allSatisfy { $0 >= .milliseconds(100) && $0 <= .milliseconds(500) })
        #expect(Set(delays).count > 50)
    }

    @Test func notReadyOnlyAnswersTheReadinessProbe() {
        let rules = [Self.rule("f1", .all, .notReady)]
        #expect(decide(rules, Self.ready).action == .notReady(rule: "f1"))
        #expect(decide(rules, Self.goals) == FaultPlan())
    }

    @Test func aSeededHalfRateGivesTheSameSequenceEveryRun() {
        // SplitMix64 from seed 42, top 53 bits as a fraction below 0.5 → fail (cross-checked in Python).
        var random = SeededRandom(seed: 42)
        let rules = [Self.rule("f1", .all, Self.unavailable, rate: 0.5)]
        let pattern = (0..<16).map { _ in FaultDecision.decide(rules, for: Self.goals, using: &random).action == .proceed ? "." : "F" }.joined()
        #expect(pattern == ".FFFF.F.F.FF...F")

        var many = SeededRandom(seed: 9)
        let failures = (0..<10_000).filter { _ in FaultDecision.decide(rules, for: Self.goals, using: &many).action != .proceed }.count
        #expect((4_700...5_300).contains(failures))
    }

    @Test func rulesCountDownAndDisappearAtZero() {
        var rules = [Self.rule("f1", .all, Self.unavailable, times: 2), Self.rule("f2", .all, .drop)]
        FaultDecision.countDown(&rules, applied: ["f1", "f2"])
        #expect(rules.map(\.remaining) == [1, nil])
        FaultDecision.countDown(&rules, applied: ["f2"])
        #expect(rules.map(\.remaining) == [1, nil])
        FaultDecision.countDown(&rules, applied: ["f1"])
        #expect(rules.map(\.id) == ["f2"])
    }

    @Test func theInjectorGivesIDsCountsDownAndGoesQuietWhenEmpty() {
        let faults = FaultInjector(seed: 1)
        #expect(faults.plan(for: Self.goals) == nil)
        let added = faults.add(FaultRule(match: .endpoint("listGoals"), effect: Self.unavailable, times: 3))
        #expect(added.id == "f1")
        #expect(faults.add(FaultRule(effect: .notReady)).id == "f2")
        let actions = (0..<4).map { _ in faults.plan(for: Self.goals)?.action }
        #expect(actions == [.fail(status: 503, retryAfter: nil, rule: "f1"), .fail(status: 503, retryAfter: nil, rule: "f1"),
                            .fail(status: 503, retryAfter: nil, rule: "f1"), .proceed])
        #expect(faults.rules.map(\.id) == ["f2"])
        #expect(faults.remove(id: "f2")?.effect == .notReady)
        #expect(faults.plan(for: Self.ready) == nil)
        faults.add(FaultRule(effect: .drop))
        #expect(faults.clear() == 1)
        #expect(faults.plan(for: Self.goals) == nil)
    }

    @Test func adminBodiesBecomeRulesOrFieldErrors() throws {
        let rule = try FaultSpec.rule(json: ["effect": "fail", "status": 503, "rate": 0.2, "endpoint": "listGoals", "times": 3]).get()
        #expect(rule == FaultRule(match: .endpoint("listGoals"), effect: .fail(status: 503, retryAfter: nil), rate: 0.2, times: 3))
        #expect(try FaultSpec.rule(json: ["effect": "fail", "status": 429]).get().effect == .fail(status: 429, retryAfter: 1))
        #expect(try FaultSpec.rule(json: ["effect": "latency", "delay": 250]).get().effect == .latency(LatencyRange(milliseconds: 250)))
        #expect(try FaultSpec.rule(json: ["effect": "notReady"]).get().effect == .notReady)
        guard case .failure(let problem) = FaultSpec.rule(json: ["effect": "fail", "status": 200, "rate": -1, "times": 0, "colour": "red"]) else {
            Issue.record("a bad body was accepted")
            return
        }
        #expect(Set(problem.errors.keys) == ["status", "rate", "times", "colour"])
        guard case .failure(let missing) = FaultSpec.rule(json: ["status": 503]) else { return }
        #expect(missing.errors["effect"] != nil)
        guard case .failure(let latency) = FaultSpec.rule(json: ["effect": "latency"]) else { return }
        #expect(latency.errors["delay"] != nil)
    }

    @Test func serveFlagsReadLikeTheAdminKeys() throws {
        #expect(try FaultFlags.parse("latency", "200ms").get().effect == .latency(LatencyRange(milliseconds: 200)))
        let ranged = try FaultFlags.parse("latency", "100-500ms,path=/goals/*").get()
        #expect(ranged.effect == .latency(LatencyRange(milliseconds: 100, 500)))
        #expect(ranged.match == .path(PathGlob("/goals/*")))
        #expect(try FaultFlags.parse("latency", "1-2s").get().effect == .latency(LatencyRange(milliseconds: 1000, 2000)))
        let fail = try FaultFlags.parse("fail", "status=503,rate=0.2,endpoint=listGoals,times=3").get()
        #expect(fail == FaultRule(match: .endpoint("listGoals"), effect: .fail(status: 503, retryAfter: nil), rate: 0.2, times: 3))
        #expect(try FaultFlags.parse("fail", "429,retryAfter=30").get().effect == .fail(status: 429, retryAfter: 30))
        #expect(try FaultFlags.parse("drop", "rate=0.1").get() == FaultRule(effect: .drop, rate: 0.1))

        for (effect, text, message) in [
            ("fail", "status=abc", "--fail 'status=abc': status: must be an HTTP error status from 400 to 599"),
            ("fail", "rate=0.2,rate=0.3", "--fail 'rate=0.2,rate=0.3': rate is given twice"),
            ("drop", "0.1", "--drop '0.1': '0.1' is not key=value"),
            ("latency", "500-100ms", "--latency '500-100ms': delay: '500-100ms': the range must go from low to high"),
            ("fail", "endpoint=listGoals,path=/goals", "--fail 'endpoint=listGoals,path=/goals': path: give endpoint or path, not both"),
        ] {
            guard case .failure(let problem) = FaultFlags.parse(effect, text) else {
                Issue.record("\(text) was accepted")
                continue
            }
            #expect(problem.description == message)
        }
    }

    @Test func listedRulesShowTheirKeysIDAndRemainingCount() {
        var rule = FaultRule(id: "f7", match: .path(PathGlob("*:activate")), effect: .fail(status: 429, retryAfter: 5), rate: 0.5, times: 3)
        rule.remaining = 2
        let expected: JSONValue = [
            "id": "f7", "effect": "fail", "applied": 0, "status": 429, "retryAfter": 5, "path": "*:activate", "rate": 0.5, "times": 3, "remaining": 2,
        ]
        #expect(rule.json.isJSONEqual(to: expected), "\(rule.json)")
    }
}
