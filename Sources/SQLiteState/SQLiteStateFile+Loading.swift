import Fakes
import JSON
import SQLiteNIO

extension SQLiteStateFile {
    /// The state the file holds, or nil for a new (empty) file.
    public func load() async throws(StateFileError) -> FakeState? {
        do {
            guard let scenario = try await connection.query("SELECT value FROM meta WHERE key = 'scenario'").first?.column("value")?.string else {
                return nil
            }
            var tenants: [String: TenantState] = [:]
            for row in try await connection.query("SELECT id, name FROM tenants") {
                guard let id = row.column("id")?.string else { continue }
                tenants[id] = TenantState(id: id, name: row.column("name")?.string ?? id)
            }
            for row in try await connection.query("SELECT tenant, collection, id, body FROM records ORDER BY rowid") {
                guard let tenant = row.column("tenant")?.string, let collection = row.column("collection")?.string,
                    let id = row.column("id")?.string, let text = row.column("body")?.string
                else { continue }
                let record = try JSONParser.parse(text)
                if id.isEmpty { tenants[tenant]?.setSingleton(collection, record) } else { tenants[tenant]?.put(collection, id: id, record) }
            }
            var accounts: [String: Account] = [:]
            for row in try await connection.query("SELECT body FROM accounts") {
                guard let text = row.column("body")?.string, let account = StateCoding.decodeAccount(try JSONParser.parse(text)) else { continue }
                accounts[account.id] = account
            }
            let global = tenants.removeValue(forKey: "global") ?? TenantState(id: "global", name: "global")
            var state = FakeState(scenario: scenario, tenants: tenants, global: global, accounts: accounts)
            if let text = try await connection.query("SELECT body FROM sessions WHERE id = 1").first?.column("body")?.string {
                state.sessions = StateCoding.decodeSessions(try JSONParser.parse(text))
            }
            return state
        } catch {
            throw StateFileError(path: path, reason: "cannot be read: \(Self.describe(error))")
        }
    }
}
