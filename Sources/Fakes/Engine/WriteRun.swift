import CivilTime
import Contracts
import Foundation
import JSON
import OrderedCollections

/// One run of a `write` fake against a draft of the state: the steps in order, each evaluated
/// against the records as the steps before it left them. The caller keeps the draft only when
/// every step succeeded, so a refusal half way changes nothing.
struct WriteRun {
    let write: FakeWrite
    let collections: [String: ResourceCollection]
    let definitions: [String: FakeDefinition]
    let transitions: [String: [ContractSet.Transition]]
    let scope: TemplateScope
    private(set) var tenantID: String?
    let now: Date
    /// What the steps bound (`$name`).
    private(set) var variables: [String: JSONValue] = [:]
    /// Events to publish once the draft is kept.
    private(set) var events: [(event: String, channel: String, data: JSONValue)] = []
    /// Field errors of consecutive `require … field:` steps, reported together.
    private var fieldErrors: [String: String] = [:]
    private var fieldRefusal: FakeWrite.Refusal?
    private var fieldSummary: String?

    init(write: FakeWrite, contracts: ContractSet, request: FakeRequest, now: Date) {
        self.write = write
        self.collections = contracts.collections
        self.definitions = contracts.definitions
        self.transitions = contracts.transitionTable
        self.scope = TemplateScope(request: request, now: now)
        self.tenantID = request.caller?.tenantID
        self.now = now
    }

    mutating func run(on state: inout FakeState) throws(FakeError) -> JSONValue? {
        if let tenant = write.tenant {
            // Whose records: evaluated before any step, against the caller's (or no) records.
            let named = try tenant.evaluate(in: context(state))
            tenantID = named.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        }
        for step in write.steps {
            if case .require(_, let refusal) = step.action, refusal.field != nil {} else { try reportFieldErrors() }
            let items: [JSONValue?]
            if let each = step.each {
                let list = try each.evaluate(in: context(state))
                items = list.arrayValue ?? (list == .null ? [] : [list])
            } else {
                items = [nil]
            }
            var bound: [JSONValue] = []
            for (index, item) in items.enumerated() {
                var inner = context(state)
                if let item {
                    inner.variables["item"] = item
                    inner.variables["index"] = .integer(index)
                }
                if let when = step.when, !(try when.holds(in: inner)) { continue }
                bound += try perform(step.action, in: inner, on: &state)
            }
            if let name = step.binding ?? step.action.boundName {
                variables[name] = step.each == nil && step.action.bindsOneValue ? (bound.first ?? .null) : .array(bound)
            }
        }
        try reportFieldErrors()
        return try write.answer?.render(in: context(state))
    }

    /// The context of a step: the records as they stand, and what has been bound so far.
    private func context(_ state: FakeState) -> ExpressionContext {
        let tenant = tenantID.map { state.tenants[$0] ?? TenantState(id: $0, name: "") }
        var context = ExpressionContext(scope: scope, tenant: tenant, global: state.global, collections: collections)
        context.variables = variables
        context.definitions = definitions
        context.transitions = transitions
        return context
    }

    // MARK: Actions

    /// Performs one action for one item; answers the records (or value) it binds.
    private mutating func perform(_ action: FakeWrite.Action, in context: ExpressionContext, on state: inout FakeState) throws(FakeError) -> [JSONValue] {
        switch action {
        case .bind(_, let value):
            return [try value.evaluate(in: context)]
        case .require(let condition, let refusal):
            guard !(try condition.holds(in: context)) else { return [] }
            let message = ValueComparison.text(try refusal.message.render(in: context))
            guard let template = refusal.field else { throw FakeError(status: refusal.status, message, code: refusal.code) }
            let field = ValueComparison.text(try template.render(in: context))
            if fieldErrors[field] == nil { fieldErrors[field] = message }
            if fieldRefusal == nil || fieldRefusal?.code == nil {
                fieldRefusal = refusal
                fieldSummary = try refusal.summary.map { (summary) throws(FakeError) in ValueComparison.text(try summary.render(in: context)) }
            }
            return []
        case .create(let name, let value):
            let collection = try self.collection(name)
            var members = try value.render(in: context).objectValue ?? [:]
            if !collection.singleton {
                let given = members[collection.idField].flatMap { $0.recordKey?.isEmpty == false ? $0 : nil }
                let id = given ?? collection.newID(among: context.records(of: name))
                members.removeValue(forKey: collection.idField)
                members.updateValue(id, forKey: collection.idField, insertingAt: 0)
            }
            // Timestamps the value names are kept (a record written back keeps its history).
            if let fields = collection.timestamps {
                let time = JSONValue.string(now.rfc3339)
                if members[fields.created] == nil { members[fields.created] = time }
                if members[fields.updated] == nil { members[fields.updated] = time }
            }
            let record = JSONValue.object(members)
            try state.withScope(of: collection, tenantID: tenantID) { (records: inout TenantState) throws(FakeError) in
                if collection.singleton { records.setSingleton(name, record) } else {
                    records.put(name, id: members[collection.idField]?.recordKey ?? "", record)
                }
            }
            return [record]
        case .update(let name, let condition, let set, let unset):
            let collection = try self.collection(name)
            var changed: [JSONValue] = []
            for record in context.records(of: name) {
                let focused = context.focused(on: record)
                guard try condition.holds(in: focused), var members = record.objectValue else { continue }
                for (key, value) in try set.render(in: focused).objectValue ?? [:] where key != collection.idField { members[key] = value }
                for key in unset { members.removeValue(forKey: key) }
                collection.stamp(&members, created: false, now: now)
                changed.append(.object(members))
            }
            try state.withScope(of: collection, tenantID: tenantID) { (records: inout TenantState) throws(FakeError) in
                for record in changed {
                    if collection.singleton { records.setSingleton(name, record) } else {
                        records.put(name, id: record[collection.idField]?.recordKey ?? "", record)
                    }
                }
            }
            return changed
        case .delete(let name, let condition):
            let collection = try self.collection(name)
            var removed: [JSONValue] = []
            for record in context.records(of: name) where try condition.holds(in: context.focused(on: record)) { removed.append(record) }
            try state.withScope(of: collection, tenantID: tenantID) { (records: inout TenantState) throws(FakeError) in
                for record in removed {
                    if collection.singleton { records.setSingleton(name, nil); continue }
                    let id = record[collection.idField]?.recordKey ?? ""
                    records.removeCascading(name, id: id, collections: collections)
                }
            }
            return removed
        case .emit(let event, let channel, let data):
            let payload = try data?.render(in: context) ?? context.variables["item"] ?? .null
            events.append((event, ValueComparison.text(try channel.render(in: context)), payload))
            return [payload]
        }
    }

    private func collection(_ name: String) throws(FakeError) -> ResourceCollection {
        guard let collection = collections[name] else { throw .internalError("write names no known collection '\(name)'") }
        return collection
    }

    /// The gathered field errors as one validation refusal, at the first step that is not a field check.
    private mutating func reportFieldErrors() throws(FakeError) {
        guard !fieldErrors.isEmpty, let refusal = fieldRefusal else { return }
        throw FakeError(status: refusal.status, fieldSummary ?? "Validation failed",
                        code: refusal.code ?? (refusal.status == 422 ? "VALIDATION_ERROR" : nil), fieldErrors: fieldErrors)
    }
}
