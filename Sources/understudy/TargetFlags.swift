import ArgumentParser
import Conformance
import Contracts

/// Where the real services are, for `verify` (what it replays against) and `proxy` (what it
/// forwards to): one gateway URL, or a base URL per service.
struct TargetFlags: ParsableArguments {
    @Option(help: "A service of services.yaml and its base URL: SERVICE=URL (repeatable).", transform: { try ServiceAssignment.parse($0, flag: "target") })
    var target: [ServiceAssignment] = []
    @Option(help: "The Account service's base URL (the same as --target account=URL).") var account: String?
    @Option(help: "The Coaching service's base URL (--target coaching=URL).") var coaching: String?
    @Option(help: "The Traction service's base URL (--target traction=URL).") var traction: String?
    @Option(help: "One base URL for all services, each under its gateway prefix.") var gateway: String?

    func target(_ contracts: ContractSet) throws -> Target {
        if let gateway {
            guard account == nil, coaching == nil, traction == nil, target.isEmpty else { throw ValidationError("--gateway or per-service URLs, not both") }
            return .gateway(gateway, contracts: contracts)
        }
        let aliases = ["account": account, "coaching": coaching, "traction": traction].compactMapValues { $0 }
        let bases = try ServiceAssignment.merge(target, aliases: aliases, flag: "target", services: contracts.services)
        guard !bases.isEmpty else { throw ValidationError("give --gateway URL or --target SERVICE=URL (at least one service)") }
        return Target(bases: bases)
    }
}
