import TestSupport
import Contracts
import Foundation
import Testing

/// The contracts and fixtures this repository ships: clean under lint, and covering the whole API.
@Suite struct ShippedContractsTests {
    static let report = shippedReport

    @Test func lintIsClean() {
        let problems = Self.report.diagnostics.filter { $0.severity == .error }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10).map(\.description).joined(separator: "\n"))")
    }

    /// Every endpoint of the published specifications (129 with the health checks) has a contract.
    @Test func routesCoverEveryDocumentedEndpoint() throws {
        let expected = try String(contentsOfFile: repositoryRoot + "/Tests/ContractsTests/Resources/expected-routes.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(expected.count == 129)
        let actual = Set(Self.report.contracts.routeLines(includeAliases: true))
        let missing = expected.filter { !actual.contains($0) }
        #expect(missing.isEmpty, "missing routes: \(missing.joined(separator: ", "))")
    }

    /// The goal statuses live once, in the transition fakes: a close's targets come from its body's enum.
    @Test func theGoalStateMachineIsReadFromTheTransitionFakes() {
        let contracts = shippedReport.contracts
        #expect(Set(contracts.transitions(of: "goals", field: "status").map(\.endpoint)) == ["activateGoal", "pauseGoal", "closeGoal"])
        for (from, to) in [("draft", "active"), ("paused", "active"), ("active", "paused"), ("active", "completed"), ("paused", "cancelled")] {
            #expect(contracts.allowsTransition(of: "goals", field: "status", from: .string(from), to: .string(to)), "\(from) → \(to)")
        }
        for (from, to) in [("draft", "paused"), ("completed", "active"), ("draft", "completed"), ("active", "archived")] {
            #expect(!contracts.allowsTransition(of: "goals", field: "status", from: .string(from), to: .string(to)), "\(from) → \(to)")
        }
    }

    @Test func everyEndpointHasAFake() {
        let withoutFake = Self.report.contracts.endpoints.filter { $0.fake == nil }.map(\.id)
        #expect(withoutFake.isEmpty, "endpoints without fake: \(withoutFake)")
    }

    @Test func theDefaultScenarioHasTheDocumentedDemoUser() throws {
        let scenario = try #require(Self.report.scenarios["default"])
        let demo = try #require(scenario.users.first { $0.email == "demo@purposepath.app" })
        #expect(demo.password == "Demo123!")
        #expect(scenario.tenant(demo.tenant) != nil)
        #expect(Self.report.scenarios.count >= 3)
    }
}
