import Contracts
import JSON

/// Turns contracts into cases — pure, no HTTP: per endpoint the example (or stream), the auth negative,
/// the validation negative; then the flows (whose steps also count toward each endpoint they call). Cases come out sorted by service, path, method.
public struct CasePlanner: Sendable {
    public struct Options: Sendable {
        public var readOnly: Bool
        public var filter: CaseFilter
        /// The runner logs in with email and password (flows using `credentials.*` need it).
        public var hasPassword: Bool

        public init(readOnly: Bool = false, filter: CaseFilter = CaseFilter(), hasPassword: Bool = true) {
            self.readOnly = readOnly
            self.filter = filter
            self.hasPassword = hasPassword
        }
    }

    /// Stands in for a path parameter where the value does not matter (auth negatives: auth runs first).
    public static let placeholderID = "understudy-placeholder"

    public let contracts: ContractSet
    public let resolver: FixtureResolver
    public let options: Options

    public init(contracts: ContractSet, resolver: FixtureResolver, options: Options = Options()) {
        self.contracts = contracts
        self.resolver = resolver
        self.options = options
    }

    /// The endpoints kept by the filter, in report order.
    public var endpoints: [Endpoint] {
        contracts.endpoints.filter(options.filter.includes).sorted {
            ($0.service, $0.path.template, $0.method) < ($1.service, $1.path.template, $1.method)
        }
    }

    public func plan() -> [TestCase] {
        var cases: [TestCase] = []
        for endpoint in endpoints {
            cases += casesFor(endpoint)
        }
        if !options.readOnly { cases += contracts.flows.compactMap(flowCase) }
        return cases
    }

    func casesFor(_ endpoint: Endpoint) -> [TestCase] {
        guard let success = endpoint.successResponse else { return [] }
        let resolved = resolver.resolve(endpoint.path)
        let isStream = success.contentType.hasPrefix("text/event-stream")
        var cases: [TestCase] = []
        // With `verify.via`, the example's success needs state set up first: the flow proves it instead.
        if endpoint.verifiedBy == nil, !options.readOnly || endpoint.safe {
            var example = base(endpoint, name: isStream ? "stream" : "example", kind: isStream ? .stream : .example, expected: success.status)
            switch resolved {
            case .success(let values): example.request?.path = endpoint.path.expand(values)
            case .failure(let failure): example.skipReason = failure.message
            }
            if isStream, !options.readOnly, let trigger = endpoint.trigger, case .success(let values) = resolved {
                example = triggered(example, endpoint: endpoint, trigger: trigger, streamPath: values)
            }
            cases.append(example)
        }
        if endpoint.auth.isProtected, !options.readOnly || endpoint.safe {
            var negative = base(endpoint, name: "auth: no credentials → 401", kind: .auth, expected: 401)
            let values = (try? resolved.get()) ?? Dictionary(uniqueKeysWithValues: endpoint.path.parameterNames.map { ($0, Self.placeholderID) })
            negative.request?.path = endpoint.path.expand(values)
            negative.request?.credentials = .anonymous
            negative.mutates = false
            cases.append(negative)
        }
        if !options.readOnly, let validation = validationCase(endpoint, resolved: resolved) { cases.append(validation) }
        return cases
    }

    /// A case with the endpoint's documented example request (path not yet expanded).
    func base(_ endpoint: Endpoint, name: String, kind: CaseKind, expected: Int) -> TestCase {
        var query: [(name: String, value: String)] = []
        for parameter in endpoint.query {
            // Query credentials (`auth: query`) are the runner's own, added at run time.
            if endpoint.auth == .query, ["access_token", "tenant"].contains(parameter.name) { continue }
            if let example = parameter.example { query.append((parameter.name, Self.text(example))) }
        }
        let headers = endpoint.headers.compactMap { header in header.example.map { (name: header.name, value: Self.text($0)) } }
        let request = PlannedRequest(method: endpoint.method, path: endpoint.path.template, query: query, headers: headers, body: endpoint.body?.example)
        return TestCase(endpointID: endpoint.id, service: endpoint.service, name: name, kind: kind, request: request,
                        expectedStatus: expected, mutates: !endpoint.safe)
    }

    /// The stream case that also sends `verify.trigger` and expects its event: without the reconnect
    /// parameters (a replay could answer for the trigger), scheduled with the writes.
    func triggered(_ streamCase: TestCase, endpoint: Endpoint, trigger: StreamTrigger, streamPath: [String: String]) -> TestCase {
        var result = streamCase
        guard let target = contracts.endpoint(id: trigger.call) else { return result }
        // `{{path.goalId}}` names the stream's own path values; the flows' template fills them.
        let template = FlowTemplate(values: Dictionary(uniqueKeysWithValues: streamPath.map { ("path.\($0.key)", JSONValue.string($0.value)) }))
        var values: [String: String]
        do {
            values = Dictionary(uniqueKeysWithValues: try template.renderText(trigger.path.mapValues(JSONValue.string)))
        } catch {
            result.skipReason = "the trigger \(trigger.call): no value for {{\(error.name)}}"
            return result
        }
        if !target.path.parameterNames.allSatisfy({ values[$0] != nil }) {
            switch resolver.resolve(target.path) {
            case .success(let resolved): values.merge(resolved) { given, _ in given }
            case .failure(let failure):
                result.skipReason = "the trigger \(trigger.call): \(failure.message)"
                return result
            }
        }
        let required = Set(endpoint.query.filter(\.required).map(\.name) + endpoint.headers.filter(\.required).map(\.name))
        result.request?.query.removeAll { !required.contains($0.name) }
        result.request?.headers.removeAll { !required.contains($0.name) }
        result.name = "stream: \(trigger.event) after \(trigger.call)"
        result.mutates = true
        result.trigger = (target.id, PlannedRequest(method: target.method, path: target.path.expand(values), body: trigger.body ?? target.body?.example), trigger.event)
        return result
    }

    /// The example body without its first required member, expecting 422 — when the contract documents a 422.
    func validationCase(_ endpoint: Endpoint, resolved: Result<[String: String], ResolveFailure>) -> TestCase? {
        guard let body = endpoint.body, let schema = body.schema, case .object(let members)? = body.example,
              endpoint.response(for: 422) != nil else { return nil }
        for key in members.keys {
            var reduced = members
            reduced.removeValue(forKey: key)
            let errors = schema.validate(.object(reduced))
            guard errors.contains(where: { $0.keyword == "required" && [JSONPointer.root, JSONPointer(tokens: [key])].contains($0.instancePointer) }) else { continue }
            var negative = base(endpoint, name: "validation: without '\(key)' → 422", kind: .validation, expected: 422)
            negative.request?.body = .object(reduced)
            switch resolved {
            case .success(let values): negative.request?.path = endpoint.path.expand(values)
            case .failure(let failure): negative.skipReason = failure.message
            }
            negative.mutates = false
            return negative
        }
        return nil
    }

    /// A flow, attributed to its first step's endpoint; kept when the filter keeps every step's endpoint.
    func flowCase(_ flow: Flow) -> TestCase? {
        guard let first = flow.steps.first, let endpoint = contracts.endpoint(id: first.call) else { return nil }
        let steps = flow.steps + flow.cleanup
        guard steps.allSatisfy({ contracts.endpoint(id: $0.call).map(options.filter.includes) ?? false }) else { return nil }
        var flowCase = TestCase(endpointID: endpoint.id, service: endpoint.service, name: "flow: \(flow.id)", kind: .flow,
                                request: nil, expectedStatus: 0, flow: flow, mutates: true)
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
