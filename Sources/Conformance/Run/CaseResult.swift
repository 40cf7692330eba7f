import Contracts
import Foundation

/// The verdict on one case.
public struct CaseResult: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case passed, failed, skipped
        /// Failed only with divergences the baseline accepts.
        case known
    }

    public var endpointID: String
    public var service: String
    public var name: String
    public var kind: CaseKind
    public var status: Status
    /// Why the case was skipped.
    public var reason: String?
    public var divergences: [Divergence]
    /// The endpoints the case sent a request to: its own, or every step a flow ran.
    public var exercised: [String]
    /// Script steps that did not run because an earlier one left them nothing to work on, with why.
    public var notReached: [String] = []
    /// What the case left in the target on purpose (a registered account) or could not remove.
    public var leftBehind: [String] = []

    public init(_ testCase: TestCase, divergences: [Divergence], exercised: [String]? = nil) {
        endpointID = testCase.endpointID
        service = testCase.service
        name = testCase.name
        kind = testCase.kind
        status = divergences.isEmpty ? .passed : .failed
        self.divergences = divergences
        self.exercised = exercised ?? [testCase.endpointID]
    }

    /// A case of live traffic (`understudy proxy`): no planned request, what was seen.
    public init(endpointID: String, service: String, name: String, kind: CaseKind, divergences: [Divergence]) {
        self.endpointID = endpointID
        self.service = service
        self.name = name
        self.kind = kind
        status = divergences.isEmpty ? .passed : .failed
        self.divergences = divergences
        exercised = [endpointID]
    }

    public static func skipped(_ testCase: TestCase, _ reason: String) -> CaseResult {
        var result = CaseResult(testCase, divergences: [])
        result.status = .skipped
        result.reason = reason
        result.exercised = []
        return result
    }
}
