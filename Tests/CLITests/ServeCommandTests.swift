import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// `understudy serve` as a process: real ports, real signals, bounded in time.
@Suite(.serialized) struct ServeCommandTests {
    @Test(.timeLimit(.minutes(1)))
    func portZeroPrintsTheRealURLAndSIGTERMStopsIt() async throws {
        let server = try ServerProcess(["--port", "0"])
        let process = server.process
        let url = server.url(of: "gateway")
        #expect(url.hasPrefix("http://127.0.0.1:") && !url.hasSuffix(":0"))
        let (data, response) = try await URLSession.shared.data(from: URL(string: url + "/traction/api/v1/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("PurposePath Traction Lambda"))
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func aTakenPortIsOneClearLine() throws {
        let holder = try ServerProcess(["--account-port", "0", "--coaching-port", "0", "--traction-port", "0"])
        defer { holder.stop() }
        let port = try #require(holder.url(of: "traction").split(separator: ":").last)
        // `--listen SERVICE=PORT` names any service of services.yaml; the per-service flags are its aliases.
        let result = try runProduct("understudy", ["serve", "--contracts", repositoryRoot + "/contracts", "--fixtures", repositoryRoot + "/fixtures", "--listen", "traction=\(port)", "--account-port", "0", "--listen", "coaching=0"])
        #expect(result.status == 1)
        #expect(result.output.contains("cannot listen on 127.0.0.1:\(port) for traction: the port is already in use"))
        let unknown = try runProduct("understudy", ["serve", "--contracts", repositoryRoot + "/contracts", "--fixtures", repositoryRoot + "/fixtures", "--listen", "billing=0"])
        #expect(unknown.status == 2)
        #expect(unknown.output.contains("--listen names unknown service 'billing' (services.yaml has: account, coaching, traction)"))
    }

    @Test func aShortJWTSecretIsRefusedWithTheReason() throws {
        let result = try runProduct("understudy", ["serve", "--contracts", repositoryRoot + "/contracts", "--fixtures", repositoryRoot + "/fixtures", "--jwt-secret", "short", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.output.contains("--jwt-secret is 5 bytes; HS256 needs at least 32 bytes (256 bits, RFC 7518 §3.2)"))
    }

    @Test func anUnknownScenarioIsRefused() throws {
        let result = try runProduct("understudy", ["serve", "--contracts", repositoryRoot + "/contracts", "--fixtures", repositoryRoot + "/fixtures", "--scenario", "nope", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.output.contains("unknown scenario 'nope'"))
    }
}
