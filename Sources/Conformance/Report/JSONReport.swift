import Foundation
import JSON
import OrderedCollections

/// `--json FILE`: the run as JSON, in the shape docs/report-format.md documents. Secrets redacted.
public struct JSONReport: Sendable {
    public init() {}

    public func render(_ run: RunResult, redact: Redactor) -> JSONValue {
        func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
            var members = OrderedDictionary<String, JSONValue>()
            for (key, value) in pairs { if let value { members[key] = value } }
            return .object(members)
        }
        func text(_ value: String?) -> JSONValue? { value.map { .string(redact($0)) } }
        let endpoints: [JSONValue] = run.endpoints.map { endpoint in
            let cases: [JSONValue] = run.results(for: endpoint.id).map { result in
                object([
                    ("name", .string(result.name)), ("kind", .string(result.kind.rawValue)),
                    ("status", .string(result.status.rawValue)), ("reason", text(result.reason)),
                    ("notReached", result.notReached.isEmpty ? nil : .array(result.notReached.map { .string(redact($0)) })),
                    ("leftBehind", result.leftBehind.isEmpty ? nil : .array(result.leftBehind.map { .string(redact($0)) })),
                    ("divergences", .array(result.divergences.map { divergence in
                        object([
                            ("kind", .string(divergence.kind.rawValue)), ("known", divergence.known ? .bool(true) : nil),
                            ("endpoint", divergence.endpointID == endpoint.id ? nil : .string(divergence.endpointID)),
                            ("pointer", divergence.pointer.map(JSONValue.string)), ("expected", text(divergence.expected)),
                            ("actual", text(divergence.actual)), ("message", .string(redact(divergence.message))),
                        ])
                    })),
                ])
            }
            return object([
                ("id", .string(endpoint.id)), ("service", .string(endpoint.service)),
                ("method", .string(endpoint.method.rawValue)), ("path", .string(endpoint.path.template)),
                ("requestsRun", .integer(run.requestsRun(for: endpoint.id))), ("cases", .array(cases)),
            ])
        }
        let services = run.target.bases.keys.sorted().map { ($0, JSONValue.string(redact(run.target.bases[$0]!))) }
        return object([
            ("understudy", .string(Conformance.version)),
            ("startedAt", .string(ISO8601DateFormatter().string(from: run.startedAt))),
            ("target", object([
                ("mode", .string(run.target.mode)), ("services", object(services)),
                ("credentials", object(run.credentials.keys.sorted().map { ($0, .string(run.credentials[$0]!)) })),
            ])),
            ("summary", object([
                ("passed", .integer(run.count(.passed))), ("failed", .integer(run.count(.failed))), ("skipped", .integer(run.count(.skipped))),
                ("known", .integer(run.count(.known))), ("endpoints", .integer(run.endpoints.count)),
                ("endpointsReached", .integer(run.endpoints.count - run.uncovered.count)),
                ("coverageGaps", .array(run.coverageGaps.map { .string($0.endpoint.id) })),
                ("families", object(run.families.map { family, counts in
                    (family.rawValue, object(CaseResult.Status.allCases.map { ($0.rawValue, .integer(counts[$0] ?? 0)) }))
                })),
                ("leftBehind", .integer(run.leftBehind.reduce(0) { $0 + $1.times })),
            ])),
            ("baseline", run.fixedSinceBaseline.map { fixed in object([
                ("fixed", .array(fixed.map { entry in
                    object([("endpoint", .string(entry.endpoint)), ("case", .string(entry.caseName)), ("kind", .string(entry.kind)),
                            ("pointer", entry.pointer.map(JSONValue.string))])
                })),
            ]) }),
            ("unmatched", run.unmatched.isEmpty ? nil : .array(run.unmatched.map { route in
                object([("method", .string(route.method)), ("path", .string(redact(route.path))), ("service", route.service.map(JSONValue.string)),
                        ("count", .integer(route.count))])
            })),
            ("endpoints", .array(endpoints)),
        ])
    }
}
