import Contracts
import Fakes
import Foundation

/// A minimal WordprocessingML document (.docx) written by hand: content types, package and
/// document relationships, styles (Title, Heading 1, Heading 2) and the paragraphs, zipped stored.
struct DOCXWriter {
    let document: ReportDocument
    let createdAt: Date

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>\
        </w:styles>
        """

    /// `word/document.xml`: one paragraph per block.
    var documentXML: String {
        var body = ""
        for block in document.blocks {
            switch block {
            case .title(let text): body += Self.paragraph(text, properties: "<w:pStyle w:val=\"Title\"/>")
            case .heading(let text): body += Self.paragraph(text, properties: "<w:pStyle w:val=\"Heading1\"/>")
            case .subheading(let text): body += Self.paragraph(text, properties: "<w:pStyle w:val=\"Heading2\"/>")
            case .paragraph(let text): body += Self.paragraph(text, properties: nil)
            case .item(let text): body += Self.paragraph("• " + text, properties: "<w:ind w:left=\"360\" w:hanging=\"180\"/>")
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
            \(body)<w:sectPr><w:pgSz w:w="12240" w:h="15840"/>\
            <w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>\
            </w:body></w:document>
            """
    }

    var bytes: [UInt8] {
        var zip = ZipStore(modified: createdAt)
        zip.add("[Content_Types].xml", text: Self.contentTypes)
        zip.add("_rels/.rels", text: Self.packageRelationships)
        zip.add("word/document.xml", text: documentXML)
        zip.add("word/_rels/document.xml.rels", text: Self.documentRelationships)
        zip.add("word/styles.xml", text: Self.styles)
        return zip.bytes
    }

    static func paragraph(_ text: String, properties: String?) -> String {
        let pPr = properties.map { "<w:pPr>\($0)</w:pPr>" } ?? ""
        return "<w:p>\(pPr)<w:r><w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r></w:p>"
    }

    /// Text safe inside an XML element: markup characters escaped, characters XML 1.0 forbids dropped.
    /// Inside a `w:t` run whitespace is a space (`XMLText`, the one escaping rule).
    static func escape(_ text: String) -> String { XMLText.escape(text, whitespace: .spaces) }
}
