import JSON

/// How the mock behaves beyond the contracts: browser access, logging, strictness, limits.
public struct MockOptions: Sendable {
    public var cors: CORSPolicy
    public var quiet: Bool
    /// Validate every fake answer against the contract and answer 500 when a fake breaks it.
    public var strict: Bool
    /// Time between SSE comment heartbeats; nil: each stream's declared `heartbeat` (15 s where none is).
    public var heartbeat: Duration?
    public var maxBodyBytes: Int
    /// Injected latency, failures, drops and readiness (`--latency`, `--fail`, …, `/__understudy/faults`); none by default.
    public var faults: FaultInjector
    /// `--mutate`: contract breakage on purpose, to prove `verify` notices; nil (honest) by default.
    public var mutations: MutationPlan?
    /// `--report FILE`: a verify report the dashboard opens at start.
    public var report: JSONValue?

    public init(
        cors: CORSPolicy = CORSPolicy(), quiet: Bool = false, strict: Bool = false,
        heartbeat: Duration? = nil, maxBodyBytes: Int = 4 << 20, faults: FaultInjector = FaultInjector(),
        mutations: MutationPlan? = nil, report: JSONValue? = nil
    ) {
        self.report = report
        self.mutations = mutations
        self.cors = cors
        self.quiet = quiet
        self.strict = strict
        self.heartbeat = heartbeat
        self.maxBodyBytes = maxBodyBytes
        self.faults = faults
    }
}
