import Contracts
import Fakes
import Foundation

/// A report as a flat list of blocks, independent of the file format, so the PDF and DOCX
/// writers render the same content.
struct ReportDocument: Sendable {
    enum Block: Sendable, Equatable {
        case title(String)
        case heading(String)
        case subheading(String)
        case paragraph(String)
        /// An indented list entry.
        case item(String)
    }

    var title: String
    var blocks: [Block] = []

    mutating func add(_ block: Block) { blocks.append(block) }
}
