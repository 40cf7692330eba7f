import JSON

/// Everything one write changed: per-tenant record changes, and accounts or sessions when touched.
/// A `snapshot` replaces all of it (reset, scenario switch, first start).
public struct StateChangeSet: Sendable {
    public var tenants: [(id: String, name: String, changes: [RecordChange])] = []
    public var accounts: [Account]?
    public var sessions: SessionBook?
    public var snapshot: FakeState?

    public var isEmpty: Bool { tenants.isEmpty && accounts == nil && sessions == nil && snapshot == nil }
}

extension FakeState {
    /// Takes what changed since the last call (the journals of touched tenants, dirty accounts and sessions).
    mutating func drainChanges() -> StateChangeSet {
        var set = StateChangeSet()
        for id in tenants.keys where !(tenants[id]!.journal.isEmpty) {
            let changes = tenants[id]!.journal
            tenants[id]!.journal.removeAll(keepingCapacity: true)
            set.tenants.append((id, tenants[id]!.name, changes))
        }
        if !global.journal.isEmpty {
            set.tenants.append((global.id, global.name, global.journal))
            global.journal.removeAll(keepingCapacity: true)
        }
        if accountsChanged { set.accounts = Array(accounts.values); accountsChanged = false }
        if sessionsChanged { set.sessions = sessions; sessionsChanged = false }
        return set
    }

    /// Forgets what changed without building a change set: after a snapshot of the whole state,
    /// and after every write when nothing is durable (it runs inside the store lock).
    mutating func clearJournals() {
        for id in tenants.keys where !(tenants[id]!.journal.isEmpty) { tenants[id]!.journal.removeAll(keepingCapacity: true) }
        global.journal.removeAll(keepingCapacity: true)
        accountsChanged = false
        sessionsChanged = false
    }
}
