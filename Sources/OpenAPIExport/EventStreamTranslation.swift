import Contracts
import JSON
import OrderedCollections

/// A `text/event-stream` answer: OpenAPI 3.1 has no event model, so the schema describes one event
/// as a client parses it — `{event, id, data}` with `data` parsed as JSON — one `oneOf` branch per
/// event name, with an example of each.
enum EventStreamTranslation {
    static func media(_ endpoint: Endpoint, components: inout ComponentBook) -> JSONValue {
        var branches: [JSONValue] = []
        var examples: OrderedDictionary<String, JSONValue> = [:]
        for event in endpoint.events {
            var properties: OrderedDictionary<String, JSONValue> = ["event": ["const": .string(event.name)], "id": ["type": "string"]]
            properties["data"] = event.schemaSource.map { SchemaTranslation.translate($0, book: &components) } ?? [:]
            var branch: OrderedDictionary<String, JSONValue> = ["title": .string(event.name)]
            if let description = event.description { branch["description"] = .string(description) }
            branch["type"] = "object"
            branch["required"] = ["event", "data"]
            branch["properties"] = .object(properties)
            branches.append(.object(branch))
            if let example = event.example {
                examples[event.name] = ["summary": .string("A `\(event.name)` event"), "value": ["event": .string(event.name), "id": "1", "data": example]]
            }
        }
        let names = endpoint.events.map { "`\($0.name)`" }.joined(separator: ", ")
        var schema: OrderedDictionary<String, JSONValue> = [
            "description": .string("Server-sent events (\(names.isEmpty ? "none declared" : names)). Each is sent as `event: NAME`, `id: N` and one `data:` line of JSON; this schema describes one event with its data parsed."),
        ]
        if !branches.isEmpty { schema["oneOf"] = .array(branches) }
        var media: OrderedDictionary<String, JSONValue> = ["schema": .object(schema)]
        if !examples.isEmpty { media["examples"] = .object(examples) }
        if let promise = endpoint.stream {
            var stream: OrderedDictionary<String, JSONValue> = ["ids": .bool(promise.ids), "replay": .bool(promise.replay)]
            if let heartbeat = promise.heartbeat { stream["heartbeatSeconds"] = .integer(heartbeat) }
            media["x-understudy-stream"] = .object(stream)
        }
        return .object(media)
    }
}
