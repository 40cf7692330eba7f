import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// `understudy verify` as a process against `understudy serve` as a process: exit statuses, report
/// files, baselines — what a CI pipeline sees.
@Suite(.serialized) struct VerifyCommandTests {
    static let contractArguments = [repositoryRoot + "/contracts"]

    @Test(.timeLimit(.minutes(2)))
    func aCleanRunWritesEveryReportAndExitsZero() throws {
        let server = try ServerProcess(["--port", "0"])
        defer { server.stop() }
        let dir = try TemporaryDirectory([:])
        let result = try runProduct("understudy", ["verify", "--gateway", server.url(of: "gateway"), "--email", "demo@purposepath.app",
            "--password", "Demo123!", "--json", dir.path + "/r.json", "--junit", dir.path + "/r.xml", "--markdown", dir.path + "/r.md",
            "--write-baseline", dir.path + "/baseline.json", "--only", "coaching"] + Self.contractArguments)
        #expect(result.status == 0, "\(result.output)")
        // Coaching alone keeps the process light; the in-process conformance test covers all 129.
        #expect(result.output.contains("coverage: 18 of 18 endpoints reached"), "\(result.output.suffix(500))")
        #expect(result.output.hasSuffix("0 failed, 0 skipped\n"))
        #expect(!result.output.contains("Demo123!") && !result.output.contains("\r"), "no secrets, and no progress line off a terminal")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/r.json"))) as? [String: Any]
        let summary = try #require(json?["summary"] as? [String: Any])
        #expect(summary["failed"] as? Int == 0 && (summary["coverageGaps"] as? [Any])?.isEmpty == true && summary["endpointsReached"] as? Int == 18)
        #expect(try String(contentsOfFile: dir.path + "/r.xml", encoding: .utf8).contains("<testsuite name=\"coaching\""))
        #expect(try String(contentsOfFile: dir.path + "/r.md", encoding: .utf8).hasPrefix("### understudy verify: ✅"))
        #expect(try String(contentsOfFile: dir.path + "/baseline.json", encoding: .utf8).contains("\"divergences\""))
    }

    @Test(.timeLimit(.minutes(2)))
    func aMutatedMockFailsTheRunAndItsBaselineAcceptsItNextTime() throws {
        let server = try ServerProcess(["--port", "0", "--mutate", "wrong-content-type"])
        defer { server.stop() }
        let dir = try TemporaryDirectory([:])
        let verify = ["verify", "--gateway", server.url(of: "gateway"), "--email", "demo@purposepath.app", "--password", "Demo123!",
                      "--only", "coaching"] + Self.contractArguments
        let first = try runProduct("understudy", verify + ["--write-baseline", dir.path + "/known.json"])
        #expect(first.status == 1)
        #expect(first.output.contains("content-type: Content-Type text/plain, documented application/json"))
        // verify's example writes change the target (the delete examples delete their fixture record): start again from the fixtures.
        var reset = URLRequest(url: URL(string: server.url(of: "gateway") + "/__understudy/reset")!)
        reset.httpMethod = "POST"
        let resetDone = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: reset) { _, _, _ in resetDone.signal() }.resume()
        resetDone.wait()
        let second = try runProduct("understudy", verify + ["--baseline", dir.path + "/known.json"])
        #expect(second.status == 0, "\(second.output.suffix(2000))")
        #expect(second.output.contains(" known"))
    }

    @Test func usageProblemsExitTwoWithOneClearLine() throws {
        let noTarget = try runProduct("understudy", ["verify"] + Self.contractArguments)
        #expect(noTarget.status == 2 && noTarget.output.contains("give --gateway URL or --target SERVICE=URL (at least one service)"))
        let unknown = try runProduct("understudy", ["verify", "--target", "billing=http://127.0.0.1:9"] + Self.contractArguments)
        #expect(unknown.status == 2 && unknown.output.contains("--target names unknown service 'billing' (services.yaml has: account, coaching, traction)"))
        let twice = try runProduct("understudy", ["verify", "--target", "traction=http://a", "--traction", "http://b"] + Self.contractArguments)
        #expect(twice.status == 2 && twice.output.contains("--target gives traction twice (http://b and http://a)"))
        let malformed = try runProduct("understudy", ["verify", "--target", "traction"] + Self.contractArguments)
        #expect(malformed.status == 2 && malformed.output.contains("--target takes SERVICE=VALUE, got 'traction'"))
        let dir = try TemporaryDirectory(["bad.json": "{\"entries\": []}"])
        let badBaseline = try runProduct("understudy", ["verify", "--gateway", "http://127.0.0.1:9", "--baseline", dir.path + "/bad.json"] + Self.contractArguments)
        #expect(badBaseline.status == 2)
        #expect(badBaseline.output.contains("bad.json: not an understudy baseline"))
        let refused = try runProduct("understudy", ["verify", "--gateway", "http://127.0.0.1:9", "--email", "a@b.c", "--password", "x", "--retries", "0"] + Self.contractArguments)
        #expect(refused.status == 2 && refused.output.contains("cannot sign in"))
    }
}
