import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import JSON
import OpenAPIImport
import TestSupport
import Testing

/// The four public OpenAPI 3.0 documents in ../shared/testdata/openapi, written by others: each
/// imports, lints clean, serves, and verifies clean against its own mock; petstore-expanded's CRUD
/// is stateful through HTTP.
@Suite(.enabled(if: PublicDocuments.isAvailable, "../shared/testdata/openapi is absent (a user's clone): the public documents are not imported"))
struct PublicDocumentImportTests {
    @Test(.timeLimit(.minutes(2)), arguments: PublicDocuments.names)
    func importsLintsServesAndVerifiesClean(_ name: String) async throws {
        let api = try ImportedAPI(file: PublicDocuments.folder + "/\(name).yaml")
        #expect(api.result.contracts != nil)
        #expect(api.errors == [])
        // Whatever was not carried over says where, as a JSON pointer.
        #expect(api.warnings.allSatisfy { $0.contains(": warning: ") && $0.contains("(#/") }, "\(api.warnings)")
        #expect(!api.contracts.endpoints.isEmpty)
        try await api.withServer { client, _, _ in
            let results = await api.verify(port: try #require(client.port))
            #expect(!results.isEmpty)
            #expect(results.allSatisfy { $0.status != .failed }, "\(results.filter { $0.status == .failed }.map { "\($0.endpointID) \($0.name): \($0.divergences.map(\.line))" })")
            // Every endpoint is reached by a passing case, none only skipped.
            let reached = Set(results.filter { $0.status == .passed }.map(\.endpointID))
            #expect(reached == Set(api.contracts.endpoints.map(\.id)))
        }
    }

    @Test(.timeLimit(.minutes(1))) func petstoreCRUDIsStatefulThroughHTTP() async throws {
        let api = try ImportedAPI(file: PublicDocuments.folder + "/petstore-expanded.yaml", service: "petstore")
        #expect(api.errors == [])
        let pets = try #require(api.contracts.collections["pets"])
        #expect(pets.integerIDs && pets.global)
        #expect(api.contracts.endpoint(id: "findPetById")?.fake?.kind == .get(collection: "pets"))
        #expect(api.warnings.contains { $0.contains("operationId 'find pet by id' becomes the endpoint id 'findPetById'") })
        try await api.withServer { client, _, _ in
            let seeded = try await exchange(client, .get, "/pets")
            #expect(seeded.status == 200)
            let before = seeded.json?.arrayValue?.count ?? 0
            let created = try await exchange(client, .post, "/pets", body: #"{"name": "Rex", "tag": "dog"}"#)
            #expect(created.status == 200)
            let id = try #require(created.json?["id"]?.intValue)
            #expect(created.json == ["id": .integer(id), "name": "Rex", "tag": "dog"])
            #expect(try await exchange(client, .get, "/pets/\(id)").json == created.json)
            #expect(try await exchange(client, .get, "/pets").json?.arrayValue?.count == before + 1)
            #expect(try await exchange(client, .delete, "/pets/\(id)").status == 204)
            let gone = try await exchange(client, .get, "/pets/\(id)")
            #expect(gone.status == 404)
            #expect(gone.json?["message"]?.stringValue == "Pet not found")
            #expect(try await exchange(client, .get, "/pets").json?.arrayValue?.count == before)
            let refused = try await exchange(client, .post, "/pets", body: #"{"tag": "no name"}"#)
            #expect(refused.status == 422)
        }
    }
}
