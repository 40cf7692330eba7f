import Contracts
import Foundation
import JSON
import OrderedCollections

/// One run of a declarative kind against one tenant's records. Checks first, then writes.
struct CollectionBehaviour {
    let engine: FakeEngine
    let fake: FakeBehaviour
    let request: FakeRequest
    let collection: ResourceCollection
    let now: Date
    /// What the options' templates render in: the request, and `record` once there is one.
    var context: ExpressionContext
    /// The `id` template rendered (it reads the request only).
    private let templatedID: String?
    /// A create's record as far as the request alone decides it: defaults, body and `set` read the
    /// request, never the state, so they are rendered here, before the store lock is taken, and
    /// the lock covers only the parent check and the insert. Empty for the other kinds.
    private let draft: OrderedDictionary<String, JSONValue>
    /// The global records, for a per-tenant collection whose parent is global: handed in by the
    /// caller that holds the store's lock (reading the store again from inside it would deadlock).
    var globalRecords: TenantState?

    /// Whether the parent check reads the global records while the tenant's are being changed.
    var needsGlobalRecords: Bool {
        guard let parent = fake.parent, !collection.global else { return false }
        return engine.contracts.collections[parent.collection]?.global == true
    }

    init(engine: FakeEngine, fake: FakeBehaviour, request: FakeRequest, collection: ResourceCollection, now: Date) throws(FakeError) {
        self.engine = engine
        self.fake = fake
        self.request = request
        self.collection = collection
        self.now = now
        // Templates read the request and the record, never other records (the tenant is being
        // changed under the lock).
        var context = engine.requestContext(request, now: now)
        var members: OrderedDictionary<String, JSONValue> = [:]
        if case .create = fake.kind {
            members = try fake.templates.defaults?.render(in: context).objectValue ?? [:]
            for (key, value) in request.body?.objectValue ?? [:] { members[key] = value }
            context = context.focused(on: .object(members))
            for (key, value) in try Self.renderedSet(of: fake, in: context) { members[key] = value }
        }
        templatedID = try fake.templates.id.map { (template) throws(FakeError) in ValueComparison.text(try template.render(in: context)) }
        self.context = context
        draft = members
    }

    var name: String { collection.name }

    mutating func run(in tenant: inout TenantState) throws(FakeError) -> JSONValue {
        switch fake.kind {
        case .list: return .array(try list(tenant))
        case .get: return try existing(tenant)
        case .create: return try create(&tenant)
        case .update: return try update(&tenant)
        case .delete: return try delete(&tenant)
        case .transition: return try transition(&tenant)
        case .merge: return try merge(&tenant)
        case .respond, .builtin, .view, .write, .stream: throw .internalError("not a collection behaviour")
        }
    }

    // MARK: Reading

    private func list(_ tenant: TenantState) throws(FakeError) -> [JSONValue] {
        var records = collection.singleton ? (tenant.singleton(name).map { [$0] } ?? []) : tenant.all(name)
        if let (field, parentID) = try parentConstraint(tenant) {
            records = records.filter { $0[field]?.recordKey == parentID }
        }
        for (field, template) in fake.templates.filter {
            let wanted = try template.render(in: context)
            if wanted == .null || wanted == .string("") { continue }
            let path = JSONPointer(tokens: field.split(separator: ".").map(String.init))
            records = records.filter { record in
                guard let value = record.value(at: path) else { return false }
                return Self.matches(value, wanted)
            }
        }
        return records
    }

    /// Equality by text, and membership when the record's field or the wanted value is a list.
    static func matches(_ value: JSONValue, _ wanted: JSONValue) -> Bool {
        switch (value, wanted) {
        case (.array(let items), _): return items.contains { matches($0, wanted) }
        case (_, .array(let options)): return options.contains { matches(value, $0) }
        case (_, .string(let text)) where text.contains(","):
            return text.split(separator: ",").contains { matches(value, .string(String($0))) }
        default: return text(value) == text(wanted)
        }
    }

