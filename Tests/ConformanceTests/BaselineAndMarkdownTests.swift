@testable import Conformance
import Contracts
import Foundation
import JSON
import Testing

/// Baselines accept known divergences and notice fixed ones; the Markdown summary stays PR-sized.
@Suite struct BaselineAndMarkdownTests {
    static func run(_ divergences: [String: [Divergence]], endpoints: [Endpoint]) -> RunResult {
        let results = endpoints.map { endpoint in
            let testCase = TestCase(endpointID: endpoint.id, service: endpoint.service, name: "example", kind: .example, request: nil, expectedStatus: 200)
            return CaseResult(testCase, divergences: divergences[endpoint.id] ?? [])
        }
        return RunResult(startedAt: Date(), target: Target(bases: ["traction": "http://x"]), credentials: ["kind": "none"],
                         endpoints: endpoints, results: results)
    }

    static func divergence(_ endpoint: String, _ pointer: String, actual: String = "1") -> Divergence {
        Divergence(endpointID: endpoint, caseName: "example", kind: .schema, pointer: pointer, expected: "type", actual: actual, message: "wrong type")
    }

    @Test func aBaselineAcceptsKnownDivergencesFailsOnNewOnesAndListsFixedOnes() throws {
        let (contracts, _, _) = try SmallContracts.load()
        let endpoints = ["getGoal", "listGoals", "createGoal"].compactMap(contracts.endpoint(id:))
        let before = Self.run(["getGoal": [Self.divergence("getGoal", "/data/title")], "listGoals": [Self.divergence("listGoals", "/data")]], endpoints: endpoints)
        let baseline = Baseline(run: before)
        // The file round-trips, sorted.
        let reread = try Baseline(json: try JSONParser.parse(Array(baseline.json.jsonString(pretty: true).utf8)))
        #expect(reread == baseline)
        #expect(baseline.json["divergences"]?[0]?["endpoint"] == "getGoal")

        // Later: getGoal's divergence remains (with another actual value), listGoals is fixed, createGoal is new.
        let after = Self.run(["getGoal": [Self.divergence("getGoal", "/data/title", actual: "2")], "createGoal": [Self.divergence("createGoal", "/data/id")]],
                             endpoints: endpoints).applying(reread)
        #expect(after.results.map(\.status) == [.known, .passed, .failed])
        #expect(after.failed)
        #expect(after.fixedSinceBaseline?.map(\.endpoint) == ["listGoals"])
        let console = ConsoleReport().render(after, redact: Redactor(secrets: []))
        #expect(console.hasSuffix("1 passed, 1 failed, 0 skipped, 1 known"))
        #expect(console.contains("fixed: listGoals example schema at /data"))

        // With only known divergences the run passes.
        let onlyKnown = Self.run(["getGoal": [Self.divergence("getGoal", "/data/title")]], endpoints: endpoints).applying(reread)
        #expect(!onlyKnown.failed)
    }

    @Test func aMalformedBaselineSaysWhatIsWrong() throws {
        #expect(throws: Baseline.Problem.self) { try Baseline(json: ["entries": []]) }
        do {
            _ = try Baseline(json: ["divergences": [["endpoint": "getGoal"]]])
            Issue.record("accepted an entry without case and kind")
        } catch {
            #expect(error.description.contains("/divergences/0"))
        }
    }

    @Test func theMarkdownSummaryCapsLongListsAndEscapesTables() throws {
        let (contracts, _, _) = try SmallContracts.load()
        let endpoints = contracts.endpoints
        var divergences: [String: [Divergence]] = [:]
        for endpoint in endpoints {
            divergences[endpoint.id] = (0..<5).map { Self.divergence(endpoint.id, "/data/\($0)", actual: "a|b") }
        }
        let run = Self.run(divergences, endpoints: endpoints)
        let markdown = MarkdownReport(endpointLimit: 2, divergenceLimit: 2).render(run, redact: Redactor(secrets: []))
        #expect(markdown.hasPrefix("### understudy verify: ❌"))
        #expect(markdown.contains("| traction | `http://x` | 0 | \(endpoints.count) | 0 |"))
        #expect(markdown.contains("… and 3 more"))
        // Grouped by family, then endpoint, with a count per family.
        let family = try #require(run.results.first?.kind.rawValue)
        #expect(markdown.contains("| \(family) | 0 | \(endpoints.count) | 0 |") && markdown.contains("- **\(family)** — \(endpoints.count) failed"))
        #expect(markdown.contains("… and \(endpoints.count - 2) more endpoints"))
        #expect(markdown.contains("a\\|b") && !markdown.contains("a|b"))
        let clean = MarkdownReport().render(Self.run([:], endpoints: endpoints), redact: Redactor(secrets: []))
        #expect(clean.hasPrefix("### understudy verify: ✅"))
        #expect(!clean.contains("#### Divergences"))
    }

    @Test func theEventStreamParserFollowsTheWHATWGRules() {
        var parser = EventStreamParser()
        #expect(parser.feed(Array(": connected\nretry: 3000\n\nid: 7\nevent: activity.created\nda".utf8)).isEmpty)
        let events = parser.feed(Array("ta: {\"a\":\r\ndata: 1}\r\n\r\ndata: plain\n\n".utf8))
        #expect(events == [
            ServerSentEvent(id: "7", name: "activity.created", data: "{\"a\":\n1}"),
            ServerSentEvent(id: "7", name: "message", data: "plain"),
        ])
    }
}
