import Contracts

/// A routed request as fault rules see it.
public struct FaultTarget: Sendable, Equatable {
    public var endpointID: String
    /// The service-relative path, percent-decoded (`/goals/g1:activate`).
    public var path: String
    /// The contract path template that matched (`/goals/{id}:activate`).
    public var template: String
    /// A GET of services.yaml's `readiness` path, the one request a `notReady` rule answers.
    public var isReadinessProbe: Bool

    public init(endpointID: String, path: String, template: String, isReadinessProbe: Bool = false) {
        self.endpointID = endpointID
        self.path = path
        self.template = template
        self.isReadinessProbe = isReadinessProbe
    }

    /// The target of a request routed to `endpoint` through `template`, at the service-relative `path`.
    init(_ endpoint: Endpoint, template: PathTemplate, path: Substring, readiness: String?) {
        self.init(
            endpointID: endpoint.id, path: PercentEncoding.decode(path) ?? String(path), template: template.template,
            isReadinessProbe: endpoint.method == .GET && endpoint.path.template == readiness)
    }
}
