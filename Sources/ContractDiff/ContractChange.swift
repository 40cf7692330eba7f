import Contracts

/// One difference between two versions of the contracts, on one endpoint (or service).
///
/// ```swift
/// let change = report.changes.first!
/// print(change)   // new/traction/goals.yaml:31:9: breaking: traction POST /goals: body member `priority` is now required [request.member.required]
/// ```
public struct ContractChange: Sendable, Hashable, CustomStringConvertible {
    public var rule: ChangeRule
    public var service: String
    /// `POST /goals`, or nil for a change to a whole service.
    public var route: String?
    /// The endpoint's id in the new contracts (the old one's for a removal).
    public var endpoint: String?
    /// What changed, in a sentence: "body member `priority` is now required".
    public var message: String
    /// Where: in the new contracts, or in the old ones for what was removed.
    public var location: SourceLocation?

    public var severity: ChangeSeverity { rule.severity }

    public init(rule: ChangeRule, service: String, route: String?, endpoint: String?, message: String, location: SourceLocation?) {
        self.rule = rule
        self.service = service
        self.route = route
        self.endpoint = endpoint
        self.message = message
        self.location = location
    }

    /// `service METHOD /path` or `service`.
    public var subject: String { route.map { "\(service) \($0)" } ?? service }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(subject): \(message) [\(rule.rawValue)]"
    }
}
