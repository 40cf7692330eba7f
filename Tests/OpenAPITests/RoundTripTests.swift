import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import JSON
import OpenAPIExport
import OpenAPIImport
import TestSupport
import Testing

/// export of the PurposePath contracts → import → export again: the same operations, parameters
/// and schemas; and `serve` on the re-imported contracts answers the shipped examples.
@Suite struct RoundTripTests {
    static let shipped = shippedReport.contracts
    static let first = OpenAPIExporter(contracts: shipped).document(.all)

    /// Imported once for the suite (an import of 129 endpoints takes a few seconds in a debug build).
    static let imported: ImportedAPI? = try? reimported()

    static func reimported() throws -> ImportedAPI {
        let folder = try TemporaryDirectory(["purposepath.json": first.jsonString(pretty: true)])
        let api = try ImportedAPI(file: folder.file("purposepath.json"), service: "purposepath")
        withExtendedLifetime(folder) {}
        return api
    }

    /// What must survive: per operation its id, parameters (a path parameter's example aside — the
    /// import gives verify one), body, responses and security; the components.
    static func essentials(_ document: JSONValue) -> JSONValue {
        var operations: [String: JSONValue] = [:]
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] {
                let parameters = (operation["parameters"]?.arrayValue ?? []).map { parameter -> JSONValue in
                    guard parameter["in"] == "path", case .object(var members) = parameter else { return parameter }
                    members.removeValue(forKey: "example")
                    return .object(members)
                }
                operations["\(method) \(path)"] = [
                    "operationId": operation["operationId"] ?? .null, "parameters": .array(parameters),
                    "requestBody": operation["requestBody"] ?? .null, "responses": operation["responses"] ?? .null,
                    "security": operation["security"] ?? .null,
                ]
            }
        }
        return ["operations": .object(.init(uniqueKeysWithValues: operations.sorted { $0.key < $1.key })), "components": document["components"] ?? .null]
    }

    @Test func exportImportExportKeepsOperationsParametersAndSchemas() throws {
        let api = try #require(Self.imported)
        // The import ran OpenAPIKit's checks over the exported document: no error.
        #expect(api.result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        #expect(api.warnings.count == 1 && api.warnings[0].contains("application/pdf"), "\(api.warnings)")
        #expect(api.errors == [])
        #expect(api.contracts.endpoints.count == Self.shipped.endpoints.count)
        let again = OpenAPIExporter(contracts: api.contracts).document(.all)
        let before = Self.essentials(Self.first)
        let after = Self.essentials(again)
        for (key, operation) in before["operations"]?.objectValue ?? [:] {
            #expect(after["operations"]?[key] == operation, "\(key) changed")
        }
        #expect(after["operations"]?.objectValue?.count == before["operations"]?.objectValue?.count)
        #expect(after["components"] == before["components"])
        #expect(again["x-understudy-conventions"] == Self.first["x-understudy-conventions"])
    }

    @Test(.timeLimit(.minutes(1))) func serveOnTheReimportedContractsAnswersTheShippedExamples() async throws {
        let api = try #require(Self.imported)
        #expect(api.contracts.conventions.tenancy?.header == "X-Tenant-Id")
        let reads = Self.shipped.endpoints.filter { endpoint in
            endpoint.method == .GET && endpoint.path.parameterNames.isEmpty && !endpoint.query.contains(where: \.required)
                && endpoint.auth != .query && endpoint.successResponse?.contentType == "application/json" && endpoint.successResponse?.example != nil
        }
        #expect(reads.count >= 20)
        try await api.withServer { client, _, _ in
            let minted = try await exchange(client, .post, "/__understudy/token", body: "{}")
            let token = try #require(minted.json?["accessToken"]?.stringValue)
            let tenant = try #require(minted.json?["tenant"]?.stringValue)
            for endpoint in reads {
                let prefix = try #require(Self.shipped.service(named: endpoint.service)?.prefix)
                let headers: HTTPFields = endpoint.auth.isProtected ? [.authorization: "Bearer \(token)", HTTPField.Name("X-Tenant-Id")!: tenant] : [:]
                let answer = try await exchange(client, .get, prefix + endpoint.path.template, headers: headers)
                #expect(answer.status == endpoint.successResponse?.status, "\(endpoint.id)")
                #expect(answer.json == endpoint.successResponse?.example, "\(endpoint.id) answers other than its shipped example")
            }
        }
    }
}
