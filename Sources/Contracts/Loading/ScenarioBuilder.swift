import Foundation
import JSON

/// Merges the files of one scenario folder and validates what they hold.
struct ScenarioBuilder {
    let name: String
    let contracts: ContractSet
    let diagnostics: DiagnosticsCollector
    var title = ""
    var description = ""
    var users: [FixtureUser] = []
    var tenants: [String: TenantFixture] = [:]
    var tenantOrder: [String] = []
    var global: [String: JSONValue] = [:]
    var seenData: [String: SourceLocation] = [:]
    var answers: [RecordedAnswer] = []

    init(name: String, contracts: ContractSet, diagnostics: DiagnosticsCollector) {
        self.name = name
        self.contracts = contracts
        self.diagnostics = diagnostics
    }

    mutating func add(_ document: YAMLDocument) {
        guard let file = ObjectReader(document.root, at: .root, in: document, what: "fixture file", allowed: FixtureLoader.fileKeys, diagnostics: diagnostics)
        else { return }
        if let value = file.value("scenario"),
            let scenario = ObjectReader(value, at: file.pointer("scenario"), in: document, what: "scenario", allowed: ["title", "description"], diagnostics: diagnostics)
        {
            title = scenario.string("title") ?? title
            description = scenario.string("description") ?? description
        }
        for (index, value) in (file.value("users")?.arrayValue ?? []).enumerated() {
            addUser(value, at: file.pointer("users").appending(index), in: document)
        }
        for (tenantID, value) in file.mapping("tenants") ?? [:] {
            let pointer = file.pointer("tenants").appending(tenantID)
            guard let tenant = ObjectReader(value, at: pointer, in: document, what: "tenant '\(tenantID)'", allowed: ["name", "data"], diagnostics: diagnostics)
            else { continue }
            if tenants[tenantID] == nil {
                tenants[tenantID] = TenantFixture(id: tenantID, name: tenantID, data: [:])
                tenantOrder.append(tenantID)
            }
            if let name = tenant.string("name") { tenants[tenantID]?.name = name }
            for (collection, records) in tenant.mapping("data") ?? [:] {
                guard check(collection, records, global: false, at: tenant.pointer("data").appending(collection), in: document, owner: tenantID) else { continue }
                tenants[tenantID]?.data[collection] = records
            }
        }
        for (index, value) in (file.value("answers")?.arrayValue ?? []).enumerated() {
            addAnswer(value, at: file.pointer("answers").appending(index), in: document)
        }
        if let value = file.value("global"),
            let globalReader = ObjectReader(value, at: file.pointer("global"), in: document, what: "global", allowed: ["data"], diagnostics: diagnostics)
        {
            for (collection, records) in globalReader.mapping("data") ?? [:] {
                guard check(collection, records, global: true, at: globalReader.pointer("data").appending(collection), in: document, owner: "global") else { continue }
                global[collection] = records
            }
        }
    }

    private mutating func addUser(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) {
        guard let user = ObjectReader(value, at: pointer, in: document, what: "user", allowed: ["id", "email", "password", "tenant", "roles", "profile", "emailTokens"], diagnostics: diagnostics),
            let id = user.string("id", required: true), let email = user.string("email", required: true),
            let password = user.string("password", required: true), let tenant = user.string("tenant", required: true)
        else { return }
        if users.contains(where: { $0.email.lowercased() == email.lowercased() }) { user.error("duplicate user email '\(email)'", at: "email") }
        if users.contains(where: { $0.id == id }) { user.error("duplicate user id '\(id)'", at: "id") }
        let profile = user.value("profile") ?? .object([:])
        if let accounts = contracts.conventions.sessions?.accountCollection, let schema = contracts.collections[accounts]?.schema {
            for error in schema.validate(profile).prefix(5) {
                diagnostics.error(
                    "profile of user '\(id)' does not match the \(accounts) schema at \(error.instancePointer): \(error.message)",
                    at: document.location(of: JSONPointer(tokens: user.pointer("profile").tokens + error.instancePointer.tokens)))
            }
        }
        var emailTokens: [FixtureUser.EmailToken] = []
        for (index, item) in (user.value("emailTokens")?.arrayValue ?? []).enumerated() {
            guard let token = ObjectReader(item, at: user.pointer("emailTokens").appending(index), in: document, what: "email token", allowed: ["token", "kind"], diagnostics: diagnostics),
                  let text = token.string("token", required: true),
                  let kind = token.choice("kind", among: FixtureUser.EmailToken.kinds, required: true)
            else { continue }
            emailTokens.append(.init(token: text, kind: kind))
        }
        if user.has("emailTokens"), user.value("emailTokens")?.arrayValue == nil { user.error("'emailTokens' must be a list of {token, kind}", at: "emailTokens") }
        users.append(FixtureUser(id: id, email: email, password: password, tenant: tenant, roles: user.stringList("roles"), profile: profile,
                                 emailTokens: emailTokens, location: user.location))
    }

