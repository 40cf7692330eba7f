import JSON
import JSONSchema
import Testing

/// `$ref` across documents of a registry, inline schemas, recursion, dangling refs and cycles.
struct ReferenceTests {
    @Test func crossDocumentReferenceResolvesRelativeToTheReferringFile() {
        let registry = SchemaRegistry(documents: [
            "file:///a.yaml": json(##"{"schemas": {"Order": {"type": "object", "properties": {"item": {"$ref": "b.yaml#/schemas/X"}}}}}"##),
            "file:///b.yaml": json(##"{"schemas": {"X": {"type": "string", "minLength": 2}}}"##),
        ])
        var compiler = SchemaCompiler(registry: registry)
        let order = compiler.compile(uri: "file:///a.yaml", pointer: JSONPointer("/schemas/Order"))
        #expect(compiler.problems.isEmpty)
        #expect(order.isValid(json(##"{"item": "ab"}"##)))
        let errors = order.validate(json(##"{"item": "a"}"##))
        #expect(errors == [ValidationError(instancePointer: JSONPointer("/item"), keyword: "minLength",
                                           schemaPointer: JSONPointer("/schemas/X/minLength"),
                                           message: "must be at least 2 characters long (is 1)")])
    }

    @Test func parentDirectoryReferencesWorkLikeLinks() {
        let registry = SchemaRegistry(documents: [
            "file:///contracts/traction/goals.yaml": json(##"{"schemas": {"Goal": {"properties": {"status": {"$ref": "../common/enums.yaml#/schemas/Status"}}}}}"##),
            "file:///contracts/common/enums.yaml": json(##"{"schemas": {"Status": {"enum": ["draft", "active"]}}}"##),
        ])
        var compiler = SchemaCompiler(registry: registry)
        let goal = compiler.compile(uri: "file:///contracts/traction/goals.yaml", pointer: JSONPointer("/schemas/Goal"))
        #expect(compiler.problems.isEmpty)
        #expect(fieldMap(goal.validate(json(##"{"status": "done"}"##))) == [##"status: "done" is not one of draft, active"##])
    }

    @Test func inlineSchemaRefsResolveAgainstTheGivenDocument() {
        let registry = SchemaRegistry(documents: [
            "file:///c/goals.yaml": json(##"{"schemas": {"Goal": {"type": "object", "required": ["id"]}}}"##),
        ])
        var compiler = SchemaCompiler(registry: registry)
        let envelope = compiler.compile(json("""
            {"type": "object", "required": ["success", "data"],
             "properties": {"success": {"const": true}, "data": {"$ref": "#/schemas/Goal"}}}
            """), uri: "file:///c/goals.yaml")
        #expect(compiler.problems.isEmpty)
        #expect(envelope.isValid(json(##"{"success": true, "data": {"id": "g1"}}"##)))
        #expect(fieldMap(envelope.validate(json(##"{"success": true, "data": {}}"##))) == [##"data.id: missing required property "id""##])
    }

    @Test func recursiveSchemasValidateNestedData() {
        let (tree, problems) = compile("""
            {"$defs": {"node": {"type": "object", "required": ["name"],
               "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
             "$ref": "#/$defs/node"}
            """)
        #expect(problems.isEmpty)
        let data = json(##"{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}, {"children": []}]}]}"##)
        #expect(fieldMap(tree.validate(data)) == [##"children.0.children.1.name: missing required property "name""##])
    }

    @Test func anchorsAndIdsChangeTheBase() {
        let (schema, problems) = compile("""
            {"$id": "https://example.com/root.json",
             "properties": {"a": {"$ref": "other.json#positive"}},
             "$defs": {"o": {"$id": "other.json", "$defs": {"p": {"$anchor": "positive", "minimum": 1}}}}}
            """)
        #expect(problems.isEmpty)
        #expect(schema.isValid(json(##"{"a": 1}"##)))
        #expect(!schema.isValid(json(##"{"a": 0}"##)))
    }

    @Test func danglingReferenceIsAProblemAtTheRef() {
        let uri = "file:///a.yaml"
        var compiler = SchemaCompiler(registry: SchemaRegistry(documents: [
            uri: json(##"{"schemas": {"A": {"properties": {"x": {"$ref": "#/schemas/Missing"}, "y": {"$ref": "nowhere.yaml#/X"}}}}}"##),
        ]))
        let schema = compiler.compile(uri: uri, pointer: JSONPointer("/schemas/A"))
        #expect(compiler.problems.map(\.pointer) == [
            JSONPointer("/schemas/A/properties/x/$ref"), JSONPointer("/schemas/A/properties/y/$ref"),
        ])
        #expect(compiler.problems.allSatisfy { $0.uri == uri && $0.message.hasPrefix("unresolvable reference") })
        #expect(compiler.problems.first?.message == ##"unresolvable reference "#/schemas/Missing": nothing at "#/schemas/Missing" in file:///a.yaml"##)
        #expect(schema.isValid(json(##"{"x": 1}"##)))  // the broken keyword is ignored, the rest still works
    }

    @Test func referenceCycleIsReportedOnceAndCut() {
        let uri = "file:///a.yaml"
        var compiler = SchemaCompiler(registry: SchemaRegistry(documents: [
            uri: json(##"{"schemas": {"A": {"$ref": "#/schemas/B"}, "B": {"$ref": "#/schemas/A"}, "C": {"$ref": "#/schemas/C"}}}"##),
        ]))
        let a = compiler.compile(uri: uri, pointer: JSONPointer("/schemas/A"))
        _ = compiler.compile(uri: uri, pointer: JSONPointer("/schemas/B"))
        _ = compiler.compile(uri: uri, pointer: JSONPointer("/schemas/C"))
        #expect(compiler.problems == [
            SchemaProblem(uri: uri, pointer: JSONPointer("/schemas/A/$ref"),
                          message: "reference cycle: #/schemas/A → #/schemas/B → #/schemas/A never reaches a schema"),
            SchemaProblem(uri: uri, pointer: JSONPointer("/schemas/C/$ref"),
                          message: "reference cycle: #/schemas/C → #/schemas/C never reaches a schema"),
        ])
        #expect(a.isValid(json("1")))  // terminates
    }

    @Test func recursionThroughPropertiesIsNotACycle() {
        let (_, problems) = compile(##"{"properties": {"self": {"$ref": "#"}}, "items": {"$ref": "#"}}"##)
        #expect(problems.isEmpty)
    }

    @Test func compilingTheSameLocationTwiceReusesTheSchema() {
        var compiler = SchemaCompiler(registry: SchemaRegistry(documents: ["file:///a.json": json(##"{"type": "string"}"##)]))
        _ = compiler.compile(uri: "file:///a.json")
        _ = compiler.compile(uri: "file:///a.json#")
        #expect(compiler.problems.isEmpty)
        _ = compiler.compile(uri: "file:///missing.json")
        #expect(compiler.problems.map(\.message) == ["cannot compile: no document at file:///missing.json"])
    }

    @Test func entryPointMayBeAFragment() {
        var compiler = SchemaCompiler(registry: SchemaRegistry(documents: [
            "file:///g.yaml": json(##"{"schemas": {"Goal": {"properties": {"id": {"$anchor": "goalId", "type": "string"}}}}}"##),
        ]))
        let byPointer = compiler.compile(uri: "file:///g.yaml#/schemas/Goal", pointer: JSONPointer("/properties/id"))
        let byAnchor = compiler.compile(uri: "file:///g.yaml#goalId")
        #expect(compiler.problems.isEmpty)
        #expect(!byPointer.isValid(1) && !byAnchor.isValid(1) && byAnchor.isValid("g1"))
    }
}
