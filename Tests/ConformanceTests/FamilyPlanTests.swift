@testable import Conformance
@testable import Contracts
import Fakes
import Foundation
import JSON
import JSONSchema
import TestSupport
import Testing

/// The families are derived from what the contracts declare; checked on the shipped contracts and
/// on small pieces, without HTTP.
@Suite struct FamilyPlanTests {
    static let report = shippedReport

    func plan(_ options: CasePlanner.Options = .init()) -> [TestCase] {
        let resolver = FixtureResolver(scenario: Self.report.scenarios["default"], collections: Self.report.contracts.collections,
                                       tenantID: "tenant_acme", userID: "user_demo")
        return CasePlanner(contracts: Self.report.contracts, resolver: resolver, options: options).plan()
    }

    @Test func resourcesComeFromCreateFakesAndPathShapes() throws {
        let map = ResourceMap(Self.report.contracts)
        let goals = try #require(map.resource(named: "goals"))
        #expect(goals.create.id == "createGoal" && goals.read?.id == "getGoal" && goals.updates.map(\.id) == ["updateGoal"])
        #expect(goals.delete?.id == "deleteGoal" && goals.list?.id == "listGoals" && goals.parents.isEmpty)
        let strategies = try #require(map.resource(named: "strategies"))
        #expect(strategies.parents.map(\.resource) == ["goals"] && strategies.delete?.id == "deleteStrategy")
        // A custom method addresses its record; a parameter named for a collection finds it elsewhere too.
        let activate = try #require(Self.report.contracts.endpoint(id: "activateGoal"))
        #expect(map.owner(of: "id", in: activate)?.name == "goals")
        let kpiUpdate = try #require(Self.report.contracts.endpoint(id: "createActionKpiUpdate"))
        #expect(map.owner(of: "actionId", in: kpiUpdate)?.name == "actions")
    }

