import Fakes
import Foundation
import Testing

/// `rfc3339` is written by hand for speed; it must agree with Foundation's ISO 8601 formatting.
@Suite struct TimestampTests {
    @Test(arguments: [0.0, 1.9, 59.0, 86_399.0, 951_782_400.0, 1_761_058_800.5, 4_107_542_399.0, -1.0, -86_401.0, 1_709_164_799.0])
    func theHandWrittenFormatMatchesFoundation(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(date.rfc3339 == date.formatted(.iso8601))
    }
}
