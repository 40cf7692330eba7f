import Contracts
import Fakes
import JSON
import OrderedCollections
import Hummingbird

extension AdminAPI {
    /// `GET /__understudy/endpoints`: every endpoint as the dashboard's Endpoints view shows it —
    /// auth, parameters, schemas (references inlined a few levels deep, named by `$ref`),
    /// examples, the fake behaviour, events — plus what its "Send" needs: the services' prefixes,
    /// the listeners' addresses and the scenario's demo user.
    func endpointsRoute() -> Hummingbird.Response {
        let contracts = engine.contracts
        let sources = contracts.sources
        let schema = { (source: SchemaSource?) -> JSONValue in source.map { SchemaInliner(sources: sources).inline(SchemaNodeValue($0)) } ?? .null }
        let parameters = { (list: [Parameter]) -> JSONValue in
            .array(list.map { parameter in
                ["name": .string(parameter.name), "required": .bool(parameter.required), "schema": schema(parameter.schemaSource),
                 "description": parameter.description.map(JSONValue.string) ?? .null, "example": parameter.example ?? .null]
            })
        }
        let endpoints: [JSONValue] = contracts.endpoints.map { endpoint in
            var object: OrderedDictionary<String, JSONValue> = [
                "id": .string(endpoint.id), "service": .string(endpoint.service), "method": .string(endpoint.method.rawValue),
                "path": .string(endpoint.path.template), "aliases": .array(endpoint.aliases.map { .string($0.template) }),
                "auth": .string(endpoint.auth.rawValue), "summary": .string(endpoint.summary),
                "description": endpoint.description.map(JSONValue.string) ?? .null, "tags": .array(endpoint.tags.map(JSONValue.string)),
                "query": parameters(endpoint.query), "headers": parameters(endpoint.headers), "pathParameters": parameters(endpoint.pathParameters),
            ]
            if let body = endpoint.body {
                object["body"] = ["schema": schema(body.schemaSource), "example": body.example ?? .null, "required": .bool(body.required),
                                  "contentType": .string(body.contentType)]
            }
            object["responses"] = .array(endpoint.responses.map { response in
                ["status": .integer(response.status), "description": response.description.map(JSONValue.string) ?? .null,
                 "contentType": .string(response.contentType), "schema": schema(response.schemaSource),
                 "examples": .object(OrderedDictionary(response.examples.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }))]
            })
            object["events"] = .array(endpoint.events.map { ["name": .string($0.name), "schema": schema($0.schemaSource), "example": $0.example ?? .null] })
            object["fake"] = endpoint.fake.map { .string(Self.describe($0.kind)) } ?? "answers its success example"
            if let stream = endpoint.stream {
                object["stream"] = ["ids": .bool(stream.ids), "replay": .bool(stream.replay), "heartbeat": stream.heartbeat.map(JSONValue.integer) ?? .null]
            }
            return .object(object)
        }
        let active = engine.store.read { $0.scenario }
        let demo = engine.scenarios[active]?.users.first.map { user -> JSONValue in
            ["id": .string(user.id), "email": .string(user.email), "tenant": .string(user.tenant), "roles": .array(user.roles.map(JSONValue.string))]
        }
        return ok([
            "services": .array(contracts.services.map { ["name": .string($0.name), "prefix": .string($0.prefix)] }),
            "listeners": .array(urls.all.map { ["name": .string($0.name), "url": .string($0.url), "service": $0.service.map(JSONValue.string) ?? .null] }),
            "demo": demo ?? .null,
            "credentials": ["header": .string(contracts.conventions.credentials.header), "scheme": .string(contracts.conventions.credentials.scheme),
                            "query": .string(contracts.conventions.credentials.query)],
            "tenancy": contracts.conventions.tenancy.map { ["header": .string($0.header), "query": $0.query.map(JSONValue.string) ?? .null] } ?? .null,
            "endpoints": .array(endpoints),
        ])
    }

    static func describe(_ kind: FakeBehaviour.Kind) -> String {
        switch kind {
        case .list(let collection): "lists \(collection)"
        case .get(let collection): "reads one of \(collection)"
        case .create(let collection): "creates in \(collection)"
        case .update(let collection): "updates one of \(collection)"
        case .delete(let collection): "deletes one of \(collection)"
        case .transition(let collection): "moves one of \(collection) to another status"
        case .merge(let collection): "merges into \(collection)"
        case .respond(let status): "answers its \(status) example"
        case .builtin(let name): "builtin \(name) (code, see docs/builtins.md)"
        case .view(let from): from.map { "a view over \($0)" } ?? "a view"
        case .write: "a write (steps in one transaction)"
        case .stream: "an event stream of its channel"
        }
    }
}

/// A schema as written, where its references resolve.
struct SchemaNodeValue {
    var value: JSONValue
    var base: String
    init(_ source: SchemaSource) {
        value = source.value
        base = source.documentURI
    }
}

/// Schemas for reading: each `$ref` replaced by what it names (with `"$ref": "Goal"` kept as its
/// name), a few levels deep and never twice on one path, so recursive schemas end.
struct SchemaInliner {
    let sources: SourceDocuments
    var depth = 5

    func inline(_ node: SchemaNodeValue) -> JSONValue { inline(node.value, base: node.base, seen: [], level: 0) }

    private func inline(_ value: JSONValue, base: String, seen: Set<String>, level: Int) -> JSONValue {
        switch value {
        case .object(let members):
            if let reference = members["$ref"]?.stringValue, let (uri, pointer) = sources.target(of: reference, from: base),
               let target = sources.value(at: uri, pointer) {
                let key = "\(uri)#\(pointer)"
                let name = pointer.lastToken ?? reference
                guard level < depth, !seen.contains(key) else { return ["$ref": .string(name)] }
                var resolved = inline(target, base: uri, seen: seen.union([key]), level: level + 1)
                if case .object(var object) = resolved {
                    object.updateValue(.string(name), forKey: "$ref", insertingAt: 0)
                    for (key, member) in members where key != "$ref" { object[key] = inline(member, base: base, seen: seen, level: level) }
                    resolved = .object(object)
                }
                return resolved
            }
            return .object(members.mapValues { inline($0, base: base, seen: seen, level: level) })
        case .array(let items):
            return .array(items.map { inline($0, base: base, seen: seen, level: level) })
        default:
            return value
        }
    }
}
