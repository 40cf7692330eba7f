import Fakes
import JSON
import SQLiteNIO

extension SQLiteStateFile {
    /// Applies change sets in order, as one transaction.
    public func apply(_ batch: [StateChangeSet]) async throws {
        _ = try await connection.query("BEGIN IMMEDIATE")
        do {
            for changes in batch {
                if let snapshot = changes.snapshot { try await write(snapshot) }
                for tenant in changes.tenants { try await write(tenant.changes, tenant: tenant.id, name: tenant.name) }
                if let accounts = changes.accounts { try await write(accounts) }
                if let sessions = changes.sessions {
                    _ = try await connection.query(
                        "INSERT INTO sessions (id, body) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body",
                        [.text(StateCoding.encode(sessions).jsonString())])
                }
            }
            _ = try await connection.query("COMMIT")
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    private func write(_ state: FakeState) async throws {
        for table in ["tenants", "records", "accounts", "sessions", "meta"] {
            _ = try await connection.query("DELETE FROM \(table)")
        }
        _ = try await connection.query("INSERT INTO meta (key, value) VALUES ('scenario', ?)", [.text(state.scenario)])
        for tenant in state.tenants.values.sorted(by: { $0.id < $1.id }) + [state.global] {
            try await write(contentsOf: tenant)
        }
        try await write(Array(state.accounts.values))
        _ = try await connection.query("INSERT INTO sessions (id, body) VALUES (1, ?)", [.text(StateCoding.encode(state.sessions).jsonString())])
    }

    private func write(contentsOf tenant: TenantState) async throws {
        _ = try await connection.query("INSERT INTO tenants (id, name) VALUES (?, ?)", [.text(tenant.id), .text(tenant.name)])
        let contents = tenant.contents
        for (collection, records) in contents.records.sorted(by: { $0.key < $1.key }) {
            for (id, record) in records { try await put(tenant.id, collection, id, record) }
        }
        for (collection, record) in contents.singletons.sorted(by: { $0.key < $1.key }) {
            try await put(tenant.id, collection, "", record)
        }
    }

    private func write(_ changes: [RecordChange], tenant: String, name: String) async throws {
        _ = try await connection.query(
            "INSERT INTO tenants (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name", [.text(tenant), .text(name)])
        for change in changes {
            switch change {
            case .put(let collection, let id, let record):
                try await put(tenant, collection, id, record)
            case .remove(let collection, let id):
                _ = try await connection.query("DELETE FROM records WHERE tenant = ? AND collection = ? AND id = ?", [.text(tenant), .text(collection), .text(id)])
            case .replaceCollection(let collection, let records):
                _ = try await connection.query("DELETE FROM records WHERE tenant = ? AND collection = ? AND id <> ''", [.text(tenant), .text(collection)])
                for (id, record) in records { try await put(tenant, collection, id, record) }
            case .singleton(let collection, let record):
                if let record {
                    try await put(tenant, collection, "", record)
                } else {
                    _ = try await connection.query("DELETE FROM records WHERE tenant = ? AND collection = ? AND id = ''", [.text(tenant), .text(collection)])
                }
            case .renamed:
                continue
            }
        }
    }

    /// Insert keeps the row id (so the order) of an existing record; new records go last.
    private func put(_ tenant: String, _ collection: String, _ id: String, _ record: JSONValue) async throws {
        _ = try await connection.query(
            """
            INSERT INTO records (tenant, collection, id, body) VALUES (?, ?, ?, ?)
            ON CONFLICT(tenant, collection, id) DO UPDATE SET body = excluded.body
            """,
            [.text(tenant), .text(collection), .text(id), .text(record.jsonString())])
    }

    private func write(_ accounts: [Account]) async throws {
        _ = try await connection.query("DELETE FROM accounts")
        for account in accounts.sorted(by: { $0.id < $1.id }) {
            _ = try await connection.query("INSERT INTO accounts (id, body) VALUES (?, ?)", [.text(account.id), .text(StateCoding.encode(account).jsonString())])
        }
    }
}
