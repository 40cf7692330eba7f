import Contracts
import HTTPTypes
import HummingbirdTesting
import JSON
import OpenAPIImport
import Testing

/// Nested paths become child collections: `/owners/{ownerId}/pets` under the collection `owners`.
@Suite struct NestedImportTests {
    static let document = """
        {
          "openapi": "3.1.0",
          "info": { "title": "Clinic", "version": "1" },
          "paths": {
            "/owners": {
              "post": { "operationId": "addOwner",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Owner" } } } },
                "responses": { "201": { "description": "Added", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Owner" } } } } } }
            },
            "/owners/{ownerId}": {
              "parameters": [{ "name": "ownerId", "in": "path", "required": true, "schema": { "type": "string" } }],
              "get": { "operationId": "getOwner",
                "responses": { "200": { "description": "One", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Owner" },
                  "example": { "ownerId": "o1", "name": "Ada" } } } } } },
              "delete": { "operationId": "removeOwner", "responses": { "204": { "description": "Gone" } } }
            },
            "/owners/{ownerId}/pets": {
              "parameters": [{ "name": "ownerId", "in": "path", "required": true, "schema": { "type": "string" } }],
              "get": { "operationId": "listPets",
                "responses": { "200": { "description": "Pets", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Pet" } },
                  "example": [{ "petId": "p1", "ownerId": "o1", "name": "Rex" }] } } } } },
              "post": { "operationId": "addPet",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } } },
                "responses": { "201": { "description": "Added", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } } } } }
            },
            "/owners/{ownerId}/pets/{petId}": {
              "parameters": [{ "name": "ownerId", "in": "path", "required": true, "schema": { "type": "string" } },
                             { "name": "petId", "in": "path", "required": true, "schema": { "type": "string" } }],
              "get": { "operationId": "getPet",
                "responses": { "200": { "description": "One", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } } } } }
            }
          },
          "components": { "schemas": {
            "Owner": { "type": "object", "required": ["name"], "properties": { "ownerId": { "type": "string" }, "name": { "type": "string" } } },
            "Pet": { "type": "object", "required": ["name"], "properties": { "petId": { "type": "string" }, "ownerId": { "type": "string" }, "name": { "type": "string" } } }
          } }
        }
        """

    @Test(.timeLimit(.minutes(1))) func aNestedPathIsAChildCollectionOfItsParent() async throws {
        let api = try ImportedAPI(documents: ["openapi.json": Self.document])
        #expect(api.errors == [])
        let pets = try #require(api.contracts.collections["pets"])
        #expect(pets.parent?.collection == "owners" && pets.parent?.field == "ownerId")
        #expect(pets.idField == "petId")
        #expect(api.contracts.endpoint(id: "listPets")?.fake?.parent?.collection == "owners")
        #expect(api.report.scenarios["default"]?.global["pets"]?[0]?["ownerId"] == "o1")
        try await api.withServer { client, _, _ in
            let other = try await exchange(client, .post, "/owners", body: #"{"name": "Grace"}"#)
            let otherID = try #require(other.json?["ownerId"]?.stringValue)
            let pet = try await exchange(client, .post, "/owners/\(otherID)/pets", body: #"{"name": "Tom"}"#)
            #expect(pet.status == 201 && pet.json?["ownerId"]?.stringValue == otherID)
            let petID = try #require(pet.json?["petId"]?.stringValue)
            #expect(try await exchange(client, .get, "/owners/\(otherID)/pets").json?.arrayValue?.count == 1)
            #expect(try await exchange(client, .get, "/owners/o1/pets").json?.arrayValue?.map { $0["name"] } == ["Rex"])
            #expect(try await exchange(client, .get, "/owners/nobody/pets").status == 404)
            // Deleting the owner takes its pets with it.
            #expect(try await exchange(client, .delete, "/owners/\(otherID)").status == 204)
            #expect(try await exchange(client, .get, "/owners/\(otherID)/pets/\(petID)").status == 404)
            let results = await api.verify(port: try #require(client.port))
            #expect(!results.isEmpty && results.allSatisfy { $0.status != .failed }, "\(results.map { "\($0.endpointID) \($0.name): \($0.status) \($0.divergences.map(\.line))" })")
        }
    }
}
