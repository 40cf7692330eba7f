import Contracts
import JSON
import OrderedCollections

/// The events of a stream answer, as `openapi export` describes them.
extension ContractTranslation {
    /// The events of a `text/event-stream` answer described as `openapi export` writes them (a
    /// `oneOf` of `{event: {const: NAME}, data}`); a stream described otherwise is noted.
    func recordEvents(_ media: JSONValue, uri: String, at pointer: JSONPointer, operation: ImportedOperation) {
        var declared: OrderedDictionary<String, JSONValue> = [:]
        for (index, branch) in (media["schema"]?["oneOf"]?.arrayValue ?? []).enumerated() {
            guard let name = branch["properties"]?["event"]?["const"]?.stringValue else { continue }
            var event: OrderedDictionary<String, JSONValue> = [:]
            if let description = branch["description"]?.stringValue { event["description"] = .string(description) }
            let dataPointer = pointer.appending("schema").appending("oneOf").appending(index).appending("properties").appending("data")
            if let data = branch["properties"]?["data"] {
                let translated = dialect.translate(data, uri: uri, at: dataPointer)
                event["schema"] = translated
                if let example = media["examples"]?[name]?["value"]?["data"], examples?.problem(example, translated) == nil {
                    event["example"] = example
                } else if let examples {
                    event["example"] = examples.synthesized(translated)
                }
            }
            declared[name] = .object(event)
        }
        guard !declared.isEmpty else {
            notes.warn("this event stream does not describe its events (one oneOf branch per event, as `openapi export` writes); the mock answers its example", uri: uri, at: pointer)
            return
        }
        events[currentID] = .object(declared)
        if let promise = media["x-understudy-stream"] {
            var stream: OrderedDictionary<String, JSONValue> = [:]
            if let ids = promise["ids"] { stream["ids"] = ids }
            if let replay = promise["replay"] { stream["replay"] = replay }
            if let heartbeat = promise["heartbeatSeconds"] { stream["heartbeat"] = heartbeat }
            streams[currentID] = .object(stream)
        }
    }
}
