import CivilTime
import Contracts
import Fakes
import Foundation

/// A small PDF 1.4 written by hand: catalog, page tree, Helvetica and Helvetica-Bold (WinAnsi),
/// one content stream per Letter page with wrapped, paginated text, a byte-exact xref table and trailer.
struct PDFWriter {
    struct Style {
        var size: Double
        var bold: Bool
        var leading: Double
        var spaceBefore: Double
        var indent: Double = 0
    }

    /// One positioned line of text.
    struct Line {
        var bytes: [UInt8]
        var style: Style
        var y: Double
    }

    static let pageWidth = 612.0
    static let pageHeight = 792.0
    static let margin = 56.0

    let document: ReportDocument
    let createdAt: Date

    static func style(of block: ReportDocument.Block) -> (Style, String) {
        switch block {
        case .title(let text): (Style(size: 18, bold: true, leading: 24, spaceBefore: 0), text)
        case .heading(let text): (Style(size: 14, bold: true, leading: 19, spaceBefore: 14), text)
        case .subheading(let text): (Style(size: 12, bold: true, leading: 16, spaceBefore: 10), text)
        case .paragraph(let text): (Style(size: 10, bold: false, leading: 13.5, spaceBefore: 2), text)
        case .item(let text): (Style(size: 10, bold: false, leading: 13.5, spaceBefore: 0, indent: 14), text)
        }
    }

    /// The blocks wrapped to the text width and split into pages.
    var pages: [[Line]] {
        let top = Self.pageHeight - Self.margin
        var pages: [[Line]] = [[]]
        var y = top
        for block in document.blocks {
            let (style, text) = Self.style(of: block)
            let width = Self.pageWidth - 2 * Self.margin - style.indent
            let wrapped = PDFText.wrap(text, size: style.size, bold: style.bold, maxWidth: width)
            if y < top { y -= style.spaceBefore }
            for (index, bytes) in wrapped.enumerated() {
                if y - style.leading < Self.margin {
                    pages.append([])
                    y = top
                }
                y -= style.leading
                // Continuation lines of a list item hang under its text.
                var lineStyle = style
                if index > 0, case .item = block { lineStyle.indent += 10 }
                pages[pages.count - 1].append(Line(bytes: bytes, style: lineStyle, y: y))
            }
        }
        return pages
    }

    /// The content stream of one page: its lines and a page-number footer.
    static func contentStream(_ lines: [Line], page: Int, of count: Int) -> String {
        var stream = ""
        for line in lines {
            let font = line.style.bold ? "F2" : "F1"
            stream += "BT /\(font) \(number(line.style.size)) Tf \(number(margin + line.style.indent)) \(number(line.y)) Td (\(PDFText.literal(line.bytes))) Tj ET\n"
        }
        stream += "BT /F1 8 Tf \(number(margin)) 30 Td (\(PDFText.literal(PDFText.encode("Page \(page) of \(count)")))) Tj ET\n"
        return stream
    }

    var bytes: [UInt8] {
        let pages = pages
        var objects: [[UInt8]] = []
        func add(_ text: String) { objects.append(Array(text.utf8)) }
        let pageObjectIDs = pages.indices.map { 6 + 2 * $0 }
        add("<< /Type /Catalog /Pages 2 0 R >>")
        add("<< /Type /Pages /Kids [\(pageObjectIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        let title = PDFText.literal(PDFText.encode(document.title).map { $0 < 0x80 ? $0 : UInt8(ascii: "-") })
        add("<< /Title (\(title)) /Producer (Understudy \(Understudy.version)) /CreationDate (D:\(Self.pdfDate(createdAt))) >>")
        for (index, lines) in pages.enumerated() {
            add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Int(Self.pageWidth)) \(Int(Self.pageHeight))] "
                + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(pageObjectIDs[index] + 1) 0 R >>")
            let stream = Self.contentStream(lines, page: index + 1, of: pages.count)
            add("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }
        return Self.serialize(objects, root: 1, info: 5)
    }

    /// Header, numbered objects (1…n), xref table with each object's byte offset, trailer.
    static func serialize(_ objects: [[UInt8]], root: Int, info: Int) -> [UInt8] {
        var output: [UInt8] = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(output.count)
            output += Array("\(index + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = output.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(root) 0 R /Info \(info) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return output + Array(table.utf8)
    }

    /// `YYYYMMDDHHmmSSZ` of an instant.
    static func pdfDate(_ date: Date) -> String {
        String(date.rfc3339.filter { $0.isNumber }.prefix(14)) + "Z"
    }

    /// A coordinate with at most two decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
