import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import JSON
import OpenAPIImport
import TestSupport
import Testing

/// How an import reads documents made in the test: OpenAPI 3.0's words in 2020-12 meanings,
/// references across files, security, what cannot be translated, and documents that are broken.
@Suite struct ImportTranslationTests {
    static let legacy = """
        openapi: 3.0.3
        info: { title: Shelf, version: "1.2" }
        paths:
          /books:
            get:
              operationId: listBooks
              responses:
                '200':
                  description: Books
                  content:
                    application/json:
                      schema: { type: array, items: { $ref: '#/components/schemas/Book' } }
            post:
              operationId: addBook
              requestBody:
                required: true
                content: { application/json: { schema: { $ref: 'book.yaml#/Draft' } } }
              responses:
                '201':
                  description: Added
                  content: { application/json: { schema: { $ref: '#/components/schemas/Book' } } }
          /books/{bookId}:
            get:
              operationId: getBook
              parameters: [{ name: bookId, in: path, required: true, schema: { type: string }, example: bk_1 }]
              responses:
                '200':
                  description: A book
                  content: { application/json: { schema: { $ref: '#/components/schemas/Book' } } }
                '404':
                  description: No such book
                  content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } }
        components:
          schemas:
            Book:
              allOf:
                - { $ref: 'book.yaml#/Draft' }
                - type: object
                  required: [bookId]
                  properties:
                    bookId: { type: string }
                    subtitle: { type: string, nullable: true }
                    rating: { type: number, minimum: 0, exclusiveMinimum: true, example: 4.5 }
                    owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], nullable: true }
              example: { bookId: bk_1, title: Dune, subtitle: null, rating: 4.5, owner: null }
            Owner: { type: object, properties: { name: { type: string } } }
            Problem: { type: object, required: [detail], properties: { detail: { type: string }, code: { type: string } } }
        """
    static let book = """
        Draft:
          type: object
          required: [title]
          properties: { title: { type: string, minLength: 1 } }
        """

    @Test func openAPI30WordsGetTheir2020Meanings() throws {
        let api = try ImportedAPI(documents: ["openapi.yaml": Self.legacy, "book.yaml": Self.book])
        #expect(api.errors == [])
        let schemas = try #require(api.contracts.sources.roots.first { $0.key.hasSuffix("/schemas.yaml") }?.value["schemas"])
        let book = try #require(schemas["Book"]?["allOf"]?[1]?["properties"])
        #expect(book["subtitle"] == ["type": ["string", "null"]])
        #expect(book["rating"] == ["type": "number", "exclusiveMinimum": 0, "examples": [4.5]])
        #expect(book["owner"] == ["anyOf": [["allOf": [["$ref": "schemas.yaml#/schemas/Owner"]]], ["type": "null"]]])
        #expect(schemas["Book"]?["examples"] == [["bookId": "bk_1", "title": "Dune", "subtitle": nil, "rating": 4.5, "owner": nil]])
        // The other file's schema is a schema of the service, referred to by name.
        #expect(schemas["Draft"]?["required"] == ["title"])
        #expect(schemas["Book"]?["allOf"]?[0] == ["$ref": "schemas.yaml#/schemas/Draft"])
        // The refusals follow the document's error schema: the message in `detail`, a string `code`.
        #expect(api.contracts.conventions.envelope.message == "detail")
        #expect(api.contracts.conventions.envelope.code == "code")
        #expect(api.contracts.conventions.envelope.data == nil)
        let books = try #require(api.contracts.collections["books"])
        #expect(books.idField == "bookId" && !books.integerIDs && books.global)
        #expect(books.parameters == ["bookId"])
        // Seeded from the schema's example, so a get of it answers.
        #expect(api.report.scenarios["default"]?.global["books"]?[0]?["bookId"] == "bk_1")
    }

