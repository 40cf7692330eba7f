/// The console summary: failures grouped by endpoint, requests per endpoint, coverage gaps, the
/// baseline's verdict, and the final line `N passed, N failed, N skipped`.
public struct ConsoleReport: Sendable {
    public var verbose: Bool

    public init(verbose: Bool = false) { self.verbose = verbose }

    public func render(_ run: RunResult, redact: Redactor) -> String {
        var lines: [String] = []
        for endpoint in run.endpoints {
            let results = run.results(for: endpoint.id)
            let failed = results.filter { $0.status == .failed }
            let known = results.filter { $0.status == .known }
            guard verbose || !failed.isEmpty || !known.isEmpty else { continue }
            let counts = CaseResult.Status.allCases.map { status in "\(results.filter { $0.status == status }.count) \(status.rawValue)" }
            let mark = !failed.isEmpty ? "FAIL" : !known.isEmpty ? "known" : run.requestsRun(for: endpoint.id) == 0 ? "-" : "ok"
            lines.append("\(mark) \(endpoint.id) \(endpoint.method.rawValue) \(endpoint.service)\(endpoint.path.template)  [\(counts.joined(separator: ", ")); \(run.requestsRun(for: endpoint.id)) requests]")
            for result in results {
                switch result.status {
                case .passed: if verbose { lines.append("   ✓ \(result.name)") }
                case .skipped: if verbose { lines.append("   - \(result.name): skipped (\(redact(result.reason ?? "")))") }
                case .failed, .known:
                    lines.append("   ✗ \(result.name)\(result.status == .known ? " (known, in the baseline)" : "")")
                    for divergence in result.divergences {
                        let other = divergence.endpointID == endpoint.id ? "" : "[\(divergence.endpointID)] "
                        lines.append("       \(divergence.known ? "known " : "")\(other)\(redact(divergence.line))")
                    }
                }
            }
        }
        let gaps = run.coverageGaps
        if !gaps.isEmpty {
            lines.append("coverage: \(gaps.count) endpoint\(gaps.count == 1 ? "" : "s") reached by no case (a failure):")
            for (endpoint, reason) in gaps {
                lines.append("   \(endpoint.id) \(endpoint.method.rawValue) \(endpoint.service)\(endpoint.path.template)\(reason.map { " — \(redact($0))" } ?? "")")
            }
        }
        let reached = run.endpoints.count - run.uncovered.count
        let leftOut = run.uncovered.count - gaps.count
        lines.append("coverage: \(reached) of \(run.endpoints.count) endpoints reached\(leftOut > 0 ? " (\(leftOut) left out: read-only or no target)" : "")")
        if let fixed = run.fixedSinceBaseline {
            lines.append("baseline: \(run.count(.known)) case\(run.count(.known) == 1 ? "" : "s") with known divergences; \(fixed.count) baseline entr\(fixed.count == 1 ? "y" : "ies") no longer seen")
            for entry in fixed {
                lines.append("   fixed: \(entry.endpoint) \(entry.caseName) \(entry.kind)\(entry.pointer.map { " at \($0)" } ?? "")")
            }
        }
        var summary = "\(run.count(.passed)) passed, \(run.count(.failed)) failed, \(run.count(.skipped)) skipped"
        if run.fixedSinceBaseline != nil { summary += ", \(run.count(.known)) known" }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }
}
