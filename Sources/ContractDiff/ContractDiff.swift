import Contracts

/// The changes between two versions of the contracts, as a client of the old version sees them.
///
/// ```swift
/// let report = ContractDiff.compare(old: before, new: after)
/// report.changes.forEach { print($0) }
/// if report.isBreaking { exit(1) }
/// ```
///
/// Endpoints are matched by service, method and path shape (`/goals/{}`): what a client calls, not
/// the id the contracts give it. An endpoint whose old path survives as an alias is the same
/// endpoint; one whose path changed is a removal and an addition.
public enum ContractDiff {
    public static func compare(old: ContractVersion, new: ContractVersion) -> DiffReport {
        var changes = serviceChanges(old, new)
        var matched: Set<ObjectIdentifier> = []
        for before in old.contracts.endpoints {
            let after = new.contracts.endpoints(of: before.service).first {
                $0.method == before.method && $0.allPaths.contains { $0.shape == before.path.shape }
            }
            guard let after else {
                changes.append(ContractChange(
                    rule: .endpointRemoved, service: before.service, route: route(before), endpoint: before.id,
                    message: "endpoint `\(before.id)` removed", location: old.shown(before.location)))
                continue
            }
            matched.insert(ObjectIdentifier(after))
            changes += pathChanges(before, after, old, new)
            var comparison = EndpointComparison(old: old, new: new, before: before, after: after)
            changes += comparison.run()
        }
        for after in new.contracts.endpoints where !matched.contains(ObjectIdentifier(after)) {
            changes.append(ContractChange(
                rule: .endpointAdded, service: after.service, route: route(after), endpoint: after.id,
                message: "endpoint `\(after.id)` added", location: new.shown(after.location)))
        }
        return DiffReport(
            old: old.shownAs, new: new.shownAs,
            endpointsBefore: old.contracts.endpoints.count, endpointsAfter: new.contracts.endpoints.count,
            changes: changes)
    }

    static func route(_ endpoint: Endpoint) -> String { "\(endpoint.method.rawValue) \(endpoint.path.template)" }

    private static func serviceChanges(_ old: ContractVersion, _ new: ContractVersion) -> [ContractChange] {
        old.contracts.services.compactMap { before in
            guard let after = new.contracts.service(named: before.name), after.prefix != before.prefix else { return nil }
            return ContractChange(
                rule: .prefixChanged, service: after.name, route: nil, endpoint: nil,
                message: "gateway prefix \(before.prefix) → \(after.prefix)", location: new.shown(after.location))
        }
    }

    /// Aliases gained and lost (the main path is matched already, or an alias kept it).
    private static func pathChanges(_ before: Endpoint, _ after: Endpoint, _ old: ContractVersion, _ new: ContractVersion) -> [ContractChange] {
        let shapesA = before.allPaths.map(\.shape)
        let shapesB = after.allPaths.map(\.shape)
        let lost = before.allPaths.filter { !shapesB.contains($0.shape) }.map {
            ContractChange(rule: .pathRemoved, service: after.service, route: route(after), endpoint: after.id,
                           message: "no longer answers on \($0.template)", location: old.shown(before.location))
        }
        let gained = after.allPaths.filter { !shapesA.contains($0.shape) }.map {
            ContractChange(rule: .pathAdded, service: after.service, route: route(after), endpoint: after.id,
                           message: "also answers on \($0.template)", location: new.shown(after.location))
        }
        return lost + gained
    }
}
