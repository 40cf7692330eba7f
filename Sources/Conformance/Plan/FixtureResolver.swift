import Contracts
import JSON

/// Picks real ids for path parameters from a scenario's records of the logged-in tenant — never made up.
///
/// `{goalId}` → the first `goals` record; `{id}` → the collection named by the literal segment before
/// it (`/goals/{id}` → `goals`); services.yaml's account parameter (`{userId}`) and
/// `/ACCOUNTS/{id}` → the logged-in user; its tenancy parameter (`{tenantId}`) → the tenant.
public struct FixtureResolver: Sendable {
    public var scenario: Scenario?
    public var collections: [String: ResourceCollection]
    public var tenantID: String?
    public var userID: String?
    /// The conventions that name the tenant and the signed-in user in a path.
    public var conventions: Conventions

    public init(scenario: Scenario?, collections: [String: ResourceCollection], tenantID: String?, userID: String?, conventions: Conventions = Conventions()) {
        self.scenario = scenario
        self.collections = collections
        self.tenantID = tenantID
        self.userID = userID
        self.conventions = conventions
    }

    /// Every parameter of `template` resolved, or why one cannot be.
    /// The endpoint's path resolved from the fixtures, a declared parameter's example where no
    /// record names a value (`pathParameters:`).
    public func resolve(_ endpoint: Endpoint) -> Result<[String: String], ResolveFailure> {
        var examples: [String: String] = [:]
        for parameter in endpoint.pathParameters {
            if let example = parameter.example.flatMap({ $0.stringValue ?? $0.intValue.map(String.init) }) { examples[parameter.name] = example }
        }
        return resolve(endpoint.path, examples: examples)
    }

    public func resolve(_ template: PathTemplate, examples: [String: String] = [:]) -> Result<[String: String], ResolveFailure> {
        var values: [String: String] = [:]
        var previousLiteral: String?
        for segment in template.segments {
            switch segment {
            case .literal(let text): previousLiteral = text
            case .parameter(let name, _, _):
                guard let value = value(for: name, after: previousLiteral, resolved: values) ?? examples[name] else {
                    return .failure(ResolveFailure(message: "no fixture record for path parameter {\(name)} of \(template)"))
                }
                values[name] = value
            }
        }
        return .success(values)
    }

    /// `goal` → `goals`, `strategy` → `strategies`.
    static func plural(_ word: String) -> String {
        word.hasSuffix("y") ? word.dropLast() + "ies" : word + "s"
    }

    private func value(for name: String, after literal: String?, resolved: [String: String]) -> String? {
        if name == conventions.tenancy?.parameter { return tenantID }
        let accounts = conventions.sessions
        if name == accounts?.accountParameter || (name == "id" && literal != nil && literal == accounts?.accountCollection) { return userID }
        // A collection that declares the parameter (`parameters: [typeId]`), else the naming convention.
        let collection: String? =
            if let declared = collections.values.first(where: { $0.parameters.contains(name) }) { declared.name }
            else if name == "id" { literal }
            else if name.hasSuffix("Id") { Self.plural(String(name.dropLast(2))) }
            else { nil }
        guard let collection else { return nil }
        return firstID(in: collection, resolved: resolved)
    }

    /// The first record's id; for a nested collection, the first child of an already-resolved parent.
    private func firstID(in name: String, resolved: [String: String]) -> String? {
        let collection = collections[name]
        // A global collection's records are everyone's; a per-tenant one's are the signed-in tenant's.
        let seeded: JSONValue? =
            if collection?.global == true { scenario?.global[name] }
            else if let tenantID { scenario?.tenant(tenantID)?.data[name] }
            else { nil }
        guard let records = seeded?.arrayValue else { return nil }
        let idField = collection?.idField ?? "id"
        var candidates = records
        if let parent = collection?.parent, let parentID = resolved[parent.field] ?? resolved[parent.collection.dropLastS + "Id"] {
            candidates = records.filter { $0[parent.field]?.recordKey == parentID }
        }
        return candidates.first?[idField]?.recordKey
    }
}

extension String {
    /// `goals` → `goal`: the singular a `{goalId}` parameter is named after.
    var dropLastS: String { hasSuffix("ies") ? dropLast(3) + "y" : hasSuffix("s") ? String(dropLast()) : self }
}
