import Contracts
import Foundation
import JSON
import OrderedCollections

/// One evaluation of a view: select the records, order and page them, shape them, answer.
struct ViewRun {
    let view: FakeView
    let fake: FakeBehaviour
    let collections: [String: ResourceCollection]
    let query: [String: JSONValue]
    let envelope: EnvelopeConventions

    func answer(in base: ExpressionContext, status: Int) throws(FakeError) -> FakeResponse {
        var context = try checked(base)
        guard let from = view.from else { return respond(try select(in: context), status: status) }
        let answers = view.select != nil || view.choice != nil
        var records = context.records(of: from)
        if let one = view.one {
            let id = try one.evaluate(in: context)
            let idField = collections[from]?.idField ?? "id"
            let singleton = collections[from]?.singleton == true
            guard let record = records.first(where: { singleton || ValueComparison.same($0[idField] ?? .null, id) }),
                try keeps(record, in: context, filters: false)
            else { throw fake.refusal(404, default: .notFound(CollectionBehaviour.noun(from, in: collections))) }
            let shaped = try shape(record, in: context)
            context = context.focused(on: shaped)
            return respond(answers ? try select(in: context) : shaped, status: status)
        }
        var kept: [JSONValue] = []
        for record in records where try keeps(record, in: context, filters: true) { kept.append(record) }
        records = try order(kept, in: context)
        var pagination: JSONValue?
        if let page = view.page { (records, pagination) = page.slice(records, query: query) }
        var shaped: [JSONValue] = []
        for record in records { shaped.append(try shape(record, in: context)) }
        context.records = shaped
        let data = answers ? try select(in: context) : JSONValue.array(shaped)
        guard let pagination else { return respond(data, status: status) }
        return .json(envelope.page(data, pagination: pagination), status: status)
    }

    // MARK: Stages

    /// The context with `let` bound, once every requirement holds; the first that does not is the refusal.
    func checked(_ base: ExpressionContext) throws(FakeError) -> ExpressionContext {
        var context = base
        for binding in view.bindings { context.variables[binding.name] = try binding.value.evaluate(in: context) }
        for requirement in view.requirements where !(try requirement.condition.holds(in: context)) {
            if let field = requirement.field {
                throw FakeError(status: requirement.status, "Validation failed", code: requirement.code ?? "VALIDATION_ERROR", fieldErrors: [field: requirement.message])
            }
            throw FakeError(status: requirement.status, requirement.message, code: requirement.code)
        }
        return context
    }

    /// The view's conditions, and its filters whose query parameters were all sent.
    private func keeps(_ record: JSONValue, in context: ExpressionContext, filters: Bool) throws(FakeError) -> Bool {
        let inner = context.focused(on: record)
        for condition in view.conditions where !(try condition.holds(in: inner)) { return false }
        guard filters else { return true }
        for filter in view.filters where filter.parameters.allSatisfy(sent) {
            if !(try filter.condition.holds(in: inner)) { return false }
        }
        return true
    }

    private func sent(_ parameter: String) -> Bool {
        guard let value = query[parameter] else { return false }
        return value != .null && value != .string("") && value != .array([])
    }

    /// Stable multi-key order; missing values last whatever the direction.
    private func order(_ records: [JSONValue], in context: ExpressionContext) throws(FakeError) -> [JSONValue] {
        guard !view.sort.isEmpty else { return records }
        var keyed: [(offset: Int, keys: [JSONValue], record: JSONValue)] = []
        for (offset, record) in records.enumerated() {
            let inner = context.focused(on: record)
            var keys: [JSONValue] = []
            for key in view.sort { keys.append(try key.key.evaluate(in: inner)) }
            keyed.append((offset, keys, record))
        }
        keyed.sort { a, b in
            for (index, key) in view.sort.enumerated() {
                let order = compare(a.keys[index], b.keys[index], by: key)
                if order != .orderedSame { return order == .orderedAscending }
            }
            return a.offset < b.offset
        }
        return keyed.map(\.record)
    }

    private func compare(_ a: JSONValue, _ b: JSONValue, by key: FakeView.SortKey) -> ComparisonResult {
        if let values = key.values { return RecordOrdering.compare(a, b, in: values) }
        return RecordOrdering.compare(a, b, descending: key.descending)
    }

    /// The record with the view's fields set (in place when present, else appended) and omissions removed.
    private func shape(_ record: JSONValue, in context: ExpressionContext) throws(FakeError) -> JSONValue {
        guard !view.fields.isEmpty || !view.omit.isEmpty, var members = record.objectValue else { return record }
        let inner = context.focused(on: record)
        for (name, template) in view.fields { members[name] = try template.render(in: inner) }
        for name in view.omit { members.removeValue(forKey: name) }
        return .object(members)
    }

    private func select(in context: ExpressionContext) throws(FakeError) -> JSONValue {
        if let choice = view.choice {
            let key = ValueComparison.text(try choice.by.evaluate(in: context))
            guard let template = choice.cases[key] ?? choice.fallback else {
                throw .internalError("the view has no case for '\(key)' and no default")
            }
            return try template.render(in: context)
        }
        return try view.select?.render(in: context) ?? .null
    }

    private func respond(_ data: JSONValue, status: Int) -> FakeResponse {
        view.envelope ? .data(data, status: status, in: envelope) : .json(data, status: status)
    }
}
