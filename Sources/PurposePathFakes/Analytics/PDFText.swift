import Contracts
import Fakes
import Foundation

/// Text for the standard Helvetica fonts of a hand-written PDF: WinAnsi encoding (characters it
/// lacks become `?`), string-literal escaping, glyph widths and greedy line wrapping.
enum PDFText {
    /// Helvetica advance widths (1/1000 em) of the printable ASCII characters 32…126 (Adobe AFM).
    private static let asciiWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p … ~
    ]

    /// Characters outside Latin-1 that WinAnsi (CP1252) places in 0x80…0x9F.
    private static let windowsExtras: [Unicode.Scalar: UInt8] = [
        "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
        "Š": 0x8A, "‹": 0x8B, "Œ": 0x8C, "Ž": 0x8E, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
        "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9A, "›": 0x9B, "œ": 0x9C, "ž": 0x9E, "Ÿ": 0x9F,
        "−": 0x2D, "\u{00A0}": 0x20, "\u{2009}": 0x20, "\u{202F}": 0x20,
    ]

    /// The text in WinAnsi bytes; control characters become spaces, unknown characters `?`.
    static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x20...0x7E: UInt8(scalar.value)
            case 0..<0x20, 0x7F: 0x20
            case 0xA0...0xFF: UInt8(scalar.value)
            default: windowsExtras[scalar] ?? UInt8(ascii: "?")
            }
        }
    }

    /// The bytes as the body of a PDF literal string: `(`, `)` and `\` escaped, non-ASCII as octal.
    static func literal(_ bytes: [UInt8]) -> String {
        var output = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"): output += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E: output.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let octal = String(byte, radix: 8)
                output += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return output
    }

    /// Width in points of encoded text at a size; bold text is estimated 10% wider.
    static func width(_ bytes: some Collection<UInt8>, size: Double, bold: Bool) -> Double {
        let units = bytes.reduce(0) { total, byte in
            total + ((32...126).contains(byte) ? asciiWidths[Int(byte) - 32] : 556)
        }
        return Double(units) * size / 1000 * (bold ? 1.1 : 1)
    }

    /// Greedy wrapping at spaces into lines no wider than `maxWidth`; over-long words are split.
    static func wrap(_ text: String, size: Double, bold: Bool, maxWidth: Double) -> [[UInt8]] {
        let words = encode(text).split(separator: 0x20, omittingEmptySubsequences: true).map(Array.init)
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        for var word in words {
            let candidate = line.isEmpty ? word : line + [0x20] + word
            if width(candidate, size: size, bold: bold) <= maxWidth {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = []
            while width(word, size: size, bold: bold) > maxWidth, word.count > 1 {
                var cut = word.count - 1
                while cut > 1, width(word[..<cut], size: size, bold: bold) > maxWidth { cut -= 1 }
                lines.append(Array(word[..<cut]))
                word = Array(word[cut...])
            }
            line = word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