    @Test(.timeLimit(.minutes(1))) func theImportedAPIServesAndRefusesInItsOwnShape() async throws {
        let api = try ImportedAPI(documents: ["openapi.yaml": Self.legacy, "book.yaml": Self.book])
        try await api.withServer { client, _, _ in
            let created = try await exchange(client, .post, "/books", body: #"{"title": "Emma"}"#)
            #expect(created.status == 201)
            let id = try #require(created.json?["bookId"]?.stringValue)
            #expect(id.hasPrefix("books_"))
            #expect(try await exchange(client, .get, "/books/\(id)").json == created.json)
            #expect(try await exchange(client, .get, "/books/nope").json == ["detail": "Book not found", "code": "NOT_FOUND"])
            #expect(try await exchange(client, .post, "/books", body: #"{"title": ""}"#).json?["detail"] == "Validation failed")
            let results = await api.verify(port: try #require(client.port))
            #expect(!results.isEmpty && results.allSatisfy { $0.status == .passed }, "\(results.map { "\($0.endpointID) \($0.name): \($0.status) \($0.divergences.map(\.line))" })")
        }
    }

    static let secured = """
        openapi: 3.1.0
        info: { title: Vault, version: "1" }
        security: [{ bearer: [] }]
        paths:
          /items:
            get:
              operationId: listItems
              responses:
                '200':
                  description: Items
                  content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Item' } } } }
            post:
              operationId: addItem
              requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
              responses:
                '201': { description: Added, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
              callbacks:
                added: { '{$request.body#/hook}': { post: { responses: { '200': { description: ok } } } } }
          /items/{id}:
            get:
              operationId: getItem
              responses:
                '200': { description: One, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
          /public/ping:
            get:
              operationId: ping
              security: []
              responses:
                '200': { description: Pong, content: { application/xml: { schema: { type: string } } } }
          /legacy:
            get:
              operationId: legacy
              security: [{ session: [] }]
              parameters: [{ name: theme, in: cookie, schema: { type: string } }]
              responses: { '204': { description: Nothing } }
        webhooks:
          itemAdded: { post: { responses: { '200': { description: ok } } } }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer, bearerFormat: JWT }
            session: { type: apiKey, in: cookie, name: sid }
          schemas:
            Item:
              type: object
              properties:
                id: { type: integer }
                kind: { type: string }
                shape:
                  oneOf: [{ type: string }, { type: integer }]
                  discriminator: { propertyName: kind }
        """

    @Test(.timeLimit(.minutes(1))) func securityBecomesAuthAndMintedTokensOpenIt() async throws {
        let api = try ImportedAPI(documents: ["openapi.yaml": Self.secured])
        #expect(api.errors == [])
        #expect(api.contracts.endpoint(id: "listItems")?.auth == .tenant)
        #expect(api.contracts.endpoint(id: "ping")?.auth == AuthRequirement.none)
        #expect(api.contracts.conventions.tenancy == nil)
        #expect(api.contracts.collections["items"]?.global == false)
        // What cannot be translated is said, with its pointer, and nothing crashed.
        for expected in ["callbacks are not translated", "webhooks (itemAdded) are not translated", "the discriminator is not used",
                         "only JSON bodies are translated (this answer is application/xml)", "cookie parameters are not translated",
                         "(session) can be checked by the mock"] {
            #expect(api.warnings.contains { $0.contains(expected) && $0.contains("(#/") }, "no warning '\(expected)' in \(api.warnings)")
        }
        try await api.withServer { client, _, _ in
            #expect(try await exchange(client, .get, "/items").status == 401)
            let minted = try await exchange(client, .post, "/__understudy/token", body: #"{"sub": "alice"}"#)
            #expect(minted.status == 200 && minted.json?["tenant"] == "default")
            let token = try #require(minted.json?["accessToken"]?.stringValue)
            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            let created = try await exchange(client, .post, "/items", body: #"{"kind": "box"}"#, headers: headers)
            // The seeded record (made from the schema) is 1; the next integer id is the new one's.
            #expect(created.status == 201 && created.json?["id"] == 2 && created.json?["kind"] == "box")
            #expect(try await exchange(client, .get, "/items/2", headers: headers).json == created.json)
            #expect(try await exchange(client, .get, "/public/ping").status == 200)
            #expect(try await exchange(client, .post, "/__understudy/token", body: #"{"tenant": "elsewhere"}"#).status == 422)
            let results = await api.verify(port: try #require(client.port), credentials: .token(token, tenant: "default"))
            #expect(!results.isEmpty && results.allSatisfy { $0.status != .failed }, "\(results.map { "\($0.endpointID) \($0.name): \($0.status) \($0.divergences.map(\.line))" })")
            #expect(Set(results.filter { $0.status == .passed }.map(\.endpointID)) == Set(api.contracts.endpoints.map(\.id)))
            // One implicit tenant: isolation has no second tenant to try, and says so.
            #expect(results.contains { $0.name.hasPrefix("isolation") && $0.status == .skipped })
        }
    }

    @Test func anAPIKeyHeaderIsTheCredentialsHeaderWithoutAScheme() throws {
        let document = Self.secured.replacingOccurrences(of: "bearer: { type: http, scheme: bearer, bearerFormat: JWT }", with: "bearer: { type: apiKey, in: header, name: X-Api-Key }")
        let api = try ImportedAPI(documents: ["openapi.yaml": document])
        #expect(api.errors == [])
        #expect(api.contracts.conventions.credentials.header == "X-Api-Key")
        #expect(api.contracts.conventions.credentials.scheme == "")
    }

    @Test(arguments: [
        ("openapi: 3.0.0\ninfo: { title: x, version: '1'\npaths: {}\n", "openapi.yaml:3:1: error:"),
        ("openapi: 3.0.0\npaths: {}\n", "openapi.yaml:1:1: error: not a valid OpenAPI document: Expected to find `info` key"),
        ("openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      responses: 5\n", "openapi.yaml:6:7: error: not a valid OpenAPI document"),
        ("swagger: '2.0'\ninfo: { title: x, version: '1' }\n", "openapi.yaml:1:1: error: Swagger 2.0 is not OpenAPI 3"),
        ("openapi: 4.0.0\ninfo: { title: x, version: '1' }\n", "openapi.yaml:1:1: error: OpenAPI 4.0.0 is not read here"),
        ("- just\n- a list\n", "openapi.yaml:1:1: error: an OpenAPI document is a mapping"),
        ("openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      operationId: same\n      responses: { '200': { description: ok } }\n  /b:\n    get:\n      operationId: same\n      responses: { '200': { description: ok } }\n",
         "error: operationIds are not unique: same"),
    ])
    func aBrokenDocumentIsAnErrorWithItsPlaceAndWritesNothing(_ text: String, _ expected: String) throws {
        let api = try ImportedAPI(documents: ["openapi.yaml": text])
        #expect(api.result.contracts == nil)
        let errors = api.result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.contains(expected) }, "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: api.folder.file("out/contracts")))
    }

    @Test func aReferenceToAMissingFileIsAnErrorAtTheReference() throws {
        let text = "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A: { $ref: 'gone.yaml#/A' }\n"
        let api = try ImportedAPI(documents: ["openapi.yaml": text])
        #expect(api.result.contracts == nil)
        #expect(api.result.diagnostics.contains { $0.description.contains("openapi.yaml:6:10: error: $ref 'gone.yaml#/A': no such file") })
    }
}
