import Foundation

/// `understudy lint`: contracts, fixtures and decision records checked together, every problem at once.
public enum Linter {
    public struct Report: Sendable {
        public var contracts: ContractSet
        public var scenarios: [String: Scenario]
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Lints `contracts`; fixtures and the decisions file are checked when their paths are given,
    /// `builtin:` names against `builtins` when it is given (the catalog of the engine's registry).
    public static func lint(contracts directory: String, fixtures: String? = nil, decisions: String? = nil, builtins: BuiltinCatalog? = nil) -> Report {
        let loaded = ContractLoader.load(directory: directory, builtins: builtins)
        var diagnostics = loaded.diagnostics
        var scenarios: [String: Scenario] = [:]
        if let fixtures {
            let result = FixtureLoader.load(directory: fixtures, contracts: loaded.contracts)
            scenarios = result.scenarios
            diagnostics += result.diagnostics
        }
        if let decisions, let index = DecisionIndex.load(path: decisions) {
            for endpoint in loaded.contracts.endpoints {
                for id in endpoint.decisions where !index.ids.contains(id) {
                    diagnostics.append(Diagnostic(.error, at: endpoint.location, "decision \(id) of '\(endpoint.id)' has no entry in \(decisions)"))
                }
            }
        }
        return Report(contracts: loaded.contracts, scenarios: scenarios, diagnostics: diagnostics.sorted())
    }
}
