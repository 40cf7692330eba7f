import Contracts
import Fakes
import Foundation
import JSON

/// Word-overlap scoring shared by the Coaching alignment builtins (docs/builtins.md, Coaching):
/// the token set of a text, `ov(T, R)` and rounding halves up.
enum TextTokens {
    /// Words too common to say anything about alignment.
    static let stopwords: Set<String> = Set(
        ("the and for with our your you that this these those from into onto are was were will has have had its "
            + "their them they more most less all any each per than then who what how why when where which not but "
            + "can may new every through over about across within while").split(separator: " ").map(String.init))

    /// The tokens of a text: lower-cased, split on anything but a–z and 0–9, words under 3 letters and
    /// stopwords dropped, then a trailing plural `s` (not `ss`) dropped from words over 3 letters.
    static func of(_ text: String) -> Set<String> {
        var tokens: Set<String> = []
        var word = ""
        func flush() {
            defer { word = "" }
            guard word.count >= 3, !stopwords.contains(word) else { return }
            if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
            tokens.insert(word)
        }
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    /// The union of the tokens of several texts.
    static func of(_ texts: [String]) -> Set<String> {
        texts.reduce(into: Set<String>()) { $0.formUnion(of($1)) }
    }

    /// `ov(T, R)`: 0 when T is empty, otherwise `min(100, 40 + 20·|T∩R|)`.
    static func overlap(_ tokens: Set<String>, _ reference: Set<String>) -> Int {
        tokens.isEmpty ? 0 : min(100, 40 + 20 * tokens.intersection(reference).count)
    }

    /// Rounds halves up, as the prototypes did (`floor(x + 0.5)`); scores are small, finite numbers.
    static func roundHalfUp(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int(min(1e15, max(-1e15, (value + 0.5).rounded(.down))))
    }
}

extension JSONValue {
    /// A string member, or "" when missing or not a string (validated bodies always have it).
    func coachingText(_ key: String) -> String { self[key]?.stringValue ?? "" }

    /// The string elements of an array member (missing → empty).
    func coachingTexts(_ key: String) -> [String] { (self[key]?.arrayValue ?? []).compactMap(\.stringValue) }

    /// The elements of an array member (missing → empty).
    func coachingItems(_ key: String) -> [JSONValue] { self[key]?.arrayValue ?? [] }
}
