import Contracts
import Fakes
import Foundation
import JSON

extension JSONValue {
    /// A string member, or "" when missing or not a string (validated bodies always have it).
    func coachingText(_ key: String) -> String { self[key]?.stringValue ?? "" }

    /// The string elements of an array member (missing → empty).
    func coachingTexts(_ key: String) -> [String] { (self[key]?.arrayValue ?? []).compactMap(\.stringValue) }

    /// The elements of an array member (missing → empty).
    func coachingItems(_ key: String) -> [JSONValue] { self[key]?.arrayValue ?? [] }
}
