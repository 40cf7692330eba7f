import Contracts
import JSON

/// Turns contracts into cases — pure, no HTTP. Every family is derived from what the contracts
/// declare (methods, path ids, collections, `transition` fakes, auth kinds, stream promises, schemas,
/// `services.yaml` conventions); none names an endpoint of a particular API. Cases come out sorted
/// by service, path, method, then the cases filed under no single endpoint's example.
public struct CasePlanner: Sendable {
    public struct Options: Sendable {
        public var readOnly: Bool
        public var filter: CaseFilter
        /// The runner logs in with email and password (flows using `credentials.*` need it).
        public var hasPassword: Bool
        /// Schema-driven negative bodies per endpoint (`--negatives`); 0 sends none (query negatives still run).
        public var negatives: Int
        /// Picks the places the negatives break (`--seed`), so a run can be repeated exactly.
        public var seed: UInt64
        /// Protected endpoints per service that the forged tokens are sent to.
        public var tokenSample: Int

        public init(readOnly: Bool = false, filter: CaseFilter = CaseFilter(), hasPassword: Bool = true,
                    negatives: Int = 6, seed: UInt64 = 1, tokenSample: Int = 2) {
            self.readOnly = readOnly
            self.filter = filter
            self.hasPassword = hasPassword
            self.negatives = negatives
            self.seed = seed
            self.tokenSample = tokenSample
        }
    }

    /// Stands in for a path parameter where the value does not matter (auth negatives: auth runs first).
    public static let placeholderID = "understudy-placeholder"

    public let contracts: ContractSet
    public let resolver: FixtureResolver
    public let options: Options
    let map: ResourceMap
    var owned: OwnedRecords { OwnedRecords(map: map, resolver: resolver) }

    public init(contracts: ContractSet, resolver: FixtureResolver, options: Options = Options()) {
        self.contracts = contracts
        self.resolver = resolver
        self.options = options
        self.map = ResourceMap(contracts)
    }

    /// The endpoints kept by the filter, in report order.
    public var endpoints: [Endpoint] {
        contracts.endpoints.filter(options.filter.includes).sorted {
            ($0.service, $0.path.template, $0.method) < ($1.service, $1.path.template, $1.method)
        }
    }

    public func plan() -> [TestCase] {
        var cases: [TestCase] = []
        let kept = Set(endpoints.map(\.id))
        for endpoint in endpoints {
            cases += exampleCases(endpoint)
            cases += authCases(endpoint)
            cases += notFoundCases(endpoint)
            cases += tenantCases(endpoint)
            if !options.readOnly || endpoint.safe { cases += validationCases(endpoint) }
        }
        cases += tokenCases()
        if !options.readOnly {
            cases += isolationCases()
            cases += lifecycleCases()
            cases += contracts.flows.compactMap(flowCase)
        }
        return cases.filter { kept.contains($0.endpointID) }
    }

    /// A case with the endpoint's documented example request (path not yet expanded).
    func base(_ endpoint: Endpoint, name: String, kind: CaseKind, expected: Int) -> TestCase {
        TestCase(endpointID: endpoint.id, service: endpoint.service, name: name, kind: kind, request: exampleRequest(endpoint),
                 expectedStatus: expected, mutates: !endpoint.safe)
    }

    func exampleRequest(_ endpoint: Endpoint) -> PlannedRequest {
        PlannedRequest(method: endpoint.method, path: endpoint.path.template, query: exampleQuery(endpoint),
                       headers: exampleHeaders(endpoint), body: endpoint.body?.example)
    }

    func exampleQuery(_ endpoint: Endpoint) -> [(name: String, value: String)] {
        endpoint.query.compactMap { parameter in
            // Query credentials (`auth: query`) are the runner's own, added at run time.
            if endpoint.auth == .query, contracts.conventions.queryCredentials.contains(parameter.name) { return nil }
            return parameter.example.map { (parameter.name, Self.text($0)) }
        }
    }

    func exampleHeaders(_ endpoint: Endpoint) -> [(name: String, value: String)] {
        endpoint.headers.compactMap { header in header.example.map { (name: header.name, value: Self.text($0)) } }
    }

    /// The same as a script step's maps (templated values).
    func templated(_ pairs: [(name: String, value: String)]) -> [String: JSONValue] {
        Dictionary(pairs.map { ($0.name, JSONValue.string($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The path with fixture values, or the placeholder where the value does not matter.
    func fixturePath(_ endpoint: Endpoint, placeholder: Bool = false) -> Result<[String: String], ResolveFailure> {
        let resolved = resolver.resolve(endpoint)
        if placeholder, case .failure = resolved {
            return .success(Dictionary(uniqueKeysWithValues: endpoint.path.parameterNames.map { ($0, Self.placeholderID) }))
        }
        return resolved
    }

    /// The statuses an endpoint documents among `candidates`, or the first candidate.
    static func documented(_ candidates: [Int], by endpoint: Endpoint) -> [Int] {
        let found = candidates.filter { endpoint.response(for: $0) != nil }
        return found.isEmpty ? [candidates[0]] : found
    }

    /// A case of several requests.
    func scripted(_ endpoint: Endpoint, name: String, kind: CaseKind, _ script: Script) -> TestCase {
        TestCase(endpointID: endpoint.id, service: endpoint.service, name: name, kind: kind, request: nil,
                 expectedStatus: 0, script: script, mutates: true)
    }

    /// A flow, attributed to its first step's endpoint; kept when the filter keeps every step's endpoint.
    func flowCase(_ flow: Flow) -> TestCase? {
        guard let first = flow.steps.first, let endpoint = contracts.endpoint(id: first.call) else { return nil }
        let steps = flow.steps + flow.cleanup
        guard steps.allSatisfy({ contracts.endpoint(id: $0.call).map(options.filter.includes) ?? false }) else { return nil }
        var flowCase = scripted(endpoint, name: "flow: \(flow.id)", kind: .flow, Script(flow))
        flowCase.ownSession = true
        if !options.hasPassword, FlowTemplate.usesCredentials(flow) {
            flowCase.skipReason = "the flow signs in with credentials.email/password; the runner was given only a token"
        }
        return flowCase
    }

    /// A parameter example as text on the wire.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .array(let items): items.map(text).joined(separator: ",")
        default: value.jsonString()
        }
    }
}
