import JSON
import JSONSchema
import Testing

/// Malformed schemas are reported at the bad keyword's pointer, all at once.
struct SchemaProblemTests {
    @Test func invalidPatternIsAProblem() {
        let (schema, problems) = compile(#"{"properties": {"code": {"pattern": "^(abc"}}, "patternProperties": {"[": true}}"#)
        #expect(problems.map(\.pointer) == [JSONPointer("/properties/code/pattern"), JSONPointer("/patternProperties/[")])
        #expect(problems.first?.message == #"invalid regular expression "^(abc""#)
        #expect(schema.isValid(json(#"{"code": "x"}"#)))
    }

    @Test func malformedKeywordsAreReportedWithTheirPointers() {
        let (_, problems) = compile("""
            {"type": "object", "required": "title", "minimum": "5", "minLength": -1,
             "properties": {"a": {"type": "strin"}, "b": {"type": ["string", "nul"]}, "c": 5, "d": {"items": [true]}},
             "multipleOf": 0, "uniqueItems": "yes", "allOf": [], "enum": 3}
            """)
        let found = Dictionary(uniqueKeysWithValues: problems.map { ($0.pointer.description, $0.message) })
        #expect(found == [
            "/required": #""required" must be an array of property names, not "title""#,
            "/minimum": #""minimum" must be a number, not "5""#,
            "/minLength": #""minLength" must be a non-negative integer, not -1"#,
            "/properties/a/type": #"unknown type "strin"; expected one of null, boolean, integer, number, string, array, object"#,
            "/properties/b/type/1": #"unknown type "nul"; expected one of null, boolean, integer, number, string, array, object"#,
            "/properties/c": "a schema must be an object or a boolean, not integer 5",
            "/properties/d/items": #""items" must be a single schema; use "prefixItems" for tuples"#,
            "/multipleOf": #""multipleOf" must be greater than 0"#,
            "/uniqueItems": #""uniqueItems" must be true or false"#,
            "/allOf": #""allOf" must be a non-empty array of schemas"#,
            "/enum": #""enum" must be an array of the allowed values"#,
        ])
    }

    @Test func annotationsAndUnknownKeywordsAreAccepted() {
        let (schema, problems) = compile("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Goal", "description": "d",
             "default": {}, "examples": [{}], "deprecated": true, "readOnly": false, "writeOnly": false,
             "$comment": "c", "contentMediaType": "text/plain", "x-internal": true, "format": "int64"}
            """)
        #expect(problems.isEmpty)
        #expect(schema.isValid(json("1")))
    }

    @Test func unsupportedKeywordsAreNotSilentlyIgnored() {
        let (_, problems) = compile(#"{"unevaluatedProperties": false}"#)
        #expect(problems.map(\.message) == [#""unevaluatedProperties" is not supported by this validator"#])
    }

    @Test func duplicateAnchorsAreProblems() {
        let (_, problems) = compile(#"{"$defs": {"a": {"$anchor": "x"}, "b": {"$anchor": "x"}}}"#)
        #expect(problems.map(\.pointer) == [JSONPointer("/$defs/b/$anchor")])
    }
}
