import Contracts
import Foundation

/// The verdict on one case.
public struct CaseResult: Sendable {
    public enum Status: String, Sendable { case passed, failed, skipped }

    public var endpointID: String
    public var service: String
    public var name: String
    public var kind: CaseKind
    public var status: Status
    /// Why the case was skipped.
    public var reason: String?
    public var divergences: [Divergence]

    public init(_ testCase: TestCase, divergences: [Divergence]) {
        endpointID = testCase.endpointID
        service = testCase.service
        name = testCase.name
        kind = testCase.kind
        status = divergences.isEmpty ? .passed : .failed
        self.divergences = divergences
    }

    public static func skipped(_ testCase: TestCase, _ reason: String) -> CaseResult {
        var result = CaseResult(testCase, divergences: [])
        result.status = .skipped
        result.reason = reason
        return result
    }
}

/// A whole run: what reports are made of.
public struct RunResult: Sendable {
    public var startedAt: Date
    public var target: Target
    /// Credentials as reports may show them (secrets already replaced).
    public var credentials: [String: String]
    /// The endpoints in report order (service, path, method), with zero or more results each.
    public var endpoints: [Endpoint]
    public var results: [CaseResult]

    public init(startedAt: Date, target: Target, credentials: [String: String], endpoints: [Endpoint], results: [CaseResult]) {
        self.startedAt = startedAt
        self.target = target
        self.credentials = credentials
        self.endpoints = endpoints
        self.results = results
    }

    public func count(_ status: CaseResult.Status) -> Int { results.filter { $0.status == status }.count }
    public var hasDivergences: Bool { results.contains { $0.status == .failed } }
    public func results(for endpoint: String) -> [CaseResult] { results.filter { $0.endpointID == endpoint } }
}
