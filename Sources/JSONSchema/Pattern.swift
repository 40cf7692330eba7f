import Foundation

/// A `pattern` / `patternProperties` regex, compiled once at schema compile time.
///
/// JSON Schema patterns are ECMA-262 regexes; ICU (behind NSRegularExpression) is close enough
/// once `\d`/`\w` are narrowed to ASCII and `$` means end of input only, as in ECMA.
struct Pattern: Sendable {
    let source: String
    private let regex: NSRegularExpression

    /// Nil when the pattern does not compile.
    init?(_ source: String) {
        guard let regex = try? NSRegularExpression(pattern: Self.translate(source)) else { return nil }
        self.source = source
        self.regex = regex
    }

    /// Whether the pattern matches somewhere in `text` (patterns are not implicitly anchored).
    func matches(_ text: String) -> Bool {
        let range = NSRange(location: 0, length: text.utf16.count)
        return regex.rangeOfFirstMatch(in: text, options: [], range: range).location != NSNotFound
    }

    /// Rewrites the ECMA constructs whose meaning differs in ICU.
    static func translate(_ pattern: String) -> String {
        var output = ""
        var inClass = false
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            switch character {
            case "\\":
                guard let escaped = iterator.next() else { output.append("\\"); continue }
                switch (escaped, inClass) {
                case ("d", false): output += "[0-9]"
                case ("d", true): output += "0-9"
                case ("D", false): output += "[^0-9]"
                case ("w", false): output += "[a-zA-Z0-9_]"
                case ("w", true): output += "a-zA-Z0-9_"
                case ("W", false): output += "[^a-zA-Z0-9_]"
                default: output.append("\\"); output.append(escaped)
                }
            case "[" where !inClass:
                inClass = true
                output.append(character)
            case "]" where inClass:
                inClass = false
                output.append(character)
            case "$" where !inClass:
                output += "\\z"
            default:
                output.append(character)
            }
        }
        return output
    }
}
