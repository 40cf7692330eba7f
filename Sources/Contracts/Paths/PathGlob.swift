/// A path pattern: `*` matches any run of characters (`/` included), `?` one character.
///
/// `/goals/*` matches `/goals/g1` and `/goals/g1/strategies`; `*:activate` matches `/goals/g1:activate`.
public struct PathGlob: Sendable, Equatable {
    public let pattern: String
    private let characters: [Character]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.characters = Array(pattern)
    }

    public static func == (a: PathGlob, b: PathGlob) -> Bool { a.pattern == b.pattern }

    /// Whether the whole of `text` matches (iterative, backtracking to the last `*` only).
    public func matches(_ text: String) -> Bool {
        let text = Array(text)
        var p = 0, t = 0
        var star: Int?, resume = 0
        while t < text.count {
            if p < characters.count, characters[p] == "?" || characters[p] == text[t] {
                p += 1
                t += 1
            } else if p < characters.count, characters[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }
}
