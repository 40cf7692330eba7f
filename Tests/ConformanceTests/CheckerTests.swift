import Conformance
import Contracts
import JSON
import Testing

/// The checker on canned answers: each problem is one clear divergence.
@Suite struct CheckerTests {
    func getGoal() throws -> Endpoint {
        let (contracts, _, _) = try SmallContracts.load()
        return try #require(contracts.endpoint(id: "getGoal"))
    }

    func check(_ answer: HTTPAnswer, expected: Int = 200) throws -> [Divergence] {
        ResponseChecker().check(.response(answer), endpoint: try getGoal(), caseName: "example", expectedStatus: expected).divergences
    }

    static let json = [(name: "Content-Type", value: "application/json; charset=utf-8")]

    @Test func aConformingAnswerHasNoDivergence() throws {
        #expect(try check(HTTPAnswer(status: 200, headers: Self.json, body: Array(#"{"success":true,"data":{"id":"g","title":"T"}}"#.utf8))).isEmpty)
    }

    @Test func wrongAndUndocumentedStatuses() throws {
        let wrong = try check(HTTPAnswer(status: 404, headers: Self.json, body: Array(#"{"success":false}"#.utf8)))
        #expect(wrong.map(\.kind) == [.status] && wrong[0].expected == "200" && wrong[0].actual == "404")
        let undocumented = try check(HTTPAnswer(status: 500, headers: Self.json, body: Array(#"{"success":false}"#.utf8)))
        #expect(undocumented.first?.message.contains("undocumented status 500") == true)
        let redirect = try check(HTTPAnswer(status: 302, headers: [("Location", "/login")]))
        #expect(redirect.first?.message.contains("redirect") == true)
    }

    @Test func aMissingRequiredFieldNamesItsPointer() throws {
        let found = try check(HTTPAnswer(status: 200, headers: Self.json, body: Array(#"{"success":true,"data":{"id":"g"}}"#.utf8)))
        #expect(found.count == 1 && found[0].kind == .schema)
        #expect(found[0].pointer == "/data/title" || found[0].pointer == "/data", "\(found)")
        #expect(found[0].message.contains("title"))
    }

    @Test func wrongContentTypeHTMLAndTruncatedJSON() throws {
        let text = try check(HTTPAnswer(status: 200, headers: [("Content-Type", "text/plain")], body: Array(#"{"success":true,"data":{"id":"g","title":"T"}}"#.utf8)))
        #expect(text.map(\.kind) == [.contentType] && text[0].actual == "text/plain")
        let html = try check(HTTPAnswer(status: 502, headers: [("Content-Type", "text/html")], body: Array("<!DOCTYPE html><h1>Bad Gateway</h1>".utf8)))
        #expect(html.map(\.kind) == [.status, .html])
        let truncated = try check(HTTPAnswer(status: 200, headers: Self.json, body: Array(#"{"success":true,"data":{"id":"#.utf8)))
        #expect(truncated.map(\.kind) == [.json])
        #expect(truncated.first?.message.contains("line 1, column") == true)
        let large = ResponseChecker(bodyCap: 4).check(.response(HTTPAnswer(status: 200, headers: Self.json, truncated: true)),
                                                      endpoint: try getGoal(), caseName: "example", expectedStatus: 200)
        #expect(large.divergences.map(\.kind) == [.bodyTooLarge] && large.divergences[0].message.contains("body larger than 4"))
    }

    @Test func transportFailuresAreDivergences() throws {
        let timeout = ResponseChecker().check(.failure(TransportFailure(kind: .timeout, message: "slow")), endpoint: try getGoal(), caseName: "c", expectedStatus: 200)
        #expect(timeout.divergences.map(\.kind) == [.timeout])
        let reset = ResponseChecker().check(.failure(TransportFailure(kind: .reset, message: "reset")), endpoint: try getGoal(), caseName: "c", expectedStatus: 200)
        #expect(reset.divergences.map(\.kind) == [.connection])
    }

    @Test func redactionHidesSecrets() {
        let redact = Redactor(secrets: ["Demo123!", "tok-secret-1"])
        #expect(redact("password Demo123! and Bearer abc.def and ?access_token=xyz&tenant=t, tok-secret-1")
                == "password [redacted] and Bearer [redacted] and ?access_token=[redacted]&tenant=t, [redacted]")
    }
}
