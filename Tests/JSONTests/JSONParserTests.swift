import JSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesNestedDocumentKeepingKeyOrderAndIntegers() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": [true, null, 2.5, "x\n\u00e9"], "m": {"k": -0}}"#)
        #expect(value.objectValue?.keys.elements == ["z", "a", "m"])
        #expect(value["z"] == .integer(1))
        #expect(value["a"] == [true, nil, 2.5, "x\né"])
        #expect(value["m"]?["k"] == .integer(0))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(arguments: [
        (#"{"a": 1"#, "unexpected end of input in an object", 1, 8),
        ("[1,]", "unexpected character ']'", 1, 4),
        ("{\n  \"a\": tru }", "unexpected character 't'", 2, 8),
        ("01", "leading zeros are not allowed", 1, 2),
        (#""\x""#, "invalid escape \\'x'", 1, 3),
        ("1 2", "unexpected data after the JSON value", 1, 3),
        ("", "empty document", 1, 1),
        (#""\ud800""#, "unpaired surrogate in \\u escape", 1, 8),
    ])
    func reportsWhereAndWhy(input: String, message: String, line: Int, column: Int) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.message == message)
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test func refusesHostileNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test func roundTripsThroughTheEncoder() throws {
        let text = #"{"id":"goal_1","score":85,"ratio":0.5,"tags":["a\"b","\u0001"],"none":null}"#
        let value = try JSONParser.parse(text)
        #expect(value.jsonString() == text)
        #expect(try JSONParser.parse(value.jsonString(pretty: true)) == value)
    }

    @Test func jsonEqualityIgnoresKeyOrderAndNumberSpelling() throws {
        let a = try JSONParser.parse(#"{"a": 1, "b": [1.0]}"#)
        let b = try JSONParser.parse(#"{"b": [1], "a": 1.0}"#)
        #expect(a.isJSONEqual(to: b))
        #expect(!a.isJSONEqual(to: try JSONParser.parse(#"{"a": 1}"#)))
    }

    @Test func pointersEscapeAndResolve() throws {
        let doc = try JSONParser.parse(#"{"a/b": {"m~n": [10, 20]}}"#)
        let pointer = JSONPointer("/a~1b/m~0n/1")
        #expect(pointer.tokens == ["a/b", "m~n", "1"])
        #expect(pointer.description == "/a~1b/m~0n/1")
        #expect(doc.value(at: pointer) == .integer(20))
        #expect(doc.value(at: JSONPointer("/a~1b/missing")) == nil)
        #expect(JSONPointer("/products/0/name").dotted == "products.0.name")
        // "~01" is a tilde followed by "1", not a slash: unescaping order matters (RFC 6901 §4).
        #expect(JSONPointer("/~01/é~1~1/~").tokens == ["~1", "é//", "~"])
        #expect(JSONPointer(tokens: ["~1", "é//", "~~"]).description == "/~01/é~1~1/~0~0")
    }
}
