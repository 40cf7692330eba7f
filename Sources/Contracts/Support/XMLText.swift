/// Text made safe inside XML, one rule for every writer (JUnit reports, DOCX documents): the five
/// markup characters as entities; characters XML 1.0 cannot hold (C0 controls but tab, LF, CR, and
/// U+FFFE/U+FFFF) as U+FFFD, so a reader sees that something was there.
///
/// ```swift
/// XMLText.escape("a < b\n")                       // "a &lt; b&#10;"   (attributes keep their line breaks)
/// XMLText.escape("a < b\n", whitespace: .spaces)  // "a &lt; b "       (DOCX runs: whitespace is a space)
/// ```
public enum XMLText {
    /// How tab, LF and CR are written: as character references (kept even in attributes), or as spaces.
    public enum Whitespace: Sendable { case references, spaces }

    public static func escape(_ text: String, whitespace: Whitespace = .references) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r":
                if whitespace == .spaces { out += " " } else { out += "&#\(scalar.value);" }
            default:
                let value = scalar.value
                out.unicodeScalars.append(value < 0x20 || value == 0xFFFE || value == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }
}
