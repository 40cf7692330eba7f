@testable import Conformance
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import JSON
import MockServer
import OrderedCollections
import TestSupport
import Testing

/// Every GET of the default scenario answers byte for byte what `Resources/golden-reads.json`
/// recorded, on a fixed clock: the proof that moving behaviour from Swift into the contracts
/// (the builtins port) changes no answer a frontend sees. Recorded once from the build before the
/// port; `UNDERSTUDY_RECORD_GOLDEN=1 swift test --filter GoldenReadsTests` records again, and a
/// change to a recorded answer is then a reviewed diff of that file.
@Suite struct GoldenReadsTests {
    static let file = repositoryRoot + "/Tests/MockServerTests/Resources/golden-reads.json"

    /// The answers of every non-stream GET, in endpoint order: path, status, content type, body.
    static func answers() async throws -> JSONValue {
        let harness = try await MockHarness(gateway: true)
        let contracts = Shipped.report.contracts
        let resolver = FixtureResolver(scenario: Shipped.report.scenarios["default"], collections: contracts.collections,
                                       tenantID: "tenant_acme", userID: "user_demo")
        let planner = CasePlanner(contracts: contracts, resolver: resolver)
        let answers = try await harness.app("gateway").test(.router) { raw in
            var answers: [(String, JSONValue)] = []
            let base = Client(raw)
            let prefix = { (service: String) in contracts.service(named: service)?.prefix ?? "" }
            let loginPath = prefix("account") + "/auth/login"
            let login = try await base.send(.post, loginPath, json: ["email": "demo@purposepath.app", "password": "Demo123!"])
            let data = try #require(login.json?["data"])
            let client = Client(raw, token: data["access_token"]?.stringValue, tenant: data["tenant"]?["id"]?.stringValue)
            for endpoint in contracts.endpoints.sorted(by: { $0.id < $1.id }) where endpoint.method == .GET {
                guard endpoint.successResponse?.contentType.hasPrefix("text/event-stream") == false,
                      case .success(let values) = resolver.resolve(endpoint.path) else { continue }
                let query = planner.exampleQuery(endpoint).map { "\(PercentEncoding.encodeQueryComponent($0.name))=\(PercentEncoding.encodeQueryComponent($0.value))" }
                var uri = prefix(endpoint.service) + endpoint.path.expand(values)
                if !query.isEmpty { uri += "?" + query.joined(separator: "&") }
                var headers: [String: String] = [:]
                for (name, value) in planner.exampleHeaders(endpoint) { headers[name] = value }
                let reply = try await client.sendBytes(.get, uri, headers: headers)
                let text = String(validating: reply.body, as: UTF8.self)
                var answer: OrderedDictionary<String, JSONValue> = [
                    "uri": .string(uri), "status": .integer(reply.status), "contentType": .string(reply.contentType ?? ""),
                ]
                if let text { answer["body"] = .string(text) } else { answer["base64"] = .string(Data(reply.body).base64EncodedString()) }
                answers.append((endpoint.id, .object(answer)))
            }
            return answers
        }
        return .object(.init(uniqueKeysWithValues: answers))
    }

    @Test(.timeLimit(.minutes(2))) func everyReadOfTheDefaultScenarioAnswersAsRecorded() async throws {
        let current = try await Self.answers()
        if ProcessInfo.processInfo.environment["UNDERSTUDY_RECORD_GOLDEN"] == "1" {
            try (current.jsonString(pretty: true) + "\n").write(toFile: Self.file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(current.objectValue?.count ?? 0) answers into \(Self.file); run again without UNDERSTUDY_RECORD_GOLDEN to compare")
            return
        }
        let recorded = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: Self.file))))
        let old = try #require(recorded.objectValue), new = try #require(current.objectValue)
        #expect(old.count == 44 && Set(old.keys) == Set(new.keys), "endpoints recorded: \(old.count); missing now: \(Set(old.keys).subtracting(new.keys).sorted()); new: \(Set(new.keys).subtracting(old.keys).sorted())")
        for (id, answer) in old {
            guard let now = new[id] else { continue }
            #expect(now == answer, "GET \(id) answers differently from the recording:\nrecorded \(answer.jsonString())\nnow      \(now.jsonString())")
        }
    }
}

extension Client {
    struct BytesReply {
        var status: Int
        var contentType: String?
        var body: [UInt8]
    }

    /// The answer's bytes exactly as sent (a PDF stays a PDF).
    func sendBytes(_ method: HTTPRequest.Method, _ uri: String, headers: [String: String] = [:]) async throws -> BytesReply {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        if let tenant { fields[HTTPField.Name("X-Tenant-Id")!] = tenant }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return try await client.execute(uri: uri, method: method, headers: fields, body: nil) { response in
            BytesReply(status: Int(response.status.code), contentType: response.headers[.contentType], body: Array(buffer: response.body))
        }
    }
}
