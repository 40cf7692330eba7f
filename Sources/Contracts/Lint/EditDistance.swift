/// Levenshtein distance: powers did-you-mean suggestions and "closest route" hints.
public enum EditDistance {
    public static func between<A: StringProtocol, B: StringProtocol>(_ a: A, _ b: B) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    public static func suggestion<C: Collection<String>>(for word: String, among candidates: C) -> String? {
        let scored = candidates.map { ($0, between($0.lowercased(), word.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(2, word.count / 3)
        return best.1 <= limit ? best.0 : nil
    }

    /// `message`, ending in "; did you mean 'x'?" when a candidate is close enough to `word` — the one
    /// way lint words an unknown name.
    public static func message<C: Collection<String>>(_ message: String, for word: String, among candidates: C) -> String {
        suggestion(for: word, among: candidates).map { message + "; did you mean '\($0)'?" } ?? message
    }
}
