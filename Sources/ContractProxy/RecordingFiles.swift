import Contracts
import Foundation
import JSON
import OrderedCollections

/// The recorded scenario as the two fixture documents, with every secret replaced (see `Recorder`).
struct RecordingFiles {
    let state: Recorder.State
    let contracts: ContractSet

    typealias Records = OrderedDictionary<String, OrderedDictionary<String, OrderedDictionary<String, JSONValue>>>

    /// Of the records as they will be written (secrets replaced), those that can be: each fits its
    /// collection's schema, and a child's parent was recorded too (a fixture child without its
    /// parent does not load). What is left out is listed in `dropped`.
    func kept(_ cleaned: Records) -> (records: Records, dropped: [String]) {
        var records = cleaned
        var dropped: [String] = []
        for (tenant, collections) in records {
            for (name, entries) in collections {
                guard let collection = contracts.collections[name] else { continue }
                for (id, record) in entries where collection.schema?.isValid(record) == false {
                    records[tenant]?[name]?.removeValue(forKey: id)
                    dropped.append("\(name) '\(id)': does not fit the collection's schema")
                }
            }
        }
        // Orphans, parents first: removing one can orphan its own children.
        var changed = true
        while changed {
            changed = false
            for (tenant, collections) in records {
                for (name, entries) in collections {
                    guard let parent = contracts.collections[name]?.parent else { continue }
                    let parentScope = contracts.collections[parent.collection]?.global == true ? "" : tenant
                    for (id, record) in entries {
                        let parentID = record[parent.field]?.recordKey
                        guard parentID.map({ records[parentScope]?[parent.collection]?[$0] == nil }) ?? true else { continue }
                        records[tenant]?[name]?.removeValue(forKey: id)
                        dropped.append("\(name) '\(id)': its \(parent.collection) '\(parentID ?? "?")' was not recorded")
                        changed = true
                    }
                }
            }
        }
        return (records, dropped)
    }

    func documents() -> (scenario: JSONValue, records: JSONValue, dropped: [String]) {
        var redactor = RecordingRedactor()
        // Users first, so their addresses are user-1…, in the order they signed in.
        var users: [JSONValue] = []
        for user in state.users.values {
            let email = redactor.email(user.email ?? "\(user.id)@recorded.invalid")
            var entry: OrderedDictionary<String, JSONValue> = [
                "id": .string(user.id), "email": .string(email), "password": .string(Recorder.password), "tenant": .string(user.tenant),
                "roles": .array(user.roles.map(JSONValue.string)),
            ]
            if let profile = user.profile { entry["profile"] = redactor.clean(profile) }
            users.append(.object(entry))
        }
        let cleaned = state.records.mapValues { $0.mapValues { $0.mapValues { redactor.clean($0) } } }
        var (recorded, dropped) = kept(cleaned)
        var tenantIDs = Array(state.users.values.map(\.tenant)) + state.answers.compactMap(\.tenant)
        for tenant in Array(recorded.keys) + Array(state.singletons.keys) where !tenant.isEmpty && !tenantIDs.contains(tenant) { tenantIDs.append(tenant) }
        var tenants: OrderedDictionary<String, JSONValue> = [:]
        var data: OrderedDictionary<String, JSONValue> = [:]
        for (index, tenant) in tenantIDs.enumerated() where tenants[tenant] == nil {
            tenants[tenant] = ["name": .string(state.tenantNames[tenant] ?? "Recorded tenant \(index + 1)")]
            var collections: OrderedDictionary<String, JSONValue> = [:]
            for (name, records) in recorded[tenant] ?? [:] { collections[name] = .array(Array(records.values)) }
            for (name, record) in state.singletons[tenant] ?? [:] { collections[name] = redactor.clean(record) }
            if !collections.isEmpty { data[tenant] = ["data": .object(collections)] }
        }
        var global: OrderedDictionary<String, JSONValue> = [:]
        for (name, records) in recorded[""] ?? [:] { global[name] = .array(Array(records.values)) }
        for (name, record) in state.singletons[""] ?? [:] { global[name] = redactor.clean(record) }
        let scenario: JSONValue = [
            "scenario": ["title": "Recorded through understudy proxy",
                         "description": .string("What the backend answered on \(ISO8601DateFormatter().string(from: Date())), secrets replaced.")],
            "users": .array(users),
            "tenants": .object(tenants),
        ]
        var records: OrderedDictionary<String, JSONValue> = [:]
        if !data.isEmpty { records["tenants"] = .object(data) }
        if !global.isEmpty { records["global"] = ["data": .object(global)] }
        var answers: [JSONValue] = []
        for answer in state.answers {
            let body = redactor.clean(answer.body)
            if let schema = contracts.endpoint(id: answer.endpoint)?.response(for: answer.status)?.schema, !schema.isValid(body) {
                dropped.append("the answer of \(answer.endpoint) \(answer.path): does not fit its \(answer.status) schema once its secrets are replaced")
                continue
            }
            var entry: OrderedDictionary<String, JSONValue> = ["endpoint": .string(answer.endpoint)]
            if let tenant = answer.tenant { entry["tenant"] = .string(tenant) }
            if !answer.path.isEmpty { entry["path"] = .object(.init(uniqueKeysWithValues: answer.path.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })) }
            if !answer.query.isEmpty { entry["query"] = .object(.init(uniqueKeysWithValues: answer.query.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })) }
            entry["status"] = .integer(answer.status)
            entry["body"] = body
            answers.append(.object(entry))
        }
        if !answers.isEmpty { records["answers"] = .array(answers) }
        return (scenario, .object(records), dropped)
    }
}

/// Replaces what must not leave the backend: an email by the same `user-N@recorded.invalid`
/// wherever it appears, a JWT by `redacted-token`, the value of a member named like a password,
/// token or secret by `redacted`.
struct RecordingRedactor {
    private var emails: [String: String] = [:]

    mutating func email(_ original: String) -> String {
        if let replaced = emails[original.lowercased()] { return replaced }
        let replaced = "user-\(emails.count + 1)@recorded.invalid"
        emails[original.lowercased()] = replaced
        return replaced
    }

    mutating func clean(_ value: JSONValue, key: String? = nil) -> JSONValue {
        switch value {
        case .string(let text):
            if let key, Self.isSecret(key) { return "redacted" }
            if Self.looksLikeJWT(text) { return "redacted-token" }
            if Self.looksLikeEmail(text) { return .string(email(text)) }
            return value
        case .array(let items):
            return .array(items.map { clean($0, key: key) })
        case .object(let members):
            var out: OrderedDictionary<String, JSONValue> = [:]
            for (name, child) in members { out[name] = clean(child, key: name) }
            return .object(out)
        default:
            return value
        }
    }

    static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        return ["password", "token", "secret", "apikey", "api_key"].contains { lower.contains($0) }
    }

    static func looksLikeJWT(_ text: String) -> Bool {
        text.hasPrefix("eyJ") && text.split(separator: ".").count == 3
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        guard let at = text.firstIndex(of: "@"), at != text.startIndex, !text.contains(" ") else { return false }
        return text[text.index(after: at)...].contains(".")
    }
}
