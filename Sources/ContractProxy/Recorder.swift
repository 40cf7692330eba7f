import Conformance
import Contracts
import Foundation
import JSON
import MockServer
import NIOCore
import OrderedCollections
import Synchronization

/// `proxy --record DIR`: the records the real answers show — per tenant, per collection, keyed by
/// id; list, get, create and update answers all contribute, a later answer replacing an earlier
/// one — and the users who signed in, written as a fixtures scenario (`DIR/recorded/`) that
/// `serve --scenario recorded --fixtures DIR` answers from.
///
/// Nothing secret is written: emails become `user-N@recorded.invalid` (the same address everywhere
/// it appears), every string under a key naming a password, token or secret becomes `redacted`, a
/// JWT anywhere becomes `redacted-token`, and the users sign in with the password
/// `Recorded-Password-1`.
public final class Recorder: Sendable {
    public static let password = "Recorded-Password-1"
    public static let scenario = "recorded"

    struct User {
        var id: String
        var tenant: String
        var email: String?
        var roles: [String]
        var profile: JSONValue?
    }

    struct State {
        var records: OrderedDictionary<String, OrderedDictionary<String, OrderedDictionary<String, JSONValue>>> = [:]
        var singletons: OrderedDictionary<String, OrderedDictionary<String, JSONValue>> = [:]
        var users: OrderedDictionary<String, User> = [:]
        var tenantNames: [String: String] = [:]
        var answers: [RecordedAnswer] = []
    }

    let contracts: ContractSet
    private let state = Mutex(State())

    init(contracts: ContractSet) {
        self.contracts = contracts
    }

    /// Keeps what a 2xx JSON answer of `endpoint` shows.
    func observe(_ answer: HTTPAnswer, endpoint: Endpoint, request: ProxiedRequest, path: [String: String], query: [String: JSONValue]) {
        guard (200..<300).contains(answer.status), answer.mediaType?.contains("json") == true,
              let body = try? JSONParser.parse(answer.body)
        else { return }
        let conventions = contracts.conventions
        if let login = conventions.sessions?.login, login.endpoint == endpoint.id || conventions.sessions?.refresh?.endpoint == endpoint.id {
            signedIn(body)
            return
        }
        // Every read, verbatim, for `serve` to answer while the tenant is as recorded.
        if endpoint.method == .GET {
            let tenant = endpoint.auth.isProtected ? self.tenant(of: request) : nil
            let recorded = RecordedAnswer(endpoint: endpoint.id, tenant: tenant, path: path, query: query, status: answer.status, body: body,
                                          location: SourceLocation(file: "proxy", line: 1, column: 1))
            state.withLock { state in
                state.answers.removeAll { $0.answers(endpoint.id, tenant: tenant, path: path, query: query) }
                state.answers.append(recorded)
            }
        }
        guard let name = Self.collection(of: endpoint), let collection = contracts.collections[name],
              let data = conventions.envelope.data(of: body)
        else { return }
        let tenant = collection.global ? "" : tenant(of: request) ?? "tenant_recorded"
        state.withLock { state in
            if collection.singleton {
                if case .object = data { state.singletons[tenant, default: [:]][name] = data }
                return
            }
            for record in data.arrayValue ?? [data] {
                guard let id = record[collection.idField]?.recordKey else { continue }
                state.records[tenant, default: [:]][name, default: [:]][id] = record
            }
        }
    }

    /// The collection an endpoint's answer is records of: what its fake reads or writes.
    static func collection(of endpoint: Endpoint) -> String? {
        guard let kind = endpoint.fake?.kind else { return nil }
        switch kind {
        case .list(let name), .get(let name), .create(let name), .update(let name), .transition(let name), .merge(let name): return name
        case .view(let from): return from
        default: return nil
        }
    }

    private func tenant(of request: ProxiedRequest) -> String? {
        if let tenancy = contracts.conventions.tenancy {
            if let value = request.header(tenancy.header), !value.isEmpty { return value }
            if let query = tenancy.query, let value = Self.query(query, in: request.query) { return value }
        }
        let credentials = contracts.conventions.credentials
        let header = request.header(credentials.header)
        let token = header.map { $0.hasPrefix(credentials.scheme + " ") ? String($0.dropFirst(credentials.scheme.count + 1)) : $0 }
            ?? Self.query(credentials.query, in: request.query)
        return token.flatMap(UnverifiedClaims.of)?["tenant"]?.stringValue
    }

    /// A login or refresh answer: who signed in, in which tenant, with the profile it shows.
    private func signedIn(_ body: JSONValue) {
        guard let tokens = contracts.conventions.sessions else { return }
        let access = body.value(at: tokens.access)?.stringValue
        let claims = access.flatMap(UnverifiedClaims.of)
        guard let user = tokens.user.flatMap({ body.value(at: $0)?.stringValue }) ?? claims?["sub"]?.stringValue,
              let tenant = tokens.tenant.flatMap({ body.value(at: $0)?.stringValue }) ?? claims?["tenant"]?.stringValue
        else { return }
        let profile = tokens.user?.parent.flatMap { body.value(at: $0) }
        let tenantName = tokens.tenant?.parent.flatMap { body.value(at: $0)?["name"]?.stringValue }
        state.withLock { state in
            state.users[user] = User(id: user, tenant: tenant, email: profile?["email"]?.stringValue ?? claims?["email"]?.stringValue,
                                     roles: claims?["roles"]?.arrayValue?.compactMap(\.stringValue) ?? [], profile: profile)
            if let tenantName { state.tenantNames[tenant] = tenantName }
        }
    }

    static func query(_ name: String, in query: Substring?) -> String? {
        QueryString.parse(query).first { $0.0 == name }?.1
    }

    /// How many records (and users) are kept so far.
    public var count: Int {
        state.withLock { $0.records.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } } + $0.singletons.values.reduce(0) { $0 + $1.count } + $0.users.count }
    }

    /// Writes `DIR/recorded/scenario.yaml` and `records.yaml`; answers the files written.
    public func write(to directory: String) throws -> [String] {
        let (scenario, records, dropped) = state.withLock { state in RecordingFiles(state: state, contracts: contracts).documents() }
        let folder = (directory as NSString).appendingPathComponent(Self.scenario)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written: [String] = []
        let left = dropped.isEmpty ? "" : "# Left out (\(dropped.count)):\n" + dropped.map { "#   \($0)\n" }.joined()
        for (name, value) in [("scenario.yaml", scenario), ("records.yaml", records)] {
            let path = (folder as NSString).appendingPathComponent(name)
            let text = "# Recorded through `understudy proxy --record` (docs/proxy.md): emails, tokens and passwords replaced.\n"
                + (name == "records.yaml" ? left : "") + (try YAMLText.write(value))
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            written.append(path)
        }
        return written
    }
}
