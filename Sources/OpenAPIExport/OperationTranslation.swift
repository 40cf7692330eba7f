import Contracts
import JSON
import OrderedCollections

/// One endpoint as an OpenAPI operation: id, texts, tags, parameters, body, responses, security.
struct OperationTranslation {
    let contracts: ContractSet

    func operation(_ endpoint: Endpoint, components: inout ComponentBook) -> JSONValue {
        var operation: OrderedDictionary<String, JSONValue> = ["operationId": .string(endpoint.id)]
        if !endpoint.summary.isEmpty { operation["summary"] = .string(endpoint.summary) }
        if let description = endpoint.description { operation["description"] = .string(description) }
        if !endpoint.tags.isEmpty { operation["tags"] = .array(endpoint.tags.map(JSONValue.string)) }
        let parameters = self.parameters(endpoint, components: &components)
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = endpoint.body { operation["requestBody"] = requestBody(body, components: &components) }
        operation["responses"] = ResponseTranslation.responses(endpoint, components: &components)
        let security = SecurityTranslation(conventions: contracts.conventions)
        if let requirement = security.requirement(for: endpoint.auth) { operation["security"] = requirement }
        if endpoint.auth == .admin { operation["x-understudy-roles"] = ["admin"] }
        if let fake = endpoint.fake { operation["x-understudy-fake"] = .string(Self.kindName(fake.kind)) }
        if !endpoint.decisions.isEmpty { operation["x-understudy-decisions"] = .array(endpoint.decisions.map(JSONValue.string)) }
        if !endpoint.aliases.isEmpty { operation["x-understudy-aliases"] = .array(endpoint.aliases.map { .string($0.template) }) }
        return .object(operation)
    }

    /// The path's parameters, then the query's, then the headers (the tenant's last).
    private func parameters(_ endpoint: Endpoint, components: inout ComponentBook) -> [JSONValue] {
        var list: [JSONValue] = endpoint.path.parameterNames.map { name in
            guard let declared = endpoint.pathParameters.first(where: { $0.name == name }) else {
                return ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            var parameter = Self.parameter(declared, in: "path", components: &components)
            if case .object(var members) = parameter { members["required"] = true; parameter = .object(members) }
            return parameter
        }
        let credentials = contracts.conventions.queryCredentials
        for parameter in endpoint.query where !(endpoint.auth == .query && credentials.contains(parameter.name)) {
            list.append(Self.parameter(parameter, in: "query", components: &components))
        }
        // OpenAPI describes these through security and media types, never as parameters.
        let described: Set<String> = ["authorization", "accept", "content-type", contracts.conventions.credentials.headerKey]
        for header in endpoint.headers where !described.contains(header.name.lowercased()) {
            list.append(Self.parameter(header, in: "header", components: &components))
        }
        if let tenancy = contracts.conventions.tenancy, endpoint.auth.isProtected {
            if endpoint.auth == .query, let query = tenancy.query {
                list.append(["name": .string(query), "in": "query", "required": true, "schema": ["type": "string"],
                             "description": "The caller's tenant (EventSource cannot send headers)."])
            } else if endpoint.auth != .query, !endpoint.headers.contains(where: { $0.name.lowercased() == tenancy.headerKey }) {
                list.append(components.parameter(ComponentBook.componentSafe(tenancy.header), [
                    "name": .string(tenancy.header), "in": "header", "required": true, "schema": ["type": "string"],
                    "description": .string("The caller's tenant: missing → \(tenancy.missing), not the token's → \(tenancy.foreign)."),
                ]))
            }
        }
        return list
    }

    static func parameter(_ parameter: Parameter, in location: String, components: inout ComponentBook) -> JSONValue {
        var object: OrderedDictionary<String, JSONValue> = ["name": .string(parameter.name), "in": .string(location)]
        if let description = parameter.description { object["description"] = .string(description) }
        object["required"] = .bool(parameter.required)
        object["schema"] = parameter.schemaSource.map { SchemaTranslation.translate($0, book: &components) } ?? ["type": "string"]
        if let example = parameter.example { object["example"] = example }
        return .object(object)
    }

    private func requestBody(_ body: RequestBody, components: inout ComponentBook) -> JSONValue {
        var media: OrderedDictionary<String, JSONValue> = [:]
        if let source = body.schemaSource { media["schema"] = SchemaTranslation.translate(source, book: &components) }
        if let example = body.example { media["example"] = example }
        var object: OrderedDictionary<String, JSONValue> = [:]
        if let description = body.description { object["description"] = .string(description) }
        object["required"] = .bool(body.required)
        object["content"] = [body.contentType: .object(media)]
        return .object(object)
    }

    /// `create`, `view`, `builtin login`: what serves the endpoint, for a reader of the document.
    static func kindName(_ kind: FakeBehaviour.Kind) -> String {
        switch kind {
        case .list(let collection): "list \(collection)"
        case .get(let collection): "get \(collection)"
        case .create(let collection): "create \(collection)"
        case .update(let collection): "update \(collection)"
        case .delete(let collection): "delete \(collection)"
        case .transition(let collection): "transition \(collection)"
        case .merge(let collection): "merge \(collection)"
        case .respond(let status): "respond \(status)"
        case .builtin(let name): "builtin \(name)"
        case .view(let from): from.map { "view of \($0)" } ?? "view"
        case .write: "write"
        case .stream: "stream"
        }
    }
}
