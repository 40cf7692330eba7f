import Conformance
import Contracts
import Foundation

/// The proxy's traffic written as `verify` writes a run: JSON (`mode: proxy`), JUnit, Markdown,
/// with a baseline's known divergences accepted the same way.
public struct ProxyReports: Sendable {
    public var json: String?
    public var junit: String?
    public var markdown: String?
    public var baseline: Baseline?
    public var conventions: Conventions

    public init(json: String? = nil, junit: String? = nil, markdown: String? = nil, baseline: Baseline? = nil, conventions: Conventions) {
        self.json = json
        self.junit = junit
        self.markdown = markdown
        self.baseline = baseline
        self.conventions = conventions
    }

    /// The run with the baseline applied.
    public func judged(_ run: RunResult) -> RunResult { baseline.map(run.applying) ?? run }

    /// Writes every report asked for; answers the paths written.
    public func write(_ run: RunResult) throws -> [String] {
        let run = judged(run)
        let redact = Redactor(secrets: [], conventions: conventions)
        var written: [String] = []
        func put(_ text: String, _ path: String?) throws {
            guard let path else { return }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            written.append(path)
        }
        try put(JSONReport().render(run, redact: redact).jsonString(pretty: true) + "\n", json)
        try put(JUnitReport().render(run, redact: redact), junit)
        try put(MarkdownReport().render(run, redact: redact), markdown)
        return written
    }
}
