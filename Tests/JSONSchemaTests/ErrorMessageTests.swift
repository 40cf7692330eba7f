import JSON
import JSONSchema
import Testing

/// The messages and pointers a frontend developer sees in a 422.
struct ErrorMessageTests {
    let goalInput = compile("""
        {
          "type": "object",
          "required": ["title", "status"],
          "additionalProperties": false,
          "properties": {
            "title": { "type": "string", "minLength": 3 },
            "status": { "enum": ["draft", "active", "archived"] },
            "score": { "type": "number", "minimum": 0, "maximum": 100 },
            "products": {
              "type": "array",
              "items": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } }
            }
          }
        }
        """).schema

    @Test func requiredPointsAtTheMissingProperty() {
        let errors = goalInput.validate(json(#"{"status": "draft"}"#))
        #expect(errors == [ValidationError(instancePointer: JSONPointer("/title"), keyword: "required",
                                           schemaPointer: JSONPointer("/required"),
                                           message: #"missing required property "title""#)])
        #expect(fieldMap(errors) == [#"title: missing required property "title""#])
    }

    @Test func nestedPointerGoesThroughArrays() {
        let errors = goalInput.validate(json(#"{"title": "Grow", "status": "draft", "products": [{"name": "a"}, {"name": 5}]}"#))
        #expect(errors.count == 1)
        #expect(errors.first?.instancePointer == JSONPointer("/products/1/name"))
        #expect(errors.first?.keyword == "type")
        #expect(errors.first?.message == "expected string, got integer")
        #expect(fieldMap(errors) == ["products.1.name: expected string, got integer"])
    }

    @Test func missingPropertyInsideAnArrayItem() {
        let errors = goalInput.validate(json(#"{"title": "Grow", "status": "draft", "products": [{}]}"#))
        #expect(fieldMap(errors) == [#"products.0.name: missing required property "name""#])
    }

    @Test func enumListsTheAllowedValues() {
        let errors = goalInput.validate(json(#"{"title": "Grow", "status": "foo"}"#))
        #expect(fieldMap(errors) == [#"status: "foo" is not one of draft, active, archived"#])
        #expect(errors.first?.keyword == "enum")
        #expect(errors.first?.schemaPointer == JSONPointer("/properties/status/enum"))
    }

    @Test func extraPropertyIsNamedAtItsOwnPointer() {
        let errors = goalInput.validate(json(#"{"title": "Grow", "status": "draft", "nmae": 1}"#))
        #expect(fieldMap(errors) == [#"nmae: unexpected property "nmae""#])
        #expect(errors.first?.keyword == "additionalProperties")
    }

    @Test func everyFailureIsReportedInKeywordOrder() {
        let errors = goalInput.validate(json(#"{"title": "Go", "score": 101}"#))
        #expect(fieldMap(errors) == [
            #"status: missing required property "status""#,
            "title: must be at least 3 characters long (is 2)",
            "score: must be at most 100, got 101",
        ])
    }

    @Test func wrongTypeAtTheRootSaysBody() {
        let errors = goalInput.validate(json("[1]"))
        #expect(fieldMap(errors) == ["body: expected object, got array"])
    }

    @Test func nullableReportsBothAllowedTypes() {
        let schema = compile(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#).schema
        #expect(fieldMap(schema.validate(json("5"))) == ["body: expected string or null, got integer"])
        let typeList = compile(#"{"type": ["string", "null"]}"#).schema
        #expect(fieldMap(typeList.validate(json("true"))) == ["body: expected string or null, got boolean"])
    }

    @Test func anyOfReportsTheClosestBranchOnly() {
        let schema = compile("""
            {"anyOf": [
              {"type": "null"},
              {"type": "object", "required": ["id", "title"], "properties": {"id": {"type": "string"}, "title": {"type": "string"}}}
            ]}
            """).schema
        #expect(fieldMap(schema.validate(json(#"{"id": "g1"}"#))) == [#"title: missing required property "title""#])
    }

    @Test func oneOfPicksTheBranchWhoseDiscriminatorMatches() {
        let schema = compile("""
            {"oneOf": [
              {"type": "object", "required": ["kind", "url"], "properties": {"kind": {"const": "link"}, "url": {"type": "string"}}},
              {"type": "object", "required": ["kind", "text"], "properties": {"kind": {"const": "note"}, "text": {"type": "string"}}}
            ]}
            """).schema
        #expect(fieldMap(schema.validate(json(#"{"kind": "note", "text": 3}"#))) == ["text: expected string, got integer"])
        let both = compile(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#).schema
        #expect(fieldMap(both.validate(json("3"))) == ["body: must match exactly one of the 2 allowed shapes, but matches the 1st and 2nd"])
    }

    @Test func formatMessagesSayWhatIsExpected() {
        let schema = compile(#"{"properties": {"due": {"type": "string", "format": "date"}, "at": {"format": "date-time"}}}"#).schema
        #expect(fieldMap(schema.validate(json(#"{"due": "2024-02-30", "at": "yesterday"}"#))) == [
            "due: must be a valid date (YYYY-MM-DD)",
            "at: must be a valid date-time (RFC 3339, e.g. 2024-01-31T09:30:00Z)",
        ])
    }

    @Test func arrayAndObjectLimits() {
        let schema = compile(#"{"properties": {"tags": {"maxItems": 2, "uniqueItems": true}, "meta": {"minProperties": 1}}}"#).schema
        #expect(fieldMap(schema.validate(json(#"{"tags": ["a", "b", "a"], "meta": {}}"#))) == [
            "tags: must have at most 2 items (has 3)",
            "tags: must not contain duplicate items (items 0 and 2 are equal)",
            "meta: must have at least 1 property (has 0)",
        ])
    }

    @Test func dependentRequiredPointsAtTheMissingProperty() {
        let schema = compile(#"{"dependentRequired": {"billingAddress": ["country"]}}"#).schema
        #expect(fieldMap(schema.validate(json(#"{"billingAddress": "x"}"#))) == [
            #"country: missing property "country", required when "billingAddress" is present"#,
        ])
    }

    @Test func propertyNamesNamesTheBadKey() {
        let schema = compile(#"{"propertyNames": {"pattern": "^[a-z]+$"}}"#).schema
        #expect(fieldMap(schema.validate(json(#"{"ok": 1, "Bad": 2}"#))) == [
            #"Bad: invalid property name "Bad": must match the pattern ^[a-z]+$"#,
        ])
    }
}
