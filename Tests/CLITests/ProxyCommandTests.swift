import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// `understudy proxy` as a process: in front of `serve`, it prints each divergence once, and
/// writes verify's reports (and the recording) when it is stopped with SIGTERM.
@Suite struct ProxyCommandTests {
    @Test(.timeLimit(.minutes(1))) func sigtermWritesTheReportsAndTheRecording() async throws {
        let backend = try ServerProcess(["--port", "0"])
        defer { backend.stop() }
        let folder = try TemporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: productsDirectory + "/understudy")
        process.arguments = ["proxy", "--contracts", repositoryRoot + "/contracts", "--port", "0", "--gateway", backend.url(of: "gateway"),
                             "--json", folder.file("proxy.json"), "--junit", folder.file("proxy.xml"), "--record", folder.file("recorded-fixtures")]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("backends"), process.isRunning, Date() < deadline {
            text += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        let proxy = try #require(text.split(separator: "\n").first { $0.contains("gateway") }?.split(separator: " ").last.map(String.init))
        func call(_ method: String, _ path: String, _ body: String? = nil, token: String? = nil) async throws -> (Int, Data) {
            var request = URLRequest(url: URL(string: proxy + path)!)
            request.httpMethod = method
            if let body { request.httpBody = Data(body.utf8); request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization"); request.setValue("tenant_acme", forHTTPHeaderField: "X-Tenant-Id") }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }
        let (status, login) = try await call("POST", "/account/api/v1/auth/login", #"{"email":"demo@purposepath.app","password":"Demo123!"}"#)
        #expect(status == 200)
        let token = try #require(((try JSONSerialization.jsonObject(with: login) as? [String: Any])?["data"] as? [String: Any])?["access_token"] as? String)
        #expect(try await call("GET", "/traction/api/v1/goals", token: token).0 == 200)
        for _ in 0..<2 { #expect(try await call("POST", "/traction/api/v1/goals", #"{"title": 5}"#, token: token).0 == 422) }
        process.terminate()
        process.waitUntilExit()
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        // Each cause once on the console, however often it happened.
        #expect(text.components(separatedBy: "✗ createGoal POST /traction/api/v1/goals — request at title:").count == 2, "\(text)")
        #expect(text.contains("wrote \(folder.file("proxy.json"))") && text.contains("recorded \(folder.file("recorded-fixtures"))/recorded/records.yaml"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("proxy.json")))) as? [String: Any])
        #expect((report["target"] as? [String: Any])?["mode"] as? String == "proxy")
        #expect(FileManager.default.fileExists(atPath: folder.file("proxy.xml")))
        let lint = try runProduct("understudy", ["lint", repositoryRoot + "/contracts", "--fixtures", folder.file("recorded-fixtures"), "--decisions", repositoryRoot + "/docs/decisions.md"])
        #expect(lint.status == 0, "\(lint.output)")
    }
}
