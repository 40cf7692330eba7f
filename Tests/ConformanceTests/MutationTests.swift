import Conformance
import Contracts
import Fakes
import Foundation
import HummingbirdTesting
import JSON
import MockServer
import Testing

/// `verify` against `serve --mutate`: every mutation the mock lists is reported on its endpoint,
/// and nothing is reported anywhere else.
@Suite struct MutationTests {
    @Test func aSeededPlanUsesEveryKindAtMostOncePerFlowAndLeavesSomeEndpointsAlone() {
        let contracts = MockConformanceTests.shipped.contracts
        let plan = MutationPlan(contracts: contracts, spec: .seed(7))
        #expect(Set(plan.assignments.values) == Set(Mutation.allCases), "kinds missing: \(Set(Mutation.allCases).subtracting(plan.assignments.values))")
        #expect(plan.assignments.count < contracts.endpoints.count)
        for flow in contracts.flows {
            let mutated = Set((flow.steps + flow.cleanup).flatMap { [$0.call] + [$0.verifies].compactMap { $0 } }).filter { plan.assignments[$0] != nil }
            #expect(mutated.count <= 1, "flow \(flow.id) has several mutated endpoints: \(mutated.sorted())")
        }
        #expect(MutationPlan(contracts: contracts, spec: .seed(7)).assignments == plan.assignments, "a seed repeats")
        #expect(plan.listing.count == plan.assignments.count)
        #expect(MutationPlan.Spec("7") == .seed(7) && MutationPlan.Spec("skip-auth") == .kind(.skipAuth) && MutationPlan.Spec("nonsense") == nil)
    }

    @Test func aKindIsAppliedWhereverItCanBe() {
        let contracts = MockConformanceTests.shipped.contracts
        let plan = MutationPlan(contracts: contracts, spec: .kind(.skipAuth))
        #expect(!plan.assignments.isEmpty)
        #expect(plan.assignments.values.allSatisfy { $0 == .skipAuth })
        #expect(plan.assignments.keys.allSatisfy { contracts.endpoint(id: $0)?.auth.isProtected == true })
    }

    @Test(.timeLimit(.minutes(3))) func verifyCatchesEveryListedMutationOnItsEndpointAndNothingElse() async throws {
        let report = MockConformanceTests.shipped
        let plan = MutationPlan(contracts: report.contracts, spec: .seed(7))
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes", accessTTL: 900))
        let engine = try FakeEngine(contracts: report.contracts, scenarios: report.scenarios, scenario: "default", tokens: tokens)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(report.contracts, port: 0)], options: .init(quiet: true, mutations: plan))
        try await server.application(for: server.listeners[0]).test(.live) { client in
            let port = try #require(client.port)
            let listed = try await client.execute(uri: "/__understudy/mutations", method: .get) { response in
                try JSONParser.parse(Array(buffer: response.body))["data"]?.arrayValue?.count
            }
            #expect(listed == plan.assignments.count)
            let (run, redact) = await MockConformanceTests.verify(report, gateway: "http://127.0.0.1:\(port)")
            var blamed: [String: [Divergence]] = [:]
            for divergence in run.results.flatMap(\.divergences) { blamed[divergence.endpointID, default: []].append(divergence) }
            let console = ConsoleReport().render(run, redact: redact)
            for (endpoint, mutation) in plan.assignments.sorted(by: { $0.key < $1.key }) {
                #expect(blamed[endpoint] != nil, "\(mutation.rawValue) on \(endpoint) went unnoticed")
            }
            let innocent = Set(blamed.keys).subtracting(plan.assignments.keys)
            #expect(innocent.isEmpty, "divergences on unmutated endpoints \(innocent.sorted()):\n\(console)")
        }
    }
}
