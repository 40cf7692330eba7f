import Foundation
import JSON
import JSONSchema
import Testing

/// Runs the official JSON-Schema-Test-Suite (draft 2020-12) for every supported keyword and format.
@Suite(.enabled(if: OfficialSuite.isAvailable, "../shared/testdata/json-schema-test-suite is absent"))
struct OfficialSuiteTests {
    @Test("keyword files, format as annotation", arguments: OfficialSuite.keywordFiles)
    func keywordFile(_ file: String) throws {
        try run(file, options: SchemaOptions(assertFormats: false))
    }

    @Test("optional format files, format asserted", arguments: OfficialSuite.formatFiles)
    func formatFile(_ file: String) throws {
        try run(file, options: SchemaOptions(assertFormats: true))
    }

    private func run(_ file: String, options: SchemaOptions) throws {
        var passed = 0
        var total = 0
        var report: [String] = []
        for (groupIndex, group) in try OfficialSuite.groups(in: file).enumerated() {
            let description = group["description"]?.stringValue ?? "group \(groupIndex)"
            let uri = "file:///suite/\(file)/\(groupIndex).json"
            var compiler = SchemaCompiler(registry: SchemaRegistry(documents: [uri: group["schema"] ?? true]),
                                          options: options)
            let schema = compiler.compile(uri: uri)
            let skip = OfficialSuite.skipReason(compiler.problems)
            if skip == nil && !compiler.problems.isEmpty {
                Issue.record("\(file) [\(description)]: unexpected schema problems \(compiler.problems)")
            }
            for test in group["tests"]?.arrayValue ?? [] {
                let name = "\(file) [\(description)] \(test["description"]?.stringValue ?? "?")"
                total += 1
                if let skip {
                    report.append("  skipped \(name): \(skip)")
                    continue
                }
                let data = test["data"] ?? .null
                let expected = test["valid"]?.boolValue ?? false
                let fast = schema.isValid(data)
                let errors = schema.validate(data)
                if fast == expected && errors.isEmpty == expected {
                    passed += 1
                } else {
                    Issue.record("\(name): expected valid=\(expected), isValid=\(fast), errors=\(errors)")
                }
                for error in errors where !Self.isWellFormed(error, in: data) {
                    Issue.record("\(name): badly placed or generic error \(error)")
                }
            }
        }
        let skipped = report.count
        print(([("\(file): \(passed)/\(total)" + (skipped > 0 ? " (\(skipped) skipped)" : ""))] + report)
            .joined(separator: "\n"))
        #expect(passed + skipped == total)
    }

    /// Every error explains itself (no generic fallback) and points into the instance, except a
    /// missing required property, which points where it should have been.
    static func isWellFormed(_ error: ValidationError, in instance: JSONValue) -> Bool {
        if error.keyword == "schema" || error.message.hasPrefix("does not match \"") { return false }
        if error.keyword == "required" || error.keyword == "dependentRequired" {
            return error.instancePointer.parent.flatMap { instance.value(at: $0) } != nil
        }
        return instance.value(at: error.instancePointer) != nil
    }
}
