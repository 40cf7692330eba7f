import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// `understudy serve` as a process: real ports, real signals, bounded in time.
@Suite(.serialized) struct ServeCommandTests {
    /// Starts the server, waits for its startup lines, and answers the process and those lines.
    func start(_ arguments: [String]) throws -> (Process, Pipe, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: productsDirectory + "/understudy")
        process.arguments = ["serve", "--quiet", "--contracts", repositoryRoot + "/contracts", "--fixtures", repositoryRoot + "/fixtures"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("Log in as"), process.isRunning, Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            text += String(decoding: chunk, as: UTF8.self)
        }
        return (process, output, text)
    }

    @Test(.timeLimit(.minutes(1)))
    func portZeroPrintsTheRealURLAndSIGTERMStopsIt() async throws {
        let (process, _, text) = try start(["--port", "0"])
        defer { if process.isRunning { process.terminate() } }
        let line = try #require(text.split(separator: "\n").first { $0.contains("gateway") })
        let url = try #require(line.split(separator: " ").last.map(String.init))
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
        let (first, _, _) = try start(["--port", "0"])
        defer { first.terminate(); first.waitUntilExit() }
        let holder = try start(["--account-port", "0", "--coaching-port", "0", "--traction-port", "0"])
        defer { holder.0.terminate(); holder.0.waitUntilExit() }
        let port = try #require(holder.2.split(separator: "\n").first { $0.contains("traction") }?.split(separator: ":").last)
        let result = try runProduct("understudy", ["serve", "--contracts", repositoryRoot + "/contracts", "--fixtures", repositoryRoot + "/fixtures", "--traction-port", String(port), "--account-port", "0", "--coaching-port", "0"])
        #expect(result.status == 1)
        #expect(result.output.contains("cannot listen on 127.0.0.1:\(port) for traction: the port is already in use"))
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
