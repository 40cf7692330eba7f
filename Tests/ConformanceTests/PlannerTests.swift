import Conformance
import Contracts
import JSON
import TestSupport
import Testing

/// The plan is pure: cases per endpoint kind from a small contract set, no HTTP.
@Suite struct PlannerTests {
    func plan(goals: [String] = ["goal_1"], options: CasePlanner.Options = .init()) throws -> [TestCase] {
        let (contracts, diagnostics, _) = try SmallContracts.load()
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        let resolver = FixtureResolver(scenario: SmallContracts.scenario(goals: goals), collections: contracts.collections,
                                       tenantID: "tenant_a", userID: "user_a")
        return CasePlanner(contracts: contracts, resolver: resolver, options: options).plan()
    }

    @Test func everyEndpointKindGetsItsCasesInStableOrder() throws {
        let cases = try plan()
        let names = cases.map { "\($0.endpointID) \($0.name)" }
        #expect(names == [
            "listGoals example", "listGoals auth: no credentials → 401",
            "createGoal example", "createGoal auth: no credentials → 401", "createGoal validation: 6 bodies the schema refuses → 422",
            "getGoal example", "getGoal auth: no credentials → 401", "getGoal not found: unknown {id} → 404",
            "health example",
            "streamGoals stream", "streamGoals auth: no credentials → 401", "streamGoals not found: unknown {goalId} → 404",
            "listGoals token: expired token → 401", "listGoals token: tampered signature → 401", "listGoals token: alg: none → 401",
            "listGoals token: garbage token → 401", "listGoals token: wrong scheme → 401",
            "getGoal isolation: goals of one tenant, seen by another",
        ])
        let get = try #require(cases.first { $0.endpointID == "getGoal" && $0.kind == .example })
        #expect(get.request?.path == "/goals/goal_1")
        #expect(get.expectedStatus == 200)
        // One of each kind the schema allows first (`title` left out, then wrong types and nulls), each refused with 422.
        let validation = try #require(cases.first { $0.kind == .validation }?.script)
        #expect(validation.steps.first?.body == ["intent": "Grow"] && validation.steps.first?.label == "missing required at /title")
        #expect(Set(validation.steps.compactMap { $0.label?.components(separatedBy: " at ").first }) == ["missing required", "wrong type", "null"])
        #expect(validation.steps.allSatisfy { $0.expect?.statuses == [422] })
        #expect(validation.cleanup.map(\.call).isEmpty, "no delete endpoint: nothing to remove")
        let missing = try #require(cases.first { $0.kind == .notFound && $0.endpointID == "getGoal" })
        #expect(missing.request?.path == "/goals/goal_understudy0missing" && missing.expectedStatus == 404)
        let auth = try #require(cases.first { $0.endpointID == "createGoal" && $0.kind == .auth })
        #expect(auth.request?.identity == .anonymous && auth.expectedStatus == 401)
        // Query credentials are the runner's own, never the contract's example.
        let stream = try #require(cases.first { $0.kind == .stream })
        #expect(stream.request?.query.isEmpty == true)
        #expect(stream.request?.path == "/realtime/goals/goal_1")
    }

    @Test func anUnresolvablePathParameterSkipsTheExampleWithTheReason() throws {
        let cases = try plan(goals: [])
        let get = try #require(cases.first { $0.endpointID == "getGoal" && $0.kind == .example })
        #expect(get.skipReason?.contains("{id}") == true)
        // The auth negative still runs: auth comes before the lookup.
        let auth = try #require(cases.first { $0.endpointID == "getGoal" && $0.kind == .auth })
        #expect(auth.skipReason == nil)
    }

    @Test func readOnlyKeepsSafeCasesAndFiltersApply() throws {
        let readOnly = try plan(options: .init(readOnly: true))
        #expect(readOnly.allSatisfy { $0.request?.method == .GET && $0.script == nil && !$0.mutates })
        #expect(Set(readOnly.map(\.kind)) == [.example, .stream, .auth, .notFound, .token])
        #expect(!readOnly.contains { $0.endpointID == "createGoal" })
        let only = try plan(options: .init(filter: CaseFilter(only: ["/goals/*"])))
        #expect(Set(only.map(\.endpointID)) == ["getGoal"])
        let skipped = try plan(options: .init(filter: CaseFilter(skip: ["traction"])))
        #expect(skipped.isEmpty)
    }

    @Test func flowTemplatesTakeWholeValuesAndReportMissingCaptures() throws {
        let template = FlowTemplate(values: ["n": 3, "goalId": "goal_1", "user.id": "user_a"])
        #expect(try template.render(["count": "{{n}}", "path": "/goals/{{goalId}}", "owner": "{{ user.id }}"])
                == ["count": 3, "path": "/goals/goal_1", "owner": "user_a"])
        #expect(throws: FlowTemplate.Missing.self) { try template.render("{{missing}}") }
    }
}

