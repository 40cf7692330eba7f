import Contracts
import Foundation
import JSON

/// Everything the fakes know at one moment: the scenario's tenants, global catalogs, accounts and sessions.
public struct FakeState: Sendable {
    public var scenario: String
    public var tenants: [String: TenantState]
    /// Collections declared `global: true` (catalogs every tenant shares).
    public var global: TenantState
    public var accounts: [String: Account] { didSet { accountsChanged = true } }
    public var sessions: SessionBook { didSet { sessionsChanged = true } }
    var accountsChanged = false
    var sessionsChanged = false
    /// Each tenant's revision as the scenario seeded it ("global" for the global records): while
    /// a tenant still has it, the scenario's recorded answers stand for its reads.
    public var seededRevisions: [String: Int] = [:]

    /// Whether `tenant` (nil: the global records) is still exactly as seeded.
    public func isAsSeeded(_ tenant: String?) -> Bool {
        guard let tenant else { return seededRevisions["global"] == global.revision }
        return tenants[tenant].map { seededRevisions[tenant] == $0.revision } ?? false
    }

    public init(scenario: String, tenants: [String: TenantState], global: TenantState, accounts: [String: Account]) {
        self.scenario = scenario
        self.tenants = tenants
        self.global = global
        self.accounts = accounts
        self.sessions = SessionBook()
    }

    public func account(email: String) -> Account? {
        let wanted = email.lowercased()
        return accounts.values.first { $0.email.lowercased() == wanted }
    }

    /// The state a scenario starts from.
    public static func seed(_ scenario: Scenario, contracts: ContractSet) -> FakeState {
        var tenants: [String: TenantState] = [:]
        for fixture in scenario.tenants {
            var tenant = TenantState(id: fixture.id, name: fixture.name)
            for (name, records) in fixture.data {
                load(records, into: &tenant, collection: contracts.collections[name], name: name)
            }
            tenants[fixture.id] = tenant
        }
        var global = TenantState(id: "global", name: "global")
        for (name, records) in scenario.global {
            load(records, into: &global, collection: contracts.collections[name], name: name)
        }
        var accounts: [String: Account] = [:]
        for user in scenario.users {
            accounts[user.id] = Account(
                id: user.id, email: user.email, password: user.password, tenantID: user.tenant, roles: user.roles,
                status: user.profile["status"]?.stringValue == "pending_verification" ? .pendingVerification : .active)
        }
        var state = FakeState(scenario: scenario.name, tenants: tenants, global: global, accounts: accounts)
        if !scenario.answers.isEmpty {
            state.seededRevisions = tenants.mapValues(\.revision)
            state.seededRevisions["global"] = global.revision
        }
        for user in scenario.users {
            for seeded in user.emailTokens {
                guard let kind = SessionBook.EmailToken.Kind(rawValue: seeded.kind) else { continue }
                state.sessions.emailTokens[seeded.token] = .init(kind: kind, userID: user.id, expires: .distantFuture, used: false)
            }
        }
        return state
    }

    private static func load(_ records: JSONValue, into tenant: inout TenantState, collection: ResourceCollection?, name: String) {
        if collection?.singleton == true {
            tenant.setSingleton(name, records)
            return
        }
        let idField = collection?.idField ?? "id"
        for record in records.arrayValue ?? [] {
            guard let id = record[idField]?.recordKey else { continue }
            tenant.put(name, id: id, record)
        }
    }

    /// A tenant created at runtime (registration) starts with copies of the system records
    /// (`isSystem: true`, such as issue types and statuses) of the scenario's tenants.
    public mutating func addTenant(id: String, name: String) {
        var tenant = TenantState(id: id, name: name)
        for source in tenants.values.sorted(by: { $0.id < $1.id }) {
            for collection in source.collectionNames {
                for record in source.all(collection) where record["isSystem"] == .bool(true) {
                    if let recordID = record["id"]?.stringValue, tenant.record(collection, id: recordID) == nil {
                        tenant.put(collection, id: recordID, record)
                    }
                }
            }
        }
        tenant.name = name
        tenants[id] = tenant
    }
}
