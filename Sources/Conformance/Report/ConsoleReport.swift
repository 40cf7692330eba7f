/// The console summary: failures grouped by endpoint, case counts per endpoint, endpoints with no
/// executed case, and the final line `N passed, N failed, N skipped`.
public struct ConsoleReport: Sendable {
    public var verbose: Bool

    public init(verbose: Bool = false) { self.verbose = verbose }

    public func render(_ run: RunResult, redact: Redactor) -> String {
        var lines: [String] = []
        for endpoint in run.endpoints {
            let results = run.results(for: endpoint.id)
            let failed = results.filter { $0.status == .failed }
            let counts = "\(results.filter { $0.status == .passed }.count)/\(failed.count)/\(results.filter { $0.status == .skipped }.count)"
            let mark = failed.isEmpty ? (results.allSatisfy { $0.status == .skipped } ? "-" : "ok") : "FAIL"
            if failed.isEmpty, !verbose { continue }
            lines.append("\(mark) \(endpoint.id) \(endpoint.method.rawValue) \(endpoint.service)\(endpoint.path.template)  [passed/failed/skipped \(counts)]")
            for result in results where result.status != .passed || verbose {
                if result.status == .skipped {
                    lines.append("   - \(result.name): skipped (\(redact(result.reason ?? "")))")
                    continue
                }
                if result.status == .passed { lines.append("   ✓ \(result.name)"); continue }
                lines.append("   ✗ \(result.name)")
                for divergence in result.divergences {
                    let at = divergence.pointer.map { " at \($0)" } ?? ""
                    let versus = divergence.expected.map { e in " (expected \(e), got \(divergence.actual ?? "?"))" } ?? ""
                    let other = divergence.endpointID == endpoint.id ? "" : "[\(divergence.endpointID)] "
                    lines.append("       \(divergence.kind.rawValue)\(at): \(other)\(redact(divergence.message))\(redact(versus))")
                }
            }
        }
        let uncovered = run.endpoints.filter { endpoint in !run.results(for: endpoint.id).contains { $0.status != .skipped } }
        if !uncovered.isEmpty {
            lines.append("coverage: \(uncovered.count) endpoint\(uncovered.count == 1 ? "" : "s") with no executed case:")
            for endpoint in uncovered {
                let reason = run.results(for: endpoint.id).first?.reason.map { " — \(redact($0))" } ?? ""
                lines.append("   \(endpoint.id) \(endpoint.method.rawValue) \(endpoint.service)\(endpoint.path.template)\(reason)")
            }
        }
        lines.append("\(run.count(.passed)) passed, \(run.count(.failed)) failed, \(run.count(.skipped)) skipped")
        return lines.joined(separator: "\n")
    }
}
