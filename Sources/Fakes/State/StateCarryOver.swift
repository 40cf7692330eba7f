import Contracts
import JSON

/// What a contracts reload (`serve --watch`) does to the state the app has built: the fixture
/// edits applied where the app has not touched a record, and every collection checked against
/// its new schema.
///
/// Fixtures are merged three ways per record — the old fixtures (the base), the state now (the
/// app's), the new fixtures (the edit): a record still as the old fixtures seeded it takes the
/// new fixtures' version (or goes, or appears); a record the app created or changed is kept.
/// Then a collection whose records its new schema no longer accepts is seeded afresh from the new
/// fixtures, and a collection the contracts no longer declare is emptied. Accounts and sessions
/// are kept; fixture users that are new are added.
///
/// ```swift
/// let notes = store.mutate { state in StateCarryOver.apply(to: &state, oldSeed: before, newSeed: after, contracts: next, previous: current) }
/// ```
public enum StateCarryOver {
    /// One thing the carry-over did, for the console.
    public struct Note: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            /// Records as the old fixtures seeded them took the new fixtures' version.
            case fixturesApplied(records: Int)
            /// The new schema refused records; the collection starts again from the new fixtures.
            case reseeded(refused: Int, of: Int, first: String)
            /// The contracts no longer declare the collection.
            case emptied(records: Int)
        }

        public var tenant: String
        public var collection: String
        public var kind: Kind

        public var description: String {
            switch kind {
            case .fixturesApplied(let records):
                "\(tenant): \(collection) — \(records) record\(records == 1 ? "" : "s") from the edited fixtures"
            case .reseeded(let refused, let total, let first):
                "\(tenant): \(collection) — \(refused) of \(total) records no longer match the schema (\(first)); seeded again from the fixtures"
            case .emptied(let records):
                "\(tenant): \(collection) — no longer declared; \(records) record\(records == 1 ? "" : "s") dropped"
            }
        }
    }

    public static func apply(
        to state: inout FakeState, oldSeed: FakeState, newSeed: FakeState, contracts: ContractSet, previous: ContractSet
    ) -> [Note] {
        var notes: [Note] = []
        let tenantIDs = Set(oldSeed.tenants.keys).union(newSeed.tenants.keys).sorted()
        for id in tenantIDs {
            guard let seeded = newSeed.tenants[id] else { continue }
            guard state.tenants[id] != nil else {
                state.tenants[id] = seeded   // a tenant new in the fixtures
                continue
            }
            let base = oldSeed.tenants[id] ?? TenantState(id: id, name: seeded.name)
            notes += merge(&state.tenants[id]!, base: base, edit: seeded)
            notes += check(&state.tenants[id]!, seed: seeded, contracts: contracts, previous: previous)
        }
        notes += merge(&state.global, base: oldSeed.global, edit: newSeed.global)
        notes += check(&state.global, seed: newSeed.global, contracts: contracts, previous: previous)
        for (id, account) in newSeed.accounts where state.accounts[id] == nil { state.accounts[id] = account }
        return notes
    }

    /// The three-way merge of one tenant's records and singletons.
    private static func merge(_ tenant: inout TenantState, base: TenantState, edit: TenantState) -> [Note] {
        var notes: [Note] = []
        let (baseRecords, baseSingletons) = base.contents
        let (editRecords, editSingletons) = edit.contents
        for name in Set(baseRecords.keys).union(editRecords.keys).sorted() {
            let before = Dictionary(baseRecords[name] ?? [], uniquingKeysWith: { first, _ in first })
            let after = editRecords[name] ?? []
            var applied = 0
            for (id, record) in after where before[id] != record && tenant.record(name, id: id) == before[id] {
                tenant.put(name, id: id, record)
                applied += 1
            }
            let kept = Set(after.map(\.id))
            for (id, record) in baseRecords[name] ?? [] where !kept.contains(id) && tenant.record(name, id: id) == record {
                tenant.remove(name, id: id)
                applied += 1
            }
            if applied > 0 { notes.append(Note(tenant: tenant.id, collection: name, kind: .fixturesApplied(records: applied))) }
        }
        for name in Set(baseSingletons.keys).union(editSingletons.keys).sorted() {
            let before = baseSingletons[name]
            let after = editSingletons[name]
            if before != after, tenant.singleton(name) == before {
                tenant.setSingleton(name, after)
                notes.append(Note(tenant: tenant.id, collection: name, kind: .fixturesApplied(records: 1)))
            }
        }
        return notes
    }

    /// Every collection of the tenant against its new declaration.
    private static func check(_ tenant: inout TenantState, seed: TenantState, contracts: ContractSet, previous: ContractSet) -> [Note] {
        var notes: [Note] = []
        let (records, singletons) = tenant.contents
        let (seedRecords, seedSingletons) = seed.contents
        for (name, items) in records.sorted(by: { $0.key < $1.key }) {
            guard let collection = contracts.collections[name] else {
                if previous.collections[name] != nil, !items.isEmpty {
                    tenant.replaceAll(name, with: [])
                    notes.append(Note(tenant: tenant.id, collection: name, kind: .emptied(records: items.count)))
                }
                continue
            }
            guard let schema = collection.schema else { continue }
            let refused = items.compactMap { item in schema.validate(item.record).first.map { (item.id, $0) } }
            guard let first = refused.first else { continue }
            tenant.replaceAll(name, with: seedRecords[name] ?? [])
            notes.append(Note(tenant: tenant.id, collection: name, kind: .reseeded(refused: refused.count, of: items.count, first: "\(first.0) \(first.1)")))
        }
        for (name, value) in singletons.sorted(by: { $0.key < $1.key }) {
            guard let collection = contracts.collections[name] else {
                if previous.collections[name] != nil {
                    tenant.setSingleton(name, nil)
                    notes.append(Note(tenant: tenant.id, collection: name, kind: .emptied(records: 1)))
                }
                continue
            }
            if let problem = collection.schema?.validate(value).first {
                tenant.setSingleton(name, seedSingletons[name])
                notes.append(Note(tenant: tenant.id, collection: name, kind: .reseeded(refused: 1, of: 1, first: problem.description)))
            }
        }
        return notes
    }
}
