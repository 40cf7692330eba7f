/// `--markdown FILE`: a summary sized for a pull-request comment — the verdict, a table per service,
/// the failing endpoints with their first divergences, coverage gaps and baseline changes.
public struct MarkdownReport: Sendable {
    /// At most this many failing endpoints are listed, and this many divergences each; the rest is counted.
    public var endpointLimit: Int
    public var divergenceLimit: Int

    public init(endpointLimit: Int = 25, divergenceLimit: Int = 3) {
        self.endpointLimit = endpointLimit
        self.divergenceLimit = divergenceLimit
    }

    public func render(_ run: RunResult, redact: Redactor) -> String {
        var lines: [String] = []
        let verdict = run.failed ? "❌ diverges from the contracts" : "✅ conforms to the contracts"
        lines.append("### understudy \(run.target.mode == "proxy" ? "proxy" : "verify"): \(verdict)")
        lines.append("")
        lines.append("\(run.count(.passed)) passed, \(run.count(.failed)) failed, \(run.count(.skipped)) skipped"
            + (run.fixedSinceBaseline != nil ? ", \(run.count(.known)) known" : "")
            + " · \(run.endpoints.count - run.uncovered.count) of \(run.endpoints.count) endpoints reached")
        lines.append("")
        lines.append("| service | target | passed | failed | skipped |")
        lines.append("|---|---|---:|---:|---:|")
        for service in run.services {
            let results = run.results(inService: service)
            let count = { (status: CaseResult.Status) in results.filter { $0.status == status }.count }
            let target = run.target.bases[service].map { "`\(redact($0))`" } ?? "—"
            lines.append("| \(service) | \(target) | \(count(.passed)) | \(count(.failed)) | \(count(.skipped)) |")
        }
        lines.append("")
        lines.append("| family | passed | failed | skipped |")
        lines.append("|---|---:|---:|---:|")
        for (family, counts) in run.families {
            lines.append("| \(family.rawValue) | \(counts[.passed] ?? 0) | \(counts[.failed] ?? 0) | \(counts[.skipped] ?? 0) |")
        }
        if !run.unmatched.isEmpty {
            lines.append("")
            lines.append("Not in the contracts (\(run.unmatched.count) route\(run.unmatched.count == 1 ? "" : "s")):")
            for route in run.unmatched.prefix(endpointLimit) { lines.append("- `\(route.method) \(redact(route.path))` ×\(route.count)") }
        }
        // Divergences by family, then endpoint: the family says what kind of release bug it is.
        var listed = 0
        var unlisted = 0
        var heading = false
        for family in CaseKind.allCases {
            let failedHere = run.results.filter { $0.kind == family && $0.status == .failed }
            let failing = run.endpoints.filter { endpoint in failedHere.contains { $0.endpointID == endpoint.id } }
            guard !failing.isEmpty else { continue }
            if !heading {
                lines.append("")
                lines.append("#### Divergences")
                heading = true
            }
            lines.append("- **\(family.rawValue)** — \(failedHere.count) failed")
            for endpoint in failing {
                guard listed < endpointLimit else { unlisted += 1; continue }
                listed += 1
                lines.append("  - **`\(endpoint.id)`** `\(endpoint.method.rawValue) \(endpoint.path.template)` (\(endpoint.service))")
                let divergences = failedHere.filter { $0.endpointID == endpoint.id }
                    .flatMap { result in result.divergences.filter { !$0.known }.map { (result.name, $0) } }
                for (name, divergence) in divergences.prefix(divergenceLimit) {
                    let other = divergence.endpointID == endpoint.id ? "" : " on `\(divergence.endpointID)`"
                    lines.append("    - \(Self.inline(name))\(other): \(Self.inline(redact(divergence.line)))")
                }
                if divergences.count > divergenceLimit { lines.append("    - … and \(divergences.count - divergenceLimit) more") }
            }
        }
        if unlisted > 0 { lines.append("- … and \(unlisted) more endpoints (see the JSON or JUnit report)") }
        if !run.leftBehind.isEmpty {
            lines.append("")
            lines.append("#### Left behind in the target")
            for entry in run.leftBehind.prefix(endpointLimit) {
                lines.append("- \(entry.times)× \(Self.inline(redact(entry.what))) (\(entry.endpoints.map { "`\($0)`" }.joined(separator: ", ")))")
            }
        }
        if !run.coverageGaps.isEmpty {
            lines.append("")
            lines.append("#### Endpoints no case reached")
            for (endpoint, reason) in run.coverageGaps {
                lines.append("- `\(endpoint.id)` `\(endpoint.method.rawValue) \(endpoint.path.template)`\(reason.map { ": " + Self.inline(redact($0)) } ?? "")")
            }
        }
        if let fixed = run.fixedSinceBaseline, !fixed.isEmpty {
            lines.append("")
            lines.append("#### Fixed since the baseline")
            for entry in fixed {
                lines.append("- `\(entry.endpoint)` \(Self.inline(entry.caseName)) \(entry.kind)\(entry.pointer.map { " at `\($0)`" } ?? "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text safe inside a Markdown list item: no line breaks, no table pipes, no stray backticks.
    static func inline(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
    }
}