    private static func text(_ value: JSONValue) -> String { value.stringValue ?? value.jsonString() }

    /// The id of the record `match` found.
    private var matchedID: String?

    private var recordID: String {
        if let matchedID { return matchedID }
        if let templatedID { return templatedID }
        guard let last = request.endpoint.path.parameterNames.last else { return "" }
        return request.pathParameters[last] ?? ""
    }

    /// The parent's id field and id when the behaviour is nested; 404 when the parent is missing.
    private func parentConstraint(_ tenant: TenantState) throws(FakeError) -> (field: String, id: String)? {
        guard let parent = fake.parent else { return nil }
        let parentID = ValueComparison.text(try parent.id.render(in: context))
        let parentCollection = engine.contracts.collections[parent.collection]
        // A global collection's own records are `tenant` here; a per-tenant child of a global parent
        // reads the snapshot its caller took inside the lock.
        let holder = parentCollection?.global == true && !collection.global ? globalRecords : tenant
        let exists = holder?.record(parent.collection, id: parentID) != nil
        guard exists else { throw fake.refusal(404, default: .notFound(Self.noun(parent.collection, in: engine.contracts.collections), code: "NOT_FOUND")) }
        let field = collection.parent?.field ?? (parent.collection.hasSuffix("s") ? String(parent.collection.dropLast()) + "Id" : parent.collection + "Id")
        return (field, parentID)
    }

    private mutating func existing(_ tenant: TenantState) throws(FakeError) -> JSONValue {
        let parent = try parentConstraint(tenant)
        if collection.singleton {
            guard let record = tenant.singleton(name) else { throw fake.refusal(404, default: .notFound(Self.noun(name, in: engine.contracts.collections))) }
            return record
        }
        if let match = fake.match {
            // The condition sees the record and the request only (no other collections): the
            // tenant is being changed under the lock, and a second reference would copy it.
            var context = self.context
            context.definitions = engine.contracts.definitions
            for record in tenant.all(name) where parent.map({ record[$0.field]?.recordKey == $0.id }) ?? true {
                guard try match.holds(in: context.focused(on: record)) else { continue }
                matchedID = record[collection.idField]?.recordKey
                return record
            }
            throw fake.refusal(404, default: .notFound(Self.noun(name, in: engine.contracts.collections)))
        }
        guard let record = tenant.record(name, id: recordID), parent.map({ record[$0.field]?.recordKey == $0.id }) ?? true else {
            throw fake.refusal(404, default: .notFound(Self.noun(name, in: engine.contracts.collections)))
        }
        return record
    }

    // MARK: Writing

    private mutating func create(_ tenant: inout TenantState) throws(FakeError) -> JSONValue {
        let parent = try parentConstraint(tenant)
        var members = draft
        if let parent { members[parent.field] = .string(parent.id) }
        let newID = collection.newID(among: tenant.all(name))
        let id = newID.recordKey ?? ""
        if !collection.singleton {
            members.removeValue(forKey: collection.idField)
            members.updateValue(newID, forKey: collection.idField, insertingAt: 0)
        }
        stamp(&members, created: true)
        let record = JSONValue.object(members)
        if collection.singleton { tenant.setSingleton(name, record) } else { tenant.put(name, id: id, record) }
        return record
    }

    private mutating func update(_ tenant: inout TenantState) throws(FakeError) -> JSONValue {
        var record: JSONValue
        if collection.singleton {
            record = tenant.singleton(name) ?? .object([:])
        } else {
            record = try existing(tenant)
        }
        var members = record.objectValue ?? [:]
        for (key, value) in request.body?.objectValue ?? [:] where key != collection.idField {
            if value == .null { members.removeValue(forKey: key) } else { members[key] = value }
        }
        context = context.focused(on: .object(members))
        for (key, value) in try Self.renderedSet(of: fake, in: context) { members[key] = value }
        stamp(&members, created: false)
        record = .object(members)
        if collection.singleton { tenant.setSingleton(name, record) } else { tenant.put(name, id: recordID, record) }
        return record
    }

