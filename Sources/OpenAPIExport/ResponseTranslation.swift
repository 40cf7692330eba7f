import Contracts
import JSON
import OrderedCollections

/// An endpoint's documented statuses as OpenAPI responses; a shared response (`$ref` to
/// `common/responses.yaml`) becomes a component; a stream's events are described one by one.
enum ResponseTranslation {
    static func responses(_ endpoint: Endpoint, components: inout ComponentBook) -> JSONValue {
        var responses: OrderedDictionary<String, JSONValue> = [:]
        for response in endpoint.responses {
            if let shared = response.sharedAt {
                let name = components.responseName(sharedAt: shared) { book in object(response, endpoint: nil, components: &book) }
                responses[String(response.status)] = ["$ref": .string("#/components/responses/\(name)")]
            } else {
                responses[String(response.status)] = object(response, endpoint: endpoint, components: &components)
            }
        }
        return .object(responses)
    }

    /// `endpoint` is given for the endpoint's own responses (a stream's events belong to it), nil
    /// for a shared one.
    static func object(_ response: Response, endpoint: Endpoint?, components: inout ComponentBook) -> JSONValue {
        var object: OrderedDictionary<String, JSONValue> = ["description": .string(response.description ?? HTTPReason.phrase(response.status))]
        if !response.headers.isEmpty {
            object["headers"] = .object(OrderedDictionary(uniqueKeysWithValues: response.headers.map { header in
                var value: OrderedDictionary<String, JSONValue> = [:]
                if let description = header.description { value["description"] = .string(description) }
                if header.required { value["required"] = true }
                value["schema"] = header.schemaSource.map { SchemaTranslation.translate($0, book: &components) } ?? ["type": "string"]
                if let example = header.example { value["example"] = example }
                return (header.name, JSONValue.object(value))
            }))
        }
        if let endpoint, response.contentType == "text/event-stream" {
            object["content"] = ["text/event-stream": EventStreamTranslation.media(endpoint, components: &components)]
        } else if let media = media(response, components: &components) {
            object["content"] = [response.contentType: media]
        }
        return .object(object)
    }

    private static func media(_ response: Response, components: inout ComponentBook) -> JSONValue? {
        var media: OrderedDictionary<String, JSONValue> = [:]
        if let source = response.schemaSource {
            media["schema"] = SchemaTranslation.translate(source, book: &components)
        } else if response.bodyShape == .none, response.examples.isEmpty {
            // A binary answer (a PDF) says its type; a 204 has no content at all.
            guard !response.contentType.contains("json"), response.status != 204 else { return nil }
            media["schema"] = ["type": "string", "contentMediaType": .string(response.contentType)]
        }
        if response.examples.count == 1, response.examples[0].name == "default" {
            media["example"] = response.examples[0].value
        } else if !response.examples.isEmpty {
            media["examples"] = .object(OrderedDictionary(uniqueKeysWithValues: response.examples.map { ($0.name, ["value": $0.value]) }))
        }
        return .object(media)
    }
}
