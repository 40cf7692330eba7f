import Contracts

/// Splits `a=1&b=x%20y&b=z` into ordered, percent-decoded pairs (`+` is a space, as forms send it).
public enum QueryString {
    public static func parse(_ query: Substring?) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            guard !key.isEmpty else { return nil }
            return (key, parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.contains("+") ? Substring(text.map { $0 == "+" ? " " : $0 }) : text
        return PercentEncoding.decode(spaced) ?? String(spaced)
    }
}
