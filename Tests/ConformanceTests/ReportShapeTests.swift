import Conformance
import Foundation
import JSON
import JSONSchema
import TestSupport
import Testing

/// The JSON report has its documented shape; the JUnit report is well-formed XML.
@Suite struct ReportShapeTests {
    /// The report validates against docs/report-schema.json, the schema docs/report-format.md publishes.
    static func checkJSONShape(_ report: JSONValue) throws {
        let text = try String(contentsOfFile: repositoryRoot + "/docs/report-schema.json", encoding: .utf8)
        var compiler = SchemaCompiler(registry: SchemaRegistry())
        let schema = compiler.compile(try JSONParser.parse(Array(text.utf8)), uri: "file:///docs/report-schema.json")
        #expect(compiler.problems.isEmpty, "docs/report-schema.json: \(compiler.problems)")
        let errors = schema.validate(report)
        #expect(errors.isEmpty, "the report does not match docs/report-schema.json: \(errors.prefix(5).map { "\($0.instancePointer) \($0.message)" })")
    }

    /// A small well-formedness check (xmllint is not installed here; Foundation's XMLDocument is not on
    /// Linux): balanced tags, quoted attributes, only the five entities or numeric references.
    static func checkWellFormed(_ xml: String) throws {
        var stack: [String] = []
        var rest = xml[...]
        #expect(rest.hasPrefix("<?xml"))
        while let open = rest.firstIndex(of: "<") {
            let text = rest[..<open]
            try checkEntities(text)
            guard let close = rest[open...].firstIndex(of: ">") else { Issue.record("unclosed tag"); return }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("?") { continue }
            #expect(!tag.contains("<"), "'<' inside a tag: \(tag)")
            try checkEntities(tag)
            #expect(tag.filter { $0 == "\"" }.count % 2 == 0, "unbalanced quotes in \(tag)")
            if tag.hasPrefix("/") {
                #expect(stack.popLast() == String(tag.dropFirst()), "mismatched </\(tag.dropFirst())>")
            } else if !tag.hasSuffix("/") {
                stack.append(String(tag.split(separator: " ").first ?? ""))
            }
        }
        #expect(stack.isEmpty, "unclosed: \(stack)")
    }

    static func checkEntities(_ text: Substring) throws {
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            let after = rest[amp...]
            let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"].contains { after.hasPrefix($0) }
            #expect(ok, "bare & in \(text.prefix(80))")
            rest = rest[rest.index(after: amp)...]
        }
    }

    @Test func reportsFromARunWithEveryOutcome() throws {
        let (contracts, _, _) = try SmallContracts.load()
        let endpoint = try #require(contracts.endpoint(id: "getGoal"))
        let base = TestCase(endpointID: "getGoal", service: "traction", name: "example <&\"'>", kind: .example, request: nil, expectedStatus: 200)
        let divergence = Divergence(endpointID: "getGoal", caseName: base.name, kind: .schema, pointer: "/data/title",
                                    expected: "required", actual: "missing", message: "a <b> & \"c\" Bearer abc.def")
        let results = [CaseResult(base, divergences: [divergence]), CaseResult.skipped(base, "no fixture & no luck"), CaseResult(base, divergences: [])]
        let run = RunResult(startedAt: Date(), target: Target(bases: ["traction": "http://x"]), credentials: ["kind": "token", "token": Redactor.mask],
                            endpoints: [endpoint], results: results)
        let redact = Redactor(secrets: [])
        let json = JSONReport().render(run, redact: redact)
        try Self.checkJSONShape(json)
        #expect(json["summary"]?["passed"] == 1 && json["summary"]?["failed"] == 1 && json["summary"]?["skipped"] == 1)
        #expect(json["summary"]?["coverageGaps"] == [], "getGoal was reached by the passed case")
        #expect(json["endpoints"]?[0]?["requestsRun"] == 2)
        #expect(json["endpoints"]?[0]?["cases"]?[0]?["divergences"]?[0]?["pointer"] == "/data/title")
        let xml = JUnitReport().render(run, redact: redact)
        try Self.checkWellFormed(xml)
        #expect(xml.contains("<testcase classname=\"traction.getGoal\" name=\"example &lt;&amp;&quot;&apos;&gt;\""))
        #expect(xml.contains("<skipped message=\"no fixture &amp; no luck\"/>") && !xml.contains("abc.def"))
        let console = ConsoleReport().render(run, redact: redact)
        #expect(console.hasSuffix("1 passed, 1 failed, 1 skipped"))
        #expect(console.contains("schema at /data/title"))
    }
}
