import JSON
import JSONSchema
import Testing

/// The corners of keyword semantics that contracts actually hit.
struct KeywordSemanticsTests {
    @Test func lengthsCountCodePointsNotUTF16() {
        let schema = compile(#"{"minLength": 2, "maxLength": 2}"#).schema
        #expect(schema.isValid(.string("💩💩")))       // 4 UTF-16 units, 2 code points
        #expect(schema.isValid(.string("e\u{301}x")) == false)  // 3 code points, 2 characters
        #expect(!schema.isValid(.string("💩")))
    }

    @Test func multipleOfIsDecimalSafe() {
        let cents = compile(#"{"multipleOf": 0.01}"#).schema
        #expect(cents.isValid(.number(19.99)))
        #expect(cents.isValid(.number(0.07)))
        #expect(!cents.isValid(.number(19.999)))
        #expect(cents.isValid(.integer(5)))
        let tenth = compile(#"{"multipleOf": 0.1}"#).schema
        #expect(tenth.isValid(.number(0.3)))
        #expect(fieldMap(tenth.validate(.number(0.35))) == ["body: must be a multiple of 0.1"])
    }

    @Test func wholeNumbersAreIntegers() {
        let schema = compile(#"{"type": "integer", "maximum": 9007199254740993}"#).schema
        #expect(schema.isValid(.number(1.0)))
        #expect(!schema.isValid(.number(1.5)))
        #expect(schema.isValid(.integer(9_007_199_254_740_993)))  // exact integer comparison
        #expect(!schema.isValid(.integer(9_007_199_254_740_994)))
    }

    @Test func enumAndConstCompareStringsByCodePoints() {
        let schema = compile(#"{"enum": ["caf\u00e9", "tea"]}"#).schema
        #expect(schema.isValid(.string("caf\u{e9}")))
        #expect(!schema.isValid(.string("cafe\u{301}")))
        let numbers = compile(#"{"const": {"a": [1, 2.0]}}"#).schema
        #expect(numbers.isValid(json(#"{"a": [1.0, 2]}"#)))
    }

    @Test func uniqueItemsOnLargeArraysUsesJSONEquality() {
        let schema = compile(#"{"uniqueItems": true}"#).schema
        var elements = (0..<100).map { JSONValue.object(["id": .integer($0), "tag": "t"]) }
        #expect(schema.isValid(.array(elements)))
        elements.append(.object(["tag": "t", "id": .number(42.0)]))
        #expect(fieldMap(schema.validate(.array(elements))) == ["body: must not contain duplicate items (items 42 and 100 are equal)"])
    }

    @Test func patternsFollowECMAScript() {
        let digits = compile(#"{"pattern": "^\\d+$"}"#).schema
        #expect(digits.isValid(.string("123")))
        #expect(!digits.isValid(.string("١٢٣")))   // \d is ASCII-only in ECMA-262
        #expect(!digits.isValid(.string("123\n"))) // $ is the end of input, not before a final newline
        let letters = compile(#"{"pattern": "^\\p{Letter}+$"}"#).schema
        #expect(letters.isValid(.string("héllo")))
    }

    @Test func formatsAreAnnotationsWhenNotAsserted() {
        let asserted = compile(#"{"format": "email"}"#).schema
        let annotated = compile(#"{"format": "email"}"#, assertFormats: false).schema
        #expect(!asserted.isValid(.string("nope")))
        #expect(annotated.isValid(.string("nope")))
        #expect(asserted.isValid(.integer(1)))  // formats only constrain strings
    }

    @Test func formatSpotChecks() {
        let cases: [(String, String, Bool)] = [
            ("date-time", "2024-01-31T09:30:00Z", true), ("date-time", "2024-01-31T09:30:00.5+05:30", true),
            ("date-time", "2024-01-31 09:30:00Z", false), ("date-time", "2024-01-31T09:30:00", false),
            ("date", "2024-02-29", true), ("date", "2023-02-29", false), ("date", "2024-1-01", false),
            ("email", "demo@purposepath.app", true), ("email", "demo@", false), ("email", "a..b@x.io", false),
            ("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d16380", true), ("uuid", "2eb8aa08aa9811eab4aa73b441d16380", false),
            ("uri", "http://localhost:3000", true), ("uri", "https://[::1]:8443/x?y#z", true), ("uri", "/relative", false),
        ]
        for (format, text, expected) in cases {
            let schema = compile(#"{"format": "\#(format)"}"#).schema
            #expect(schema.isValid(.string(text)) == expected, "\(format) \(text)")
        }
    }
}
