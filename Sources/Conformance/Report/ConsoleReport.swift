/// The console summary: failures grouped by family, then endpoint, with requests per endpoint;
/// counts per family; what the run left behind; coverage gaps; the baseline's verdict; and the
/// final line `N passed, N failed, N skipped`.
public struct ConsoleReport: Sendable {
    public var verbose: Bool

    public init(verbose: Bool = false) { self.verbose = verbose }

    public func render(_ run: RunResult, redact: Redactor) -> String {
        var lines: [String] = []
        for family in CaseKind.allCases {
            let inFamily = run.results.filter { $0.kind == family }
            let shown = inFamily.filter { verbose || $0.status == .failed || $0.status == .known }
            guard !shown.isEmpty else { continue }
            let failed = inFamily.count { $0.status == .failed }
            lines.append("\(family.rawValue): \(failed) of \(inFamily.count) case\(inFamily.count == 1 ? "" : "s") failed")
            for endpoint in run.endpoints {
                let results = shown.filter { $0.endpointID == endpoint.id }
                guard !results.isEmpty else { continue }
                let mark = results.contains { $0.status == .failed } ? "FAIL" : results.contains { $0.status == .known } ? "known" : "ok"
                lines.append("  \(mark) \(endpoint.id) \(endpoint.method.rawValue) \(endpoint.service)\(endpoint.path.template)  [\(run.requestsRun(for: endpoint.id)) requests]")
                for result in results {
                    switch result.status {
                    case .passed: lines.append("     ✓ \(result.name)")
                    case .skipped: lines.append("     - \(result.name): skipped (\(redact(result.reason ?? "")))")
                    case .failed, .known:
                        lines.append("     ✗ \(result.name)\(result.status == .known ? " (known, in the baseline)" : "")")
                        for divergence in result.divergences {
                            let other = divergence.endpointID == endpoint.id ? "" : "[\(divergence.endpointID)] "
                            lines.append("         \(divergence.known ? "known " : "")\(other)\(redact(divergence.line))")
                        }
                    }
                    for step in result.notReached { lines.append("         \(redact(step))") }
                }
            }
        }
        lines.append("families: \(run.familyLine)")
        let left = run.leftBehind
        if !left.isEmpty {
            lines.append("left behind: \(left.reduce(0) { $0 + $1.times }) (the API cannot remove them)")
            for entry in left { lines.append("   \(entry.times)× \(redact(entry.what)) — \(entry.endpoints.joined(separator: ", "))") }
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
