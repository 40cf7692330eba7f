import Contracts

/// Where each service lives: a base URL per service (the gateway form already includes the prefix).
public struct Target: Sendable {
    /// Service name → base URL without a trailing slash; services not listed are skipped.
    public var bases: [String: String]
    /// How the target was given, for reports (`gateway` or `services`).
    public var mode: String

    public init(bases: [String: String], mode: String = "services") {
        self.bases = bases.mapValues { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.mode = mode
    }

    /// One gateway URL: every service under its `prefix` from services.yaml.
    public static func gateway(_ url: String, contracts: ContractSet) -> Target {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        return Target(bases: Dictionary(uniqueKeysWithValues: contracts.services.map { ($0.name, base + $0.prefix) }), mode: "gateway")
    }
}
