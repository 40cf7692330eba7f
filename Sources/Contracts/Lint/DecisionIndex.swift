import Foundation

/// The conflict decisions recorded in `docs/decisions.md` (headings `## K<n> — …`).
public struct DecisionIndex: Sendable {
    public var ids: Set<String>

    public init(ids: Set<String>) { self.ids = ids }

    /// Reads the headings of a decisions file; nil when the file is missing.
    public static func load(path: String) -> DecisionIndex? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var ids: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("## K") {
            let id = line.dropFirst(3).prefix { $0.isLetter || $0.isNumber }
            ids.insert(String(id))
        }
        return DecisionIndex(ids: ids)
    }
}
