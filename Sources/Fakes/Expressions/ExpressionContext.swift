import Contracts
import Foundation
import JSON

/// What an expression is evaluated against: the request, the caller's tenant (read only), the
/// global records, and the records bare names and `record` stand for.
struct ExpressionContext {
    let scope: TemplateScope
    let tenant: TenantState?
    let global: TenantState
    let collections: [String: ResourceCollection]
    /// `record`: the record being answered.
    var record: JSONValue = .null
    /// Bare names: the candidate inside a filter, else `record`.
    var current: JSONValue = .null
    /// `outer`: the current record one filter up.
    var outer: JSONValue = .null
    /// `records`: a view's filtered, ordered records.
    var records: [JSONValue] = []
    /// `$name`: values bound by `let`, a write step's `as`, and `each`'s `$item`.
    var variables: [String: JSONValue] = [:]
    /// The contracts' definitions, for calls of them.
    var definitions: [String: FakeDefinition] = [:]
    /// The transition fakes' moves by `collection.field`, for `allowsTransition`.
    var transitions: [String: [ContractSet.Transition]] = [:]

    /// The context a definition's body runs in: the same records and day, its parameters bound,
    /// no record, no bare names.
    func calling(_ definition: FakeDefinition, with arguments: [JSONValue]) -> ExpressionContext {
        var copy = self
        copy.record = .null
        copy.current = .null
        copy.outer = .null
        copy.records = []
        copy.variables = Dictionary(uniqueKeysWithValues: zip(definition.parameters, arguments))
        return copy
    }

    /// The records of a collection in the caller's tenant, or the global ones; a singleton is a
    /// list of zero or one.
    func records(of name: String) -> [JSONValue] {
        guard let collection = collections[name] else { return [] }
        let holder = collection.global ? global : tenant
        guard let holder else { return [] }
        if collection.singleton { return holder.singleton(name).map { [$0] } ?? [] }
        return holder.all(name)
    }

    /// The context of one of a view's records: it is both `record` and the bare names.
    func focused(on record: JSONValue) -> ExpressionContext {
        var copy = self
        copy.record = record
        copy.current = record
        return copy
    }

    func with(current value: JSONValue) -> ExpressionContext {
        var copy = self
        copy.outer = current
        copy.current = value
        return copy
    }
}
