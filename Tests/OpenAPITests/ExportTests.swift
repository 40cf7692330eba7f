import Contracts
import JSON
import OpenAPIExport
import TestSupport
import Testing

/// `understudy openapi export` of the shipped contracts: valid by the OpenAPI 3.1 rules that
/// matter, complete, and shared schemas kept shared.
@Suite struct ExportTests {
    static let contracts = shippedReport.contracts
    static let exporter = OpenAPIExporter(contracts: contracts)

    @Test(arguments: ["all", "account", "coaching", "traction"])
    func everyDocumentIsValidAndHasEveryOperation(scope name: String) throws {
        let scope = try #require(OpenAPIExporter.Scope(name, in: Self.contracts))
        let document = Self.exporter.document(scope)
        #expect(DocumentCheck.problems(in: document).map(\.description) == [])
        #expect(document["openapi"] == "3.1.0")
        let endpoints = name == "all" ? Self.contracts.endpoints : Self.contracts.endpoints(of: name)
        var ids: [String] = []
        for (_, item) in document["paths"]?.objectValue ?? [:] {
            for (_, operation) in item.objectValue ?? [:] { ids.append(operation["operationId"]?.stringValue ?? "?") }
        }
        #expect(ids.sorted() == endpoints.map(\.id).sorted())
        let server = try #require(document["servers"]?[0]?["url"]?.stringValue)
        if let service = Self.contracts.service(named: name) { #expect(server == "http://localhost:\(service.port)") }
    }

    @Test func allPathsCarryTheGatewayPrefixesAndServicePathsDoNot() {
        let all = Self.exporter.document(.all)
        #expect(all["paths"]?["/traction/api/v1/goals"]?["get"]?["operationId"] == "listGoals")
        let traction = Self.exporter.document(.service("traction"))
        #expect(traction["paths"]?["/goals"]?["post"]?["operationId"] == "createGoal")
        #expect(traction["paths"]?["/login"] == nil)
    }

    @Test func sharedSchemasResponsesAndTheTenantHeaderAreComponents() throws {
        let document = Self.exporter.document(.all)
        let components = try #require(document["components"])
        #expect(components["schemas"]?["ErrorEnvelope"]?["required"] == ["success", "error"])
        #expect(components["schemas"]?["Goal"] != nil)
        #expect(components["responses"]?["Unauthorized"]?["content"]?["application/json"]?["schema"]?["$ref"] == "#/components/schemas/ErrorEnvelope")
        #expect(components["parameters"]?["X-Tenant-Id"]?["in"] == "header")
        // Not inlined 129 times: the refusal envelope (`success: {const: false}`) is written once.
        let text = document.jsonString()
        #expect(text.components(separatedBy: #""const":false"#).count - 1 == 1)
        let create = try #require(document["paths"]?["/traction/api/v1/goals"]?["post"])
        #expect(create["responses"]?["401"]?["$ref"] == "#/components/responses/Unauthorized")
        #expect(create["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"] == "#/components/schemas/GoalInput")
        #expect(create["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["properties"]?["data"]?["$ref"] == "#/components/schemas/Goal")
        // A schema written the same in two files is one component, not two.
        #expect(components["schemas"]?["StringList"] != nil)
        #expect(components["schemas"]?.objectValue?.keys.contains { $0.hasSuffix("_StringList") } == false)
    }

    @Test func securityIsPerOperationAndTheTenantHeaderIsAParameter() throws {
        let document = Self.exporter.document(.all)
        let schemes = try #require(document["components"]?["securitySchemes"])
        #expect(schemes["bearerAuth"] == ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"])
        #expect(schemes["queryToken"]?["in"] == "query")
        #expect(schemes["queryToken"]?["name"] == "access_token")
        let list = try #require(document["paths"]?["/traction/api/v1/goals"]?["get"])
        #expect(list["security"] == [["bearerAuth": []]])
        #expect(list["parameters"]?.arrayValue?.contains(["$ref": "#/components/parameters/X-Tenant-Id"]) == true)
        let login = try #require(document["paths"]?["/account/api/v1/auth/login"]?["post"])
        #expect(login["security"] == nil)
        #expect(login["parameters"]?.arrayValue?.map { $0["name"] } == ["X-Frontend-Base-Url"])
    }

    @Test func aStreamDescribesEachEventByNameAndPayload() throws {
        let document = Self.exporter.document(.service("traction"))
        let stream = try #require(Self.contracts.endpoints.first { $0.successResponse?.contentType == "text/event-stream" && !$0.events.isEmpty })
        let operation = try #require(document["paths"]?[stream.path.template]?[stream.method.rawValue.lowercased()])
        #expect(operation["security"] == [["queryToken": []]])
        #expect(operation["parameters"]?.arrayValue?.contains { $0["name"] == "tenant" && $0["in"] == "query" } == true)
        let media = try #require(operation["responses"]?["200"]?["content"]?["text/event-stream"])
        let titles = media["schema"]?["oneOf"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
        #expect(titles == stream.events.map(\.name))
        #expect(media["examples"]?.objectValue?.keys.elementsEqual(stream.events.filter { $0.example != nil }.map(\.name)) == true)
        #expect(media["x-understudy-stream"]?["ids"] == true)
    }

    @Test func theCheckFindsBrokenReferencesDuplicateIdsAndWrongExamples() throws {
        guard case .object(var document) = Self.exporter.document(.service("traction")),
              case .object(var paths) = document["paths"], case .object(var item) = paths["/goals"],
              case .object(var post) = item["post"], case .object(var get) = item["get"]
        else { Issue.record("no POST /goals"); return }
        get["operationId"] = "createGoal"
        post["requestBody"] = ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/Nope"]]]]
        post["responses"] = ["200": ["description": "OK", "content": ["application/json": ["schema": ["type": "integer"], "example": "seven"]]]]
        item["get"] = .object(get)
        item["post"] = .object(post)
        paths["/goals"] = .object(item)
        document["paths"] = .object(paths)
        let problems = DocumentCheck.problems(in: .object(document)).map(\.description)
        #expect(problems.contains("/paths/~1goals/post/requestBody/content/application~1json/schema/$ref: '#/components/schemas/Nope' does not resolve within the document"))
        #expect(problems.contains { $0.hasPrefix("/paths/~1goals/") && $0.contains("operationId 'createGoal' is also used") })
        #expect(problems.contains { $0.hasPrefix("/paths/~1goals/post/responses/200/content/application~1json/example: example does not match") })
    }

    @Test func theYAMLReadsBackAsTheSameDocument() throws {
        let document = Self.exporter.document(.all)
        let text = try YAMLText.write(document)
        let diagnostics = DiagnosticsCollector()
        let parsed = try #require(YAMLDocument.parse(text, path: "all.yaml", uri: "file:///all.yaml", diagnostics: diagnostics))
        #expect(diagnostics.diagnostics.isEmpty)
        #expect(parsed.root == document)
    }
}
