import Foundation
import JSON
import JSONSchema

/// Where the official JSON-Schema-Test-Suite lives (`../shared/testdata/…` next to the repo) and how to read it.
enum OfficialSuite {
    /// Keyword files run with `format` as an annotation (the 2020-12 default).
    static let keywordFiles = [
        "additionalProperties", "allOf", "anchor", "anyOf", "boolean_schema", "const", "contains", "default",
        "defs", "dependentRequired", "dependentSchemas", "enum", "exclusiveMaximum", "exclusiveMinimum", "format",
        "if-then-else", "infinite-loop-detection", "items", "maxContains", "maxItems", "maxLength",
        "maxProperties", "maximum", "minContains", "minItems", "minLength", "minProperties", "minimum",
        "multipleOf", "not", "oneOf", "pattern", "patternProperties", "prefixItems", "properties",
        "propertyNames", "ref", "required", "type", "uniqueItems",
    ].map { "\($0).json" }

    /// Format files run with `assertFormats = true`.
    static let formatFiles = ["date-time", "date", "email", "uuid", "uri"].map { "optional/format/\($0).json" }

    /// Tests/JSONSchemaTests/OfficialSuite.swift → repo root → ../shared/testdata/json-schema-test-suite/draft2020-12
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/testdata/json-schema-test-suite/draft2020-12")

    static let isAvailable: Bool = {
        let found = FileManager.default.fileExists(atPath: directory.path)
        if !found {
            print("JSON-Schema-Test-Suite not found at \(directory.standardizedFileURL.path): the official suite tests are skipped")
        }
        return found
    }()

    /// The groups of one suite file, parsed with the project's own parser.
    static func groups(in file: String) throws -> [JSONValue] {
        let url = directory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SuiteError(message: "cannot read \(url.path)")
        }
        guard let groups = try JSONParser.parse(Array(data)).arrayValue else {
            throw SuiteError(message: "\(file) is not an array of test groups")
        }
        return groups
    }

    /// Why a group cannot run here, when its only problems come from features deliberately left out.
    static func skipReason(_ problems: [SchemaProblem]) -> String? {
        guard !problems.isEmpty else { return nil }
        let reasons = problems.map { problem -> String? in
            if problem.message.contains("is not supported by this validator") { return problem.message }
            guard problem.message.contains("unresolvable reference") else { return nil }
            if problem.message.contains("https://json-schema.org/draft/2020-12/schema") {
                return "needs the 2020-12 metaschema document, which is not bundled"
            }
            if problem.message.contains("http://localhost:1234") {
                return "needs a remote document served at http://localhost:1234"
            }
            return nil
        }
        guard reasons.allSatisfy({ $0 != nil }) else { return nil }
        return Array(Set(reasons.compactMap { $0 })).sorted().joined(separator: "; ")
    }
}

struct SuiteError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
