import Contracts
import Foundation

/// A whole run: what reports are made of.
public struct RunResult: Sendable {
    public var startedAt: Date
    public var target: Target
    /// Credentials as reports may show them (secrets already replaced).
    public var credentials: [String: String]
    /// The endpoints in report order (service, path, method), with zero or more results each.
    public var endpoints: [Endpoint]
    public var results: [CaseResult]
    /// `--read-only`: unsafe endpoints are left out by choice, not a coverage gap.
    public var readOnly: Bool
    /// With `--baseline`: its entries that no longer occur; nil when no baseline was applied.
    public var fixedSinceBaseline: [Baseline.Entry]?
    /// `proxy`: requests that matched no contract route.
    public var unmatched: [UnmatchedRoute] = []

    /// A request `proxy` saw that no contract route matches, and how often.
    public struct UnmatchedRoute: Sendable, Equatable {
        public var method: String
        public var path: String
        public var service: String?
        public var count: Int

        public init(method: String, path: String, service: String?, count: Int) {
            self.method = method
            self.path = path
            self.service = service
            self.count = count
        }
    }

    public init(startedAt: Date, target: Target, credentials: [String: String], endpoints: [Endpoint], results: [CaseResult], readOnly: Bool = false) {
        self.startedAt = startedAt
        self.target = target
        self.credentials = credentials
        self.endpoints = endpoints
        self.results = results
        self.readOnly = readOnly
    }

    public func count(_ status: CaseResult.Status) -> Int { results.filter { $0.status == status }.count }

    /// The families that ran, in `CaseKind` order, with their cases' counts by status.
    public var families: [(family: CaseKind, counts: [CaseResult.Status: Int])] {
        CaseKind.allCases.compactMap { family in
            let cases = results.filter { $0.kind == family }
            guard !cases.isEmpty else { return nil }
            return (family, Dictionary(grouping: cases, by: \.status).mapValues(\.count))
        }
    }

    /// `example 130 passed · isolation 20 passed, 1 failed · …`: one phrase per family.
    public var familyLine: String {
        families.map { family, counts in
            "\(family.rawValue) " + CaseResult.Status.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }.joined(separator: ", ")
        }.joined(separator: " · ")
    }

    /// What the run left in the target — records no endpoint removes, cleanups that failed — each
    /// said once, with how many times and by which cases' endpoints.
    public var leftBehind: [(what: String, times: Int, endpoints: [String])] {
        var order: [String] = []
        var found: [String: (Int, [String])] = [:]
        for result in results {
            for what in result.leftBehind {
                if found[what] == nil { order.append(what) }
                var entry = found[what] ?? (0, [])
                entry.0 += 1
                if !entry.1.contains(result.endpointID) { entry.1.append(result.endpointID) }
                found[what] = entry
            }
        }
        return order.map { ($0, found[$0]!.0, found[$0]!.1) }
    }
    public var hasDivergences: Bool { results.contains { $0.status == .failed } }
    /// What the exit status says: a new divergence, or an endpoint the run should have reached and did not.
    public var failed: Bool { hasDivergences || !coverageGaps.isEmpty || !unmatched.isEmpty }
    public func results(for endpoint: String) -> [CaseResult] { results.filter { $0.endpointID == endpoint } }

    /// The services of the reported endpoints, in report order.
    public var services: [String] { endpoints.map(\.service).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    /// The results of one service's endpoints, in report order.
    public func results(inService service: String) -> [CaseResult] {
        endpoints.filter { $0.service == service }.flatMap { results(for: $0.id) }
    }

    /// How many requests of executed cases reached the endpoint: its own cases and the flow steps calling it.
    public func requestsRun(for endpoint: String) -> Int {
        results.reduce(0) { $0 + $1.exercised.filter { $0 == endpoint }.count }
    }

    /// Endpoints no executed case reached, with the reason their cases were skipped.
    public var uncovered: [(endpoint: Endpoint, reason: String?)] {
        endpoints.filter { requestsRun(for: $0.id) == 0 }.map { endpoint in
            (endpoint, results(for: endpoint.id).compactMap(\.reason).first)
        }
    }

    /// Uncovered endpoints the run was asked to reach: their service has a target and `--read-only`
    /// did not leave them out. Each is a failure of coverage.
    public var coverageGaps: [(endpoint: Endpoint, reason: String?)] {
        uncovered.filter { target.bases[$0.endpoint.service] != nil && (!readOnly || $0.endpoint.safe) }
    }
}