    /// Validates one collection's records; false when they cannot be used at all.
    private mutating func check(_ name: String, _ records: JSONValue, global: Bool, at pointer: JSONPointer, in document: YAMLDocument, owner: String) -> Bool {
        let location = document.location(of: pointer)
        guard let collection = contracts.collections[name] else {
            let message = EditDistance.message("unknown collection '\(name)'", for: name, among: contracts.collections.keys)
            diagnostics.error(message, at: location)
            return false
        }
        let key = owner + "/" + name
        if let previous = seenData[key] {
            diagnostics.error("\(owner).\(name) is already seeded at \(previous)", at: location)
            return false
        }
        seenData[key] = location
        if collection.global != global {
            diagnostics.error(collection.global ? "collection '\(name)' is global: seed it under 'global'" : "collection '\(name)' is per tenant: seed it under 'tenants'", at: location)
            return false
        }
        let items: [(JSONValue, JSONPointer)]
        if collection.singleton {
            items = [(records, pointer)]
        } else {
            guard case .array(let list) = records else {
                diagnostics.error("collection '\(name)' needs a list of records", at: location)
                return false
            }
            items = list.enumerated().map { ($1, pointer.appending($0)) }
        }
        var ids: Set<String> = []
        for (record, recordPointer) in items {
            if !collection.singleton {
                // The id's kind is the collection's (`idType`); its text is how the store keys it.
                let id: String? = switch record[collection.idField] {
                case .integer? where collection.integerIDs, .string? where !collection.integerIDs: record[collection.idField]?.recordKey
                default: nil
                }
                if let id {
                    if !ids.insert(id).inserted { diagnostics.error("duplicate id '\(id)' in \(name)", at: document.location(of: recordPointer)) }
                } else {
                    let kind = collection.integerIDs ? "integer" : "string"
                    diagnostics.error("record in \(name) has no \(kind) '\(collection.idField)'", at: document.location(of: recordPointer))
                }
            }
            for error in (collection.schema?.validate(record) ?? []).prefix(5) {
                diagnostics.error(
                    "fixture record does not match collection '\(name)' at \(error.instancePointer): \(error.message)",
                    at: document.location(of: JSONPointer(tokens: recordPointer.tokens + error.instancePointer.tokens)))
            }
        }
        return true
    }

    mutating func finish() -> Scenario {
        for user in users where tenants[user.tenant] == nil {
            diagnostics.error("user '\(user.id)' belongs to unknown tenant '\(user.tenant)'", at: user.location)
        }
        // services.yaml's `sessions.accounts` collection holds the scenario users' profiles, tenant by tenant.
        if let accounts = contracts.conventions.sessions?.accountCollection, contracts.collections[accounts] != nil {
            for user in users {
                guard var tenant = tenants[user.tenant] else { continue }
                tenant.data[accounts] = .array((tenant.data[accounts]?.arrayValue ?? []) + [user.profile])
                tenants[user.tenant] = tenant
            }
        }
        checkParents()
        var scenario = Scenario(
            name: name, title: title.isEmpty ? name : title, description: description, users: users,
            tenants: tenantOrder.compactMap { tenants[$0] }, global: global)
        for answer in answers where answer.tenant.map({ tenants[$0] == nil }) == true {
            diagnostics.error("answer of \(answer.endpoint) names tenant '\(answer.tenant!)', which the scenario does not have", at: answer.location)
        }
        scenario.answers = answers
        return scenario
    }

    /// A recorded answer: a GET endpoint of the contracts, its path values, a documented status
    /// whose schema its body meets.
    private mutating func addAnswer(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "answer", allowed: ["endpoint", "tenant", "path", "query", "status", "body"], diagnostics: diagnostics),
              let id = reader.string("endpoint", required: true)
        else { return }
        guard let endpoint = contracts.endpoint(id: id) else {
            reader.error(EditDistance.message("unknown endpoint '\(id)'", for: id, among: contracts.endpoints.map(\.id)), at: "endpoint")
            return
        }
        if endpoint.method != .GET { reader.error("only reads are replayed; \(id) is \(endpoint.method.rawValue)", at: "endpoint") }
        var path: [String: String] = [:]
        for (name, text) in reader.mapping("path") ?? [:] {
            guard let text = text.stringValue else { reader.error("path value '\(name)' must be a string", at: "path"); continue }
            if !endpoint.path.parameterNames.contains(name) { reader.error("\(endpoint.path.template) has no {\(name)}", at: "path") }
            path[name] = text
        }
        for name in endpoint.path.parameterNames where path[name] == nil { reader.error("missing path value '\(name)' of \(endpoint.path.template)", at: "path") }
        let status = reader.integer("status") ?? 200
        let body = reader.value("body") ?? .null
        if let schema = endpoint.response(for: status)?.schema {
            for error in schema.validate(body).prefix(3) {
                diagnostics.error("answer body does not match \(id)'s \(status) schema at \(error.instancePointer): \(error.message)",
                                  at: document.location(of: JSONPointer(tokens: reader.pointer("body").tokens + error.instancePointer.tokens)))
            }
        } else if endpoint.response(for: status) == nil {
            reader.error("\(id) documents no \(status) answer", at: "status")
        }
        answers.append(RecordedAnswer(endpoint: id, tenant: reader.string("tenant"), path: path, query: reader.mapping("query").map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key, $0.value) }) } ?? [:],
                                      status: status, body: body, location: reader.location))
    }

    /// Nested records must point at a parent that exists in the same tenant.
    private func checkParents() {
        for tenantID in tenantOrder {
            guard let tenant = tenants[tenantID] else { continue }
            for (name, records) in tenant.data {
                guard let collection = contracts.collections[name], let parent = collection.parent,
                    let parentCollection = contracts.collections[parent.collection]
                else { continue }
                let parentIDs = Set((tenant.data[parent.collection]?.arrayValue ?? []).compactMap { $0[parentCollection.idField]?.stringValue })
                for record in records.arrayValue ?? [] {
                    guard let parentID = record[parent.field]?.stringValue, !parentIDs.contains(parentID) else { continue }
                    let location = seenData[tenantID + "/" + name] ?? SourceLocation(file: name, line: 1, column: 1)
                    diagnostics.error("\(tenantID).\(name): '\(record[collection.idField]?.stringValue ?? "?")' points at \(parent.collection) '\(parentID)', which is not in the fixtures", at: location)
                }
            }
        }
    }
}
