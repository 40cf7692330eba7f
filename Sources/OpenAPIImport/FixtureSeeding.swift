import Contracts
import JSON
import OrderedCollections

/// The records each inferred collection starts with: the examples its reads and creates answer
/// (a list's items, a get's or create's record), deduplicated by id and checked against the
/// collection's schema; a collection no example shows gets one record made from its schema.
struct FixtureSeeding {
    let translation: ContractTranslation
    let inference: ResourceInference
    let operations: [ImportedOperation]
    let ids: [String]
    let files: OrderedDictionary<String, OrderedDictionary<String, JSONValue>>
    let fileOfEndpoint: [String: String]

    func records() -> OrderedDictionary<String, [JSONValue]> {
        var seeded: OrderedDictionary<String, [JSONValue]> = [:]
        for collection in inference.collections {
            var records: [JSONValue] = []
            var seen: Set<String> = []
            for (index, operation) in operations.enumerated() {
                guard let fake = inference.fakes["\(operation.method) \(operation.path)"], fake.collection == collection.name else { continue }
                let examples = successExamples(of: ids[index])
                var candidates: [JSONValue] = []
                switch fake {
                case .list: candidates = examples.flatMap { $0.arrayValue ?? [] }
                case .get, .create: candidates = examples
                case .update, .delete: continue
                }
                for candidate in candidates {
                    guard let record = fitted(candidate, collection: collection, parentIDs: parentIDs(collection, seeded)),
                          let key = record[collection.idField]?.recordKey, seen.insert(key).inserted
                    else { continue }
                    records.append(record)
                }
            }
            if records.isEmpty, let examples = translation.examples {
                var made = examples.synthesized(collection.schema).objectValue ?? [:]
                made[collection.idField] = collection.integerIDs ? 1 : .string("\(collection.name)_1")
                if let parent = collection.parent, let first = parentIDs(collection, seeded).first { made[parent.parameter] = first }
                if let record = fitted(.object(made), collection: collection, parentIDs: parentIDs(collection, seeded)) { records.append(record) }
            }
            seeded[collection.name] = records
        }
        return seeded
    }

    /// The examples of an endpoint's first 2xx answer (its own or the shared one it names).
    private func successExamples(of id: String) -> [JSONValue] {
        guard let file = fileOfEndpoint[id], let responses = files[file]?[id]?["responses"]?.objectValue,
              var response = responses.first(where: { $0.key.hasPrefix("2") })?.value
        else { return [] }
        if let reference = response["$ref"]?.stringValue, let name = reference.split(separator: "/").last {
            response = translation.responses[String(name)] ?? response
        }
        if let example = response["example"] { return [example] }
        return response["examples"]?.objectValue.map { Array($0.values) } ?? []
    }

    private func parentIDs(_ collection: ResourceInference.Collection, _ seeded: OrderedDictionary<String, [JSONValue]>) -> [JSONValue] {
        guard let parent = collection.parent, let owner = inference.collections.first(where: { $0.name == parent.collection }) else { return [] }
        return (seeded[parent.collection] ?? []).compactMap { $0[owner.idField] }
    }

    /// The record as the collection keeps it (its parent's id filled in), or nil when its schema refuses it.
    private func fitted(_ candidate: JSONValue, collection: ResourceInference.Collection, parentIDs: [JSONValue]) -> JSONValue? {
        guard case .object(var members) = candidate else { return nil }
        guard members[collection.idField]?.recordKey != nil else { return nil }
        if let parent = collection.parent {
            guard let first = parentIDs.first else { return nil }
            if members[parent.parameter] == nil { members[parent.parameter] = first }
        }
        let record = JSONValue.object(members)
        if let problem = translation.examples?.problem(record, collection.schema) {
            translation.notes.warn("an example of collection '\(collection.name)' does not fit its schema (\(problem)); not seeded", at: .root)
            return nil
        }
        return record
    }
}
