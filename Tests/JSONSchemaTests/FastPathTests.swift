import JSON
import JSONSchema
import Testing

/// `isValid` (no errors built) and `validate` must always agree.
struct FastPathTests {
    static let schemas = [
        #"{"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "pattern": "^g_"}}, "additionalProperties": {"type": "integer"}}"#,
        #"{"anyOf": [{"type": "null"}, {"type": "array", "items": {"type": "number", "multipleOf": 0.5}, "maxItems": 3}]}"#,
        #"{"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 10}]}"#,
        #"{"if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["a"]}, "else": {"required": ["b"]}}"#,
        #"{"not": {"enum": [1, "x", null]}, "uniqueItems": true, "contains": {"type": "string"}, "maxContains": 1}"#,
        #"{"prefixItems": [{"type": "string"}, {"format": "uuid"}], "items": false, "minItems": 1}"#,
        #"{"propertyNames": {"maxLength": 3}, "dependentSchemas": {"a": {"minProperties": 2}}, "patternProperties": {"^x": {"format": "date"}}}"#,
        ##"{"$defs": {"n": {"type": ["object", "null"], "properties": {"next": {"$ref": "#/$defs/n"}}}}, "$ref": "#/$defs/n"}"##,
    ]

    static let instances = [
        "null", "true", "0", "7", "7.5", "10.0", "12", #""x""#, #""g_1""#, "[]", "[1, 1.5, 2]", "[1, 2, 3, 4]",
        #"["a", "2eb8aa08-aa98-11ea-b4aa-73b441d16380"]"#, #"["a", "nope"]"#, #"["a", "b", "c"]"#, #"[1, "a", "a"]"#,
        "{}", #"{"id": "g_1"}"#, #"{"id": "h"}"#, #"{"id": "g_1", "n": 1.5}"#, #"{"kind": "a", "a": 1}"#,
        #"{"kind": "a", "b": 1}"#, #"{"a": 1}"#, #"{"xday": "2024-02-29"}"#, #"{"xday": "2023-02-29"}"#,
        #"{"long": 1}"#, #"{"next": {"next": null}}"#, #"{"next": {"next": 5}}"#,
    ]

    @Test(arguments: schemas)
    func isValidAgreesWithValidate(_ text: String) {
        let (schema, problems) = compile(text)
        #expect(problems.isEmpty)
        var validCount = 0
        for instance in Self.instances.map(json) {
            let errors = schema.validate(instance)
            #expect(schema.isValid(instance) == errors.isEmpty, "\(instance): \(errors)")
            if errors.isEmpty { validCount += 1 }
        }
        #expect(validCount > 0 && validCount < Self.instances.count, "the set should mix valid and invalid instances")
    }

    @Test func deeplyNestedInstancesDoNotExhaustTheStack() async throws {
        let schema = compile(##"{"anyOf": [{"type": "integer"}, {"type": "array", "items": {"$ref": "#"}}]}"##).schema
        let depth = JSONParser.defaultMaximumDepth - 1
        let valid = try JSONParser.parse(String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth))
        let invalid = try JSONParser.parse(String(repeating: "[", count: depth) + "true" + String(repeating: "]", count: depth))
        let outcome = await Task.detached { (schema.isValid(valid), schema.validate(invalid)) }.value
        #expect(outcome.0)
        #expect(outcome.1.count == 1)
        #expect(outcome.1.first?.instancePointer.tokens.count == depth)
    }

    @Test func compiledSchemaIsSharedAcrossTasks() async {
        let schema = compile(#"{"type": "object", "required": ["n"], "properties": {"n": {"type": "integer", "minimum": 0}}}"#).schema
        let results = await withTaskGroup(of: Bool.self) { group in
            for n in -50..<50 {
                group.addTask { schema.isValid(.object(["n": .integer(n)])) == (n >= 0) }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 })
    }
}
