import Contracts
import Foundation
import JSON
import OpenAPIKit
import OpenAPIKitCompat
import OpenAPIKit30

/// Stage 2 of an import: is this a well-formed OpenAPI 3.0 or 3.1 document? OpenAPIKit decodes it
/// (3.0 through its 3.0 model) and validates it — unique operationIds, every internal reference
/// found, parameters unique and fit for their location. Its findings come back as diagnostics at
/// the line and column of the coding path they name.
///
/// The schemas themselves are not taken from OpenAPIKit's model: it keeps a subset of JSON Schema
/// (it drops `if`/`then`, `dependentRequired`, type lists, and turns a nullable `allOf` into
/// `type: null`), so the translation reads them from the document as written.
enum OpenAPIStructureCheck {
    enum Version: Equatable { case v30, v31 }

    /// The document's OpenAPI version, or nil (with an error) when it is none this import reads.
    static func version(of sources: OpenAPISources, diagnostics: DiagnosticsCollector) -> Version? {
        let root = sources.root.root
        if let swagger = root["swagger"] {
            diagnostics.error("Swagger \(swagger.stringValue ?? "2.0") is not OpenAPI 3; convert it first (for example with swagger2openapi)", at: sources.root.location(of: JSONPointer("/swagger")))
            return nil
        }
        guard case .string(let version) = root["openapi"] else {
            diagnostics.error(root.objectValue == nil ? "an OpenAPI document is a mapping" : "missing 'openapi': the OpenAPI version (3.0.x or 3.1.x)", at: sources.root.location(of: JSONPointer("/openapi")))
            return nil
        }
        if version.hasPrefix("3.0.") { return .v30 }
        if version.hasPrefix("3.1.") { return .v31 }
        diagnostics.error("OpenAPI \(version) is not read here: 3.0.x and 3.1.x are", at: sources.root.location(of: JSONPointer("/openapi")))
        return nil
    }

    /// Decodes and validates; false when the document cannot be translated (errors reported).
    static func check(_ sources: OpenAPISources, version: Version, diagnostics: DiagnosticsCollector) -> Bool {
        let data = Data(Self.withoutBooleanSchemas(sources.root.root).encoded())
        let decoder = JSONDecoder()
        // A later 3.1 patch release reads as the last one OpenAPIKit knows.
        if version == .v31, let text = sources.root.root["openapi"]?.stringValue, !["3.1.0", "3.1.1", "3.1.2"].contains(text) {
            decoder.userInfo[OpenAPIKit.DocumentConfiguration.versionMapKey] = [text: OpenAPIKit.OpenAPI.Document.Version.v3_1_2]
        }
        let document: OpenAPIKit.OpenAPI.Document
        do {
            switch version {
            case .v30: document = try decoder.decode(OpenAPIKit30.OpenAPI.Document.self, from: data).convert(to: .v3_1_1)
            case .v31: document = try decoder.decode(OpenAPIKit.OpenAPI.Document.self, from: data)
            }
        } catch {
            let problem = OpenAPIKit.OpenAPI.Error(from: error)
            diagnostics.error("not a valid OpenAPI document: \(oneLine(problem.localizedDescription))", at: sources.root.location(of: pointer(problem.codingPath)))
            return false
        }
        do {
            try document.validate(strict: false)
        } catch let collection as OpenAPIKit.ValidationErrorCollection {
            for failure in collection.values {
                var message = failure.reason
                if message.contains("Operation Ids in Document are unique") {
                    let counts = Dictionary(grouping: document.allOperationIds, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
                    message = "operationIds are not unique: \(counts.joined(separator: ", "))"
                }
                diagnostics.error(oneLine(message), at: sources.root.location(of: pointer(failure.codingPath)))
            }
            return false
        } catch {
            diagnostics.error("not a valid OpenAPI document: \(oneLine(String(describing: error)))", at: sources.root.location(of: .root))
            return false
        }
        return true
    }

    /// OpenAPIKit does not decode boolean subschemas (`properties: {x: true}`, valid JSON Schema
    /// 2020-12 and OpenAPI 3.1); the check sees `{}` and `{not: {}}` in their place. The
    /// translation reads the schemas as written.
    static func withoutBooleanSchemas(_ value: JSONValue, schema: Bool = false) -> JSONValue {
        switch value {
        case .bool(let flag) where schema:
            return flag ? [:] : ["not": [:]]
        case .object(let members):
            var out = members
            for (key, child) in members {
                if schema {
                    if let mapped = SchemaKeywords.mapSubschemas(key, child, { value, _ in withoutBooleanSchemas(value, schema: true) }) { out[key] = mapped }
                } else if key == "schema" {
                    out[key] = withoutBooleanSchemas(child, schema: true)
                } else if key == "schemas", case .object(let named) = child {
                    out[key] = .object(named.mapValues { withoutBooleanSchemas($0, schema: true) })
                } else {
                    out[key] = withoutBooleanSchemas(child)
                }
            }
            return .object(out)
        case .array(let items) where !schema:
            return .array(items.map { withoutBooleanSchemas($0) })
        default:
            return value
        }
    }

    static func pointer(_ path: [any CodingKey]) -> JSONPointer {
        JSONPointer(tokens: path.map { $0.intValue.map(String.init) ?? $0.stringValue })
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
