@testable import MockServer
import Foundation
import Testing

/// The small pieces every request goes through, rewritten for speed: same answers as before.
@Suite struct HotPathPieceTests {
    @Test func bearerTokensAreReadWithAnyCaseOfTheSchemeAndWithoutPadding() {
        #expect(BearerToken.parse("Bearer abc.def") == "abc.def")
        #expect(BearerToken.parse("bearer   abc.def  ") == "abc.def")
        #expect(BearerToken.parse("BEARER x") == "x")
        #expect(BearerToken.parse("Basic abc") == nil)
        #expect(BearerToken.parse("Bearer") == nil)
        #expect(BearerToken.parse("Bearerx abc") == nil)
        #expect(BearerToken.parse("Bearer ") == nil)
    }

    @Test func theRequestLogKeepsTheNewestEntriesNewestFirst() {
        let log = RequestLog(capacity: 3, quiet: true)
        for index in 1...5 {
            log.record(.init(time: Date(), method: "GET", path: "/\(index)", status: 200, endpointID: nil, milliseconds: 1, errors: [:]))
        }
        let paths = log.json.arrayValue?.compactMap { $0["path"]?.stringValue }
        #expect(paths == ["/5", "/4", "/3"])
    }
}
