import Contracts
import JSON

extension CasePlanner {
    /// Forged tokens on a sample of protected endpoints per service (`ContractSet.tokenProbes`), and,
    /// from `services.yaml` sessions: refresh rotation (a used refresh token refused) and logout
    /// revocation (what `revokes` lists refused afterwards).
    func tokenCases() -> [TestCase] {
        var cases: [TestCase] = []
        for endpoint in contracts.tokenProbes(perService: options.tokenSample) {
            for forgery in TokenForgery.allCases {
                if forgery == .wrongScheme, endpoint.auth == .query { continue }
                var probe = base(endpoint, name: "token: \(forgery.summary) → 401", kind: .token, expected: 401)
                probe.request?.identity = .forged(forgery)
                probe.mutates = false
                probe.headOnly = endpoint.successResponse?.contentType.hasPrefix("text/event-stream") ?? false
                cases.append(probe)
            }
        }
        // Signing in and out changes the target's sessions: not in a read-only run.
        guard !options.readOnly, options.hasPassword, let sessions = contracts.conventions.sessions, let login = sessions.login,
              contracts.endpoint(id: login.endpoint) != nil, let refreshPointer = sessions.refreshToken else { return cases }
        func step(_ call: SessionConventions.Call, label: String, identity: Identity = .anonymous, refresh: String = "", expect: StepExpectation? = nil,
                  capture: [(String, JSONPointer)] = [], verifies: String? = nil) -> ScriptStep {
            func fill(_ value: JSONValue) -> JSONValue {
                switch value {
                case .string(let text):
                    .string(text.replacingOccurrences(of: "{{email}}", with: "{{credentials.email}}")
                        .replacingOccurrences(of: "{{password}}", with: "{{credentials.password}}")
                        .replacingOccurrences(of: "{{refresh}}", with: "{{\(refresh)}}"))
                case .array(let items): .array(items.map(fill))
                case .object(let members): .object(members.mapValues(fill))
                default: value
                }
            }
            return ScriptStep(call: call.endpoint, label: label, identity: identity, query: call.query.mapValues(fill), body: call.body.map(fill),
                              expect: expect, capture: capture, verifies: verifies)
        }
        let signIn = step(login, label: "sign in", capture: [("token.access", sessions.access), ("token.refresh", refreshPointer)])
        let refused = StepExpectation(statuses: [401])
        if let refresh = sessions.refresh, let refreshEndpoint = contracts.endpoint(id: refresh.endpoint) {
            var steps = [signIn, step(refresh, label: "rotate", refresh: "token.refresh", capture: [("token.rotated", refreshPointer)])]
            steps.append(step(refresh, label: "the used refresh token again", refresh: "token.refresh", expect: refused))
            let cleanup = sessions.logout.map { [step($0, label: "sign out", identity: .captured("token.access"), refresh: "token.rotated")] } ?? []
            cases.append(scripted(refreshEndpoint, name: "token: a rotated refresh token is refused", kind: .token, Script(steps: steps, cleanup: cleanup)))
            if let logout = sessions.logout, let logoutEndpoint = contracts.endpoint(id: logout.endpoint) {
                var steps = [signIn, step(logout, label: "sign out", identity: .captured("token.access"), refresh: "token.refresh")]
                if sessions.revokes.contains(.refresh) {
                    steps.append(step(refresh, label: "the signed-out refresh token", refresh: "token.refresh", expect: refused, verifies: logoutEndpoint.id))
                }
                if sessions.revokes.contains(.access), let probe = contracts.tokenProbes(perService: 1).first(where: { $0.auth != .query }) {
                    steps.append(ScriptStep(call: probe.id, label: "the signed-out access token", identity: .captured("token.access"),
                                            expect: StepExpectation(statuses: [401]), verifies: logoutEndpoint.id))
                }
                cases.append(scripted(logoutEndpoint, name: "token: logout revokes \(sessions.revokes.map(\.rawValue).sorted().joined(separator: " and "))",
                                      kind: .token, Script(steps: steps)))
            }
        }
        return cases
    }
}
