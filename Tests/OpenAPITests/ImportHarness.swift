@testable import Conformance
import Contracts
import Fakes
import Foundation
import HTTPTypes
import HummingbirdTesting
import JSON
import MockServer
import NIOCore
import OpenAPIImport
import TestSupport
import Testing

/// The public OpenAPI documents written by others (`../shared/testdata/openapi`), absent in a user's clone.
enum PublicDocuments {
    static let folder = repositoryRoot + "/../shared/testdata/openapi"
    static let isAvailable = FileManager.default.fileExists(atPath: folder + "/petstore-expanded.yaml")
    static let names = ["petstore-expanded", "uspto", "link-example", "api-with-examples"]
}

/// One import into a scratch folder, linted as `understudy lint` would.
/// Immutable once made (the scratch folder is only read and removed at the end), so tests share it across tasks.
struct ImportedAPI: @unchecked Sendable {
    let folder: TemporaryDirectory
    let result: OpenAPIImporter.Result
    let report: Linter.Report

    /// Imports `file`; `documents` are written into the scratch folder first (name → text) when given.
    init(file: String? = nil, documents: [String: String] = [:], service: String? = nil) throws {
        folder = try TemporaryDirectory(documents.mapKeys { "source/" + $0 })
        let path = file ?? folder.file("source/" + (documents.keys.sorted().first { $0.hasPrefix("openapi") } ?? documents.keys.sorted()[0]))
        result = OpenAPIImporter.run(file: path, service: service)
        try result.contracts?.write(to: folder.file("out"))
        report = Linter.lint(contracts: folder.file("out/contracts"), fixtures: folder.file("out/fixtures"))
    }

    var contracts: ContractSet { report.contracts }
    var errors: [String] { report.diagnostics.filter { $0.severity == .error }.map(\.description) }
    var warnings: [String] { result.diagnostics.filter { $0.severity == .warning }.map(\.description) }

    /// The imported API served in-process on 127.0.0.1 (gateway mode: at the root of one port).
    func withServer(_ body: @Sendable (any TestClientProtocol, MockServer, FakeEngine) async throws -> Void) async throws {
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let engine = try FakeEngine(contracts: contracts, scenarios: report.scenarios, scenario: "default", tokens: tokens)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(contracts, port: 0)], options: .init(quiet: true, strict: true))
        try await server.application(for: server.listeners[0]).test(.live) { client in try await body(client, server, engine) }
    }

    /// `understudy verify` of the served mock: every planned case's result.
    func verify(port: Int, credentials: Credentials = .none) async -> [CaseResult] {
        let transport = AsyncHTTPTransport(timeout: .seconds(30))
        let runner = Runner(contracts: contracts, target: .gateway("http://127.0.0.1:\(port)", contracts: contracts), credentials: credentials,
                            transport: transport, checker: ResponseChecker(envelope: contracts.conventions.envelope))
        var tenant: String?
        if case .token(_, let given) = credentials { tenant = given }
        let resolver = FixtureResolver(scenario: report.scenarios["default"], collections: contracts.collections, tenantID: tenant, userID: nil, conventions: contracts.conventions)
        let results = await runner.run(CasePlanner(contracts: contracts, resolver: resolver).plan())
        await transport.shutdown()
        return results
    }
}

extension Dictionary {
    func mapKeys<T: Hashable>(_ transform: (Key) -> T) -> [T: Value] {
        Dictionary<T, Value>(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}

/// A JSON exchange with the in-process server.
func exchange(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, body: String? = nil,
              headers: HTTPFields = [:]) async throws -> (status: Int, json: JSONValue?) {
    var fields = headers
    if body != nil { fields[.contentType] = "application/json" }
    let response = try await client.execute(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) })
    let bytes = Array(buffer: response.body)
    return (Int(response.status.code), bytes.isEmpty ? nil : try? JSONParser.parse(bytes))
}
