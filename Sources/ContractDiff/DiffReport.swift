import Contracts

/// What `understudy diff` found: every change, breaking ones first, and the counts CI gates on.
public struct DiffReport: Sendable {
    /// How the two versions were named (`contracts-v1`, `HEAD~1:contracts`).
    public var old: String
    public var new: String
    public var endpointsBefore: Int
    public var endpointsAfter: Int
    /// Breaking first; then by service, route and place. The same change said twice is said once.
    public var changes: [ContractChange]

    public init(old: String, new: String, endpointsBefore: Int, endpointsAfter: Int, changes: [ContractChange]) {
        self.old = old
        self.new = new
        self.endpointsBefore = endpointsBefore
        self.endpointsAfter = endpointsAfter
        var seen: Set<String> = []
        self.changes = changes
            .sorted {
                ($0.severity, $0.service, $0.route ?? "", $0.location.map(\.description) ?? "", $0.message)
                    < ($1.severity, $1.service, $1.route ?? "", $1.location.map(\.description) ?? "", $1.message)
            }
            .filter { seen.insert("\($0.rule.rawValue) \($0.subject) \($0.message)").inserted }
    }

    public var breaking: [ContractChange] { changes.filter { $0.severity == .breaking } }
    public var compatible: [ContractChange] { changes.filter { $0.severity == .compatible } }
    /// Exit 1 in CI.
    public var isBreaking: Bool { changes.contains { $0.severity == .breaking } }

    /// "2 breaking changes, 3 compatible (129 endpoints → 130)".
    public var summary: String {
        let b = breaking.count
        let c = compatible.count
        if changes.isEmpty { return "no changes (\(endpointsAfter) endpoints)" }
        return "\(b) breaking change\(b == 1 ? "" : "s"), \(c) compatible (\(endpointsBefore) endpoints → \(endpointsAfter))"
    }
}