    @Test func noWriteTouchesAFixtureRecordOfACollectionTheRunnerCanCreate() {
        let map = ResourceMap(Self.report.contracts)
        for testCase in plan() where testCase.mutates && testCase.kind == .example {
            guard let endpoint = Self.report.contracts.endpoint(id: testCase.endpointID) else { continue }
            let owned = endpoint.path.parameterNames.filter { map.owner(of: $0, in: endpoint) != nil }
            guard !owned.isEmpty else { continue }
            // Its record parameters are the case's own captures, made by its first steps.
            let step = testCase.script?.steps.last { $0.call == endpoint.id }
            for name in owned {
                #expect(step?.path[name]?.stringValue?.hasPrefix("{{own.") == true, "\(endpoint.id) {\(name)}: \(String(describing: step?.path[name]))")
            }
            #expect(testCase.script?.cleanup.isEmpty == false || testCase.script?.leavesBehind.isEmpty == false,
                    "\(endpoint.id) removes nothing it made and reports nothing left behind")
        }
    }

    @Test func lifecycleWalksTheAllowedPathToAForbiddenTransition() throws {
        let cases = plan().filter { $0.kind == .lifecycle }
        #expect(Set(cases.map(\.endpointID)) == ["activateGoal", "pauseGoal", "closeGoal"])
        let activate = try #require(cases.first { $0.endpointID == "activateGoal" }?.script)
        // draft → active is allowed; active → active is not: the walk makes it active first.
        #expect(activate.steps.map(\.call) == ["createGoal", "activateGoal", "activateGoal", "getGoal"])
        #expect(activate.steps[2].expect?.statuses == [422] && activate.steps[2].expect?.body.first?.value == "INVALID_STATUS_TRANSITION")
        #expect(activate.steps[3].verifies == "activateGoal" && activate.steps[3].requiresClean)
        #expect(activate.cleanup.map(\.call) == ["deleteGoal"])
    }

    @Test func isolationReadsChangesDeletesAndListsAsTheOtherTenant() throws {
        let goals = try #require(plan().first { $0.kind == .isolation && $0.name.hasPrefix("isolation: goals ") }?.script)
        #expect(goals.steps.map { "\($0.call) \($0.identity == .second ? "B" : "A")" }
                == ["createGoal A", "getGoal A", "getGoal B", "updateGoal B", "deleteGoal B", "listGoals B", "getGoal A"])
        #expect(goals.steps[2].expect?.statuses == [404, 403] && goals.steps[2].expect?.absent == ["{{own.goals.1}}"])
        #expect(goals.steps[5].expect?.statuses == [200] && goals.steps[5].expect?.absent == ["{{own.goals.1}}"])
        // Unchanged: the record reads afterwards as it read before the other tenant tried anything.
        #expect(goals.steps[6].expect?.body.first?.value == "{{own.goals.1.before}}" && goals.steps[6].requiresClean)
        let probes = plan().filter { $0.name == "isolation: another tenant's id → 403" }
        #expect(probes.count > 30 && probes.allSatisfy { $0.request?.identity == .tenant(.foreign) && !$0.mutates })
    }

    @Test func readOnlyPlansNothingThatWrites() {
        let cases = plan(.init(readOnly: true))
        let safe = Set(Self.report.contracts.endpoints.filter(\.safe).map(\.id))
        #expect(!cases.isEmpty && cases.allSatisfy { !$0.mutates && $0.script == nil && safe.contains($0.endpointID) })
    }

    @Test func negativesAreWrongInOneWayEachAndReproducible() throws {
        var compiler = SchemaCompiler(registry: SchemaRegistry())
        let schema = compiler.compile([
            "type": "object", "required": ["title", "horizon"], "additionalProperties": false,
            "properties": [
                "title": ["type": "string", "maxLength": 20], "horizon": ["enum": ["quarter", "year"]],
                "due": ["type": "string", "format": "date"], "score": ["type": "integer", "minimum": 0, "maximum": 100],
            ],
        ], uri: "file:///negatives.json")
        let example: JSONValue = ["title": "Grow", "horizon": "quarter", "due": "2025-12-31", "score": 50]
        let negatives = NegativeBodies.make(from: example, schema: schema, count: 20, seed: 3)
        let kinds = Set(negatives.map { $0.label.components(separatedBy: " at ")[0] })
        #expect(kinds == ["missing required", "wrong type", "unknown member", "out of enum", "out of bounds", "bad format", "null"])
        for negative in negatives { #expect(!schema.isValid(negative.body), "\(negative.label) is valid") }
        // The first of each kind comes first; the same seed picks the same places.
        #expect(Array(negatives.prefix(7).map { $0.label.components(separatedBy: " at ")[0] }) == NegativeBodies.Kind.allCases.map(\.rawValue))
        #expect(NegativeBodies.make(from: example, schema: schema, count: 6, seed: 3).map(\.label) == Array(negatives.prefix(6).map(\.label)))
    }

    @Test func forgedTokensAreEachBrokenOneWay() throws {
        let claims = #"{"sub":"user_demo","exp":4102444800,"iat":4102444000}"#
        let token = "eyJhbGciOiJIUzI1NiJ9." + Data(claims.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") + ".c2lnbmF0dXJlLXNpZ25hdHVyZQ"
        let parts = { (text: String) in text.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        let tampered = parts(TokenForgery.tampered.apply(to: token))
        #expect(tampered[0] == parts(token)[0] && tampered[1] == parts(token)[1] && tampered[2] != parts(token)[2])
        let none = parts(TokenForgery.algNone.apply(to: token))
        #expect(none.count == 3 && none[2].isEmpty && none[1] == parts(token)[1])
        let expired = parts(TokenForgery.expired.apply(to: token, now: Date(timeIntervalSince1970: 1_000_000)))
        var base64 = expired[1]
        while base64.count % 4 != 0 { base64 += "=" }
        let payload = try JSONParser.parse(Array(Data(base64Encoded: base64)!))
        #expect(payload["exp"] == .integer(1_000_000 - 3600) && payload["sub"] == "user_demo")
        #expect(TokenForgery.garbage.apply(to: token).split(separator: ".").count == 1)
        #expect(TokenForgery.wrongScheme.apply(to: token) == token)
    }
}

/// With the target's secret the expired token is signed properly: only an expiry check refuses it.
@Suite struct SignedExpiredTokenTests {
    @Test func theExpiredTokenVerifiesButForItsExpiry() async throws {
        let secret = "understudy-test-secret-with-at-least-32-bytes"
        let tokens = try await TokenService(.init(secret: secret, accessTTL: 900))
        let account = Account(id: "user_demo", email: "demo@purposepath.app", password: nil, tenantID: "tenant_acme", roles: [], status: .active)
        let now = Date()
        let pair = try await tokens.issue(for: account, session: "sess_test", now: now)
        let expired = TokenForgery.expired.apply(to: pair.accessToken, now: now, secret: secret)
        #expect(await tokens.verify(expired, type: "access", now: now) == nil, "an expired token was accepted")
        // The signature holds: an hour and a half earlier the same token was good.
        let claims = await tokens.verify(expired, type: "access", now: now.addingTimeInterval(-5400))
        #expect(claims?.sub.value == "user_demo")
        // Without the secret the signature no longer matches the claims at all.
        let unsigned = TokenForgery.expired.apply(to: pair.accessToken, now: now)
        #expect(await tokens.verify(unsigned, type: "access", now: now.addingTimeInterval(-5400)) == nil)
    }
}
