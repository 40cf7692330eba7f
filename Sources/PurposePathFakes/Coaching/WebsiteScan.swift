import Contracts
import Fakes
import Foundation
import JSON

/// `websiteScan` (POST /website/scan): derives a business name and an industry from the URL's host
/// and answers the templated `options.data`; it never fetches anything.
enum WebsiteScan {
    /// What the scan "found", exposed to the templates as `scan.businessName`, `scan.industry`, `scan.host`.
    struct Findings: Equatable {
        var host: String
        var businessName: String
        var industry: String
    }

    /// Answers `{success: true, data: options.data}` rendered with `scan`; a URL without a host → 422 `errors.url`.
    static func respond(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let url = call.body.coachingText("url")
        guard let host = host(of: url) else {
            throw .validation(["url": "must be a URL with a host name"])
        }
        let industries = (call.option("industries")?.arrayValue ?? []).compactMap { entry -> (match: String, industry: String)? in
            guard let match = entry["match"]?.stringValue, let industry = entry["industry"]?.stringValue else { return nil }
            return (match, industry)
        }
        let findings = scan(host: host, industries: industries, defaultIndustry: call.stringOption("defaultIndustry") ?? "")
        var scope = call.scope
        scope.extra["scan"] = [
            "businessName": .string(findings.businessName), "industry": .string(findings.industry), "host": .string(findings.host),
        ]
        return .data(Template.render(call.option("data") ?? .object([:]), in: scope))
    }

    /// The URL's host, lower-cased, without a leading `www.`; a URL without a scheme is read as https.
    static func host(of url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        let candidates = [trimmed, "https://" + trimmed]
        guard let host = candidates.lazy.compactMap({ URLComponents(string: $0)?.host }).first(where: { !$0.isEmpty }) else { return nil }
        let lowered = host.lowercased()
        return lowered.hasPrefix("www.") ? String(lowered.dropFirst(4)) : lowered
    }

    /// Business name from the host's first label (`acme-tools` → `Acme Tools`), industry from the
    /// first entry whose `match` appears in the host.
    static func scan(host: String, industries: [(match: String, industry: String)], defaultIndustry: String) -> Findings {
        let label = host.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let name = label.split(whereSeparator: { $0 == "-" || $0 == "_" })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
        let industry = industries.first { $0.match.isEmpty || host.contains($0.match.lowercased()) }?.industry ?? defaultIndustry
        return Findings(host: host, businessName: name, industry: industry)
    }
}