    private mutating func delete(_ tenant: inout TenantState) throws(FakeError) -> JSONValue {
        let record = try existing(tenant)
        if collection.singleton {
            tenant.setSingleton(name, nil)
        } else {
            tenant.removeCascading(name, id: recordID, collections: engine.contracts.collections)
        }
        return record
    }

    private mutating func transition(_ tenant: inout TenantState) throws(FakeError) -> JSONValue {
        var members = try existing(tenant).objectValue ?? [:]
        let field = fake.field ?? "status"
        let current = members[field] ?? .null
        let target = try fake.templates.to?.render(in: context.focused(on: .object(members))) ?? .null
        if !fake.from.isEmpty, !fake.from.contains(current), EngineBends.current.enforcesTransitions {
            let message = "Cannot move \(Self.noun(name, in: engine.contracts.collections).lowercased()) from \(current.stringValue ?? current.jsonString()) to \(target.stringValue ?? target.jsonString())"
            throw fake.refusal(422, default: FakeError(status: 422, message, code: "INVALID_STATUS_TRANSITION"))
        }
        members[field] = target
        context = context.focused(on: .object(members))
        for (key, value) in try Self.renderedSet(of: fake, in: context) { members[key] = value }
        stamp(&members, created: false)
        let record = JSONValue.object(members)
        tenant.put(name, id: recordID, record)
        return record
    }

    /// The documented smart merge: with id → update, without → create, missing → delete.
    private mutating func merge(_ tenant: inout TenantState) throws(FakeError) -> JSONValue {
        let field = fake.field ?? name
        let items = (request.body?[field] ?? request.body)?.arrayValue ?? []
        var problems: [String: String] = [:]
        for (index, item) in items.enumerated() {
            if let id = item[collection.idField]?.recordKey, tenant.record(name, id: id) == nil {
                problems["\(field).\(index).\(collection.idField)"] = "no \(Self.noun(name, in: engine.contracts.collections).lowercased()) with id '\(id)'"
            }
        }
        guard problems.isEmpty else { throw .validation(problems) }
        var merged: [(id: String, record: JSONValue)] = []
        for item in items {
            var members = item.objectValue ?? [:]
            if let id = members[collection.idField]?.recordKey, var existing = tenant.record(name, id: id)?.objectValue {
                for (key, value) in members { existing[key] = value }
                stamp(&existing, created: false)
                merged.append((id, .object(existing)))
            } else {
                let newID = collection.newID(among: tenant.all(name) + merged.map(\.1))
                let id = newID.recordKey ?? ""
                members.removeValue(forKey: collection.idField)
                members.updateValue(newID, forKey: collection.idField, insertingAt: 0)
                stamp(&members, created: true)
                merged.append((id, .object(members)))
            }
        }
        tenant.replaceAll(name, with: merged)
        return .array(merged.map(\.record))
    }

    // MARK: Helpers

    private static func renderedSet(of fake: FakeBehaviour, in context: ExpressionContext) throws(FakeError) -> OrderedDictionary<String, JSONValue> {
        try fake.templates.set?.render(in: context).objectValue ?? [:]
    }

    private func stamp(_ members: inout OrderedDictionary<String, JSONValue>, created: Bool) {
        collection.stamp(&members, created: created, now: now)
    }

    /// The collection's declared `noun`, else `goals` → `Goal`, for messages.
    static func noun(_ collection: String, in collections: [String: ResourceCollection]) -> String {
        if let noun = collections[collection]?.noun { return noun }
        var word = collection
        if word.hasSuffix("ies") { word = String(word.dropLast(3)) + "y" } else if word.hasSuffix("s") { word = String(word.dropLast()) }
        return word.prefix(1).uppercased() + word.dropFirst()
    }
}
