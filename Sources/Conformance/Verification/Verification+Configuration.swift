import Contracts

extension Verification {
    /// Everything a run needs to know, as the CLI's flags give it.
    public struct Configuration: Sendable {
        public var contracts: ContractSet
        /// The fixtures path values are picked from (and the second identity, when none is given).
        public var scenario: Scenario?
        public var target: Target
        public var credentials: Credentials
        /// The second identity, of another tenant; `.none` takes one from the scenario.
        public var second: Credentials
        /// Read-only, filters, negatives, seed, token sample (whether there is a password is taken from `credentials`).
        public var planning: CasePlanner.Options
        public var timeout: Duration
        public var retries: Int
        public var bodyCap: Int
        public var concurrency: Int
        public var extraHeaders: [(name: String, value: String)]
        /// The target's HS256 secret, when known (`--jwt-secret`).
        public var jwtSecret: String?
        /// Divergences accepted as known (`--baseline`).
        public var baseline: Baseline?

        public init(
            contracts: ContractSet, scenario: Scenario?, target: Target, credentials: Credentials, second: Credentials = .none,
            planning: CasePlanner.Options = .init(), timeout: Duration = .seconds(10), retries: Int = 1, bodyCap: Int = 2 << 20,
            concurrency: Int = 4, extraHeaders: [(name: String, value: String)] = [], jwtSecret: String? = nil, baseline: Baseline? = nil
        ) {
            self.contracts = contracts
            self.scenario = scenario
            self.target = target
            self.credentials = credentials
            self.second = second
            self.planning = planning
            self.timeout = timeout
            self.retries = retries
            self.bodyCap = bodyCap
            self.concurrency = concurrency
            self.extraHeaders = extraHeaders
            self.jwtSecret = jwtSecret
            self.baseline = baseline
        }
    }
}
