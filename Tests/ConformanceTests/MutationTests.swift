import Conformance
import Contracts
import Fakes
import PurposePathFakes
import Foundation
import HummingbirdTesting
import JSON
import MockServer
import Testing

/// `verify` against `serve --mutate`: every mutation the mock lists is reported on its endpoint,
/// and nothing is reported anywhere else.
@Suite struct MutationTests {
    /// Two seeds between them place every kind (two streams cannot carry three stream kinds at once).
    static let seeds: [UInt64] = [7, 8]

    @Test func seededPlansUseEveryKindAtMostOncePerFlowAndLeaveSomeEndpointsAlone() {
        let contracts = MockConformanceTests.shipped.contracts
        let plans = Self.seeds.map { MutationPlan(contracts: contracts, spec: .seed($0)) }
        let placed = plans.reduce(into: Set<Mutation>()) { $0.formUnion($1.assignments.values) }
        #expect(placed == Set(Mutation.allCases), "kinds missing: \(Set(Mutation.allCases).subtracting(placed))")
        for plan in plans {
            #expect(plan.assignments.count < contracts.endpoints.count)
            for flow in contracts.flows {
                // Kinds only their own family notices may share a flow; the others may not.
                let mutated = Set((flow.steps + flow.cleanup).flatMap { [$0.call] + [$0.verifies].compactMap { $0 } })
                    .filter { plan.assignments[$0].map { $0.family == nil } ?? false }
                #expect(mutated.count <= 1, "flow \(flow.id) has several mutated endpoints: \(mutated.sorted())")
            }
            #expect(plan.listing.count == plan.assignments.count)
        }
        #expect(MutationPlan(contracts: contracts, spec: .seed(7)).assignments == plans[0].assignments, "a seed repeats")
        #expect(MutationPlan.Spec("7") == .seed(7) && MutationPlan.Spec("skip-auth") == .kind(.skipAuth) && MutationPlan.Spec("nonsense") == nil)
    }

    @Test func aKindIsAppliedWhereverItCanBe() {
        let contracts = MockConformanceTests.shipped.contracts
        let plan = MutationPlan(contracts: contracts, spec: .kind(.skipAuth))
        #expect(!plan.assignments.isEmpty)
        #expect(plan.assignments.values.allSatisfy { $0 == .skipAuth })
        #expect(plan.assignments.keys.allSatisfy { contracts.endpoint(id: $0)?.auth.isProtected == true })
    }

    @Test(.timeLimit(.minutes(4)), arguments: seeds) func verifyCatchesEveryListedMutationOnItsEndpointInItsFamilyAndNothingElse(seed: UInt64) async throws {
        let report = MockConformanceTests.shipped
        let plan = MutationPlan(contracts: report.contracts, spec: .seed(seed))
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes", accessTTL: 900))
        let engine = try FakeEngine(contracts: report.contracts, scenarios: report.scenarios, scenario: "default", tokens: tokens, builtins: .purposePath)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(report.contracts, port: 0)], options: .init(quiet: true, heartbeat: .seconds(1), mutations: plan))
        try await server.application(for: server.listeners[0]).test(.live) { client in
            let port = try #require(client.port)
            let listed = try await client.execute(uri: "/__understudy/mutations", method: .get) { response in
                try JSONParser.parse(Array(buffer: response.body))["data"]?.arrayValue?.count
            }
            #expect(listed == plan.assignments.count)
            let (run, redact) = try await MockConformanceTests.verify(report, gateway: "http://127.0.0.1:\(port)")
            var blamed: [String: [(Divergence, CaseKind)]] = [:]
            for result in run.results {
                for divergence in result.divergences { blamed[divergence.endpointID, default: []].append((divergence, result.kind)) }
            }
            let console = ConsoleReport().render(run, redact: redact)
            for (endpoint, mutation) in plan.assignments.sorted(by: { $0.key < $1.key }) {
                #expect(blamed[endpoint] != nil, "\(mutation.rawValue) on \(endpoint) went unnoticed")
                if let family = mutation.family, let found = blamed[endpoint] {
                    #expect(found.contains { $0.1.rawValue == family }, "\(mutation.rawValue) on \(endpoint) not reported in the \(family) family: \(found.map { "\($0.1.rawValue): \($0.0.line)" })")
                }
            }
            let innocent = Set(blamed.keys).subtracting(plan.assignments.keys)
            #expect(innocent.isEmpty, "divergences on unmutated endpoints \(innocent.sorted()):\n\(console)")
        }
    }
}