/// `verify.via` hands an endpoint's success to a flow; `verify.trigger` makes a stream case expect an event.
@Suite struct VerifyHintTests {
    static let extra = """
        service: traction
        endpoints:
          archiveGoal:
            method: POST
            path: /goals/{id}:archive
            auth: tenant
            verify: { via: archiveFlow }
            responses:
              200: { schema: { type: object }, example: {} }
              401: { schema: { type: object }, example: {} }
              404: { schema: { type: object }, example: {} }
            fake: { respond: 200 }
          goalEvents:
            method: GET
            path: /realtime/goals/{goalId}/events
            auth: query
            query:
              access_token: { required: true, schema: { type: string } }
              lastEventId: { schema: { type: string }, example: "118" }
            verify:
              trigger: { call: archiveGoal, path: { id: "{{path.goalId}}" }, event: goal.archived }
            responses:
              200: { contentType: text/event-stream }
              401: { schema: { type: object }, example: {} }
              404: { schema: { type: object }, example: {} }
            events:
              goal.archived: { schema: { type: object } }
            fake: { list: goals }
        flows:
          archiveFlow:
            steps:
              - call: createGoal
                body: { title: T }
                capture: { goalId: /data/id }
              - call: archiveGoal
                path: { id: "{{goalId}}" }
        """

    @Test func viaReplacesTheExampleAndTriggerPlansTheStreamCase() throws {
        let (contracts, diagnostics, _) = try SmallContracts.load(extra: ["traction/more.yaml": Self.extra])
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        let resolver = FixtureResolver(scenario: SmallContracts.scenario(goals: ["goal_1"]), collections: contracts.collections,
                                       tenantID: "tenant_a", userID: "user_a")
        let cases = CasePlanner(contracts: contracts, resolver: resolver).plan()
        #expect(!cases.contains { $0.endpointID == "archiveGoal" && $0.kind == .example })
        #expect(cases.contains { $0.endpointID == "archiveGoal" && $0.kind == .auth })
        let stream = try #require(cases.first { $0.endpointID == "goalEvents" && $0.kind == .stream })
        #expect(stream.name == "stream: goal.archived after archiveGoal")
        // The trigger writes: the stream and the trigger work on a goal the case makes itself, not goal_1.
        #expect(stream.around?.steps.map(\.call) == ["createGoal"])
        #expect(stream.pathValues == ["goalId": "{{own.goals.1}}"] && stream.triggerPathValues == ["id": "{{own.goals.1}}"])
        #expect(stream.trigger?.request.path == "/goals/{id}:archive")
        #expect(stream.trigger?.event == "goal.archived")
        #expect(stream.request?.query.isEmpty == true, "no replay parameter on a triggered stream")
        #expect(!stream.mutates, "on records of its own it runs beside the reads")
        // Read-only: the stream is only opened.
        let readOnly = CasePlanner(contracts: contracts, resolver: resolver, options: .init(readOnly: true)).plan()
        #expect(readOnly.first { $0.endpointID == "goalEvents" && $0.kind == .stream }?.trigger == nil)
    }

    @Test func lintNamesABadViaAndABadTrigger() throws {
        let broken = Self.extra
            .replacingOccurrences(of: "via: archiveFlow", with: "via: archiveFlw")
            .replacingOccurrences(of: "event: goal.archived }", with: "event: goal.deleted }")
        let (_, diagnostics, _) = try SmallContracts.load(extra: ["traction/more.yaml": broken])
        let messages = diagnostics.map(\.message)
        #expect(messages.contains("verify.via names unknown flow 'archiveFlw'; did you mean 'archiveFlow'?"))
        #expect(messages.contains("trigger event 'goal.deleted' is not declared under this endpoint's events"))
        let notProving = Self.extra.replacingOccurrences(of: "      - call: archiveGoal\n        path: { id: \"{{goalId}}\" }", with: "")
        let (_, more, _) = try SmallContracts.load(extra: ["traction/more.yaml": notProving])
        #expect(more.map(\.message).contains("flow 'archiveFlow' has no step calling 'archiveGoal' that expects success"))
    }
}

/// The declarations the families need are checked by lint where they are written.
@Suite struct FamilyDeclarationLintTests {
    @Test func badStreamSingleUseMakesSessionsAndTenancyAreNamed() throws {
        let extra = """
            service: traction
            endpoints:
              plainGoal:
                method: POST
                path: /plain
                auth: none
                stream: { ids: true, heartbeat: 0 }
                verify: { fresh: [email], singleUse: { at: [/token] }, makes: { gaols: /data } }
                body: { schema: { type: object }, example: { token: t } }
                responses:
                  200: { schema: { type: object }, example: {} }
                  422: { schema: { type: object }, example: {} }
                fake: { respond: 200 }
            """
        let services = servicesYAML + """

            sessions:
              login: { call: logn, body: { email: "{{email}}" } }
              tokens: { refresh: /data/refresh_token }
            tenancy: { header: X-Tenant-Id, missing: 200 }
            """
        let (_, diagnostics, _) = try SmallContracts.load(extra: ["traction/plain.yaml": extra, "services.yaml": services])
        let messages = diagnostics.map(\.message)
        for expected in [
            "'stream' is for endpoints that answer text/event-stream", "heartbeat must be at least 1 second",
            "'email' is not a JSON pointer into the request body",
            "missing required key 'refused' (the status a used value is answered with)",
            "makes names unknown collection 'gaols'; did you mean 'goals'?",
            "sessions needs tokens.access: where a login answer holds the access token",
            "'missing' must be a 4xx status",
        ] {
            #expect(messages.contains(expected), "missing: \(expected) in \(messages)")
        }
    }
}
