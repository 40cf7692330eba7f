import Contracts
/// `--junit FILE`: one `<testsuite>` per service, one `<testcase classname="service.endpointId" name="case">`
/// per case, `<failure>` listing the divergences, `<skipped/>` with the reason; a `coverage` testcase
/// fails for each endpoint no case reached. Everything XML-escaped.
public struct JUnitReport: Sendable {
    public init() {}

    /// `isolation: goals of one tenant, seen by another`; names that already start with their family keep it once.
    static func named(_ result: CaseResult) -> String {
        result.name.hasPrefix(result.kind.rawValue) ? result.name : "\(result.kind.rawValue): \(result.name)"
    }

    public func render(_ run: RunResult, redact: Redactor) -> String {
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let gaps = run.coverageGaps.map(\.endpoint)
        xml.append("<testsuites name=\"understudy verify\" tests=\"\(run.results.count + gaps.count)\" failures=\"\(run.count(.failed) + gaps.count)\" skipped=\"\(run.count(.skipped))\">")
        for service in run.services {
            let results = run.results(inService: service)
            let serviceGaps = gaps.filter { $0.service == service }
            let failures = results.filter { $0.status == .failed }.count + serviceGaps.count
            let skipped = results.filter { $0.status == .skipped }.count
            xml.append("  <testsuite name=\"\(Self.escape(service))\" tests=\"\(results.count + serviceGaps.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">")
            for endpoint in serviceGaps {
                let why = redact(run.results(for: endpoint.id).compactMap(\.reason).first ?? "no case planned")
                xml.append("    <testcase classname=\"\(Self.escape(service + "." + endpoint.id))\" name=\"coverage\">")
                xml.append("      <failure message=\"\(Self.escape("no case reached this endpoint: " + why))\" type=\"coverage\"/>")
                xml.append("    </testcase>")
            }
            for result in results {
                // The family leads the name, so CI UIs group and count by it.
                let open = "    <testcase classname=\"\(Self.escape(service + "." + result.endpointID))\" name=\"\(Self.escape(Self.named(result)))\""
                switch result.status {
                case .passed: xml.append(open + "/>")
                case .known:
                    // Accepted by the baseline: passes, with the divergences kept for the reader.
                    let lines = result.divergences.map { redact("known " + $0.line) }
                    xml.append(open + ">")
                    xml.append("      <system-out>\(Self.escape(lines.joined(separator: "\n")))</system-out>")
                    xml.append("    </testcase>")
                case .skipped:
                    xml.append(open + ">")
                    xml.append("      <skipped message=\"\(Self.escape(redact(result.reason ?? "")))\"/>")
                    xml.append("    </testcase>")
                case .failed:
                    let lines = result.divergences.map { redact(($0.known ? "known " : "") + $0.line) } + result.notReached.map { redact($0) }
                    xml.append(open + ">")
                    xml.append("      <failure message=\"\(Self.escape(lines.first ?? "divergence"))\" type=\"divergence\">\(Self.escape(lines.joined(separator: "\n")))</failure>")
                    xml.append("    </testcase>")
                }
            }
            xml.append("  </testsuite>")
        }
        xml.append("</testsuites>")
        return xml.joined(separator: "\n") + "\n"
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids become U+FFFD.
    static func escape(_ text: String) -> String { XMLText.escape(text) }
}
