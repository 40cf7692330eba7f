/// How many endpoints answer declaratively and which still answer through builtins — what
/// `understudy lint --builtins` prints, so the port off Swift can be measured.
///
/// ```swift
/// let census = BuiltinCensus(contracts, catalog: registry.catalog)
/// census.declarative.count   // endpoints answered by list/get/…/view/respond or by their example
/// census.byBuiltin["login"]  // the endpoints that name `builtin: login`
/// ```
public struct BuiltinCensus: Sendable {
    public let declarative: [Endpoint]
    /// Builtin name → the endpoints naming it, in the contracts' order.
    public let byBuiltin: [String: [Endpoint]]
    public let total: Int

    /// What each builtin does, for the listing.
    public let catalog: BuiltinCatalog

    public init(_ contracts: ContractSet, catalog: BuiltinCatalog = BuiltinCatalog()) {
        self.catalog = catalog
        var declarative: [Endpoint] = []
        var byBuiltin: [String: [Endpoint]] = [:]
        for endpoint in contracts.endpoints {
            if case .builtin(let name) = endpoint.fake?.kind { byBuiltin[name, default: []].append(endpoint) } else { declarative.append(endpoint) }
        }
        self.declarative = declarative
        self.byBuiltin = byBuiltin
        total = contracts.endpoints.count
    }

    /// One line per builtin in use (name, endpoints, what it does), then the count.
    public var lines: [String] {
        var lines = byBuiltin.keys.sorted().map { name in
            let endpoints = byBuiltin[name]!.map(\.id).joined(separator: ", ")
            return "\(name)\t\(endpoints)\t\(catalog.description(of: name) ?? "")"
        }
        let builtinEndpoints = total - declarative.count
        lines.append("declarative: \(declarative.count) of \(total) endpoints; builtins: \(builtinEndpoints) endpoint\(builtinEndpoints == 1 ? "" : "s") through \(byBuiltin.count) builtin\(byBuiltin.count == 1 ? "" : "s")")
        return lines
    }
}
