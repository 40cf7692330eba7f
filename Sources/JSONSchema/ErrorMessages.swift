import JSON

/// How values appear inside messages: short, JSON-like, never a wall of text.
enum ErrorMessages {
    /// JSON text of `value`, cut to `limit` characters.
    static func render(_ value: JSONValue, limit: Int = 40) -> String {
        let text = value.jsonString()
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// An allowed value in a list: plain words stay bare (`draft`), anything else is JSON.
    static func listItem(_ value: JSONValue) -> String {
        if let text = value.stringValue, !text.isEmpty, text.count <= 40,
           text.unicodeScalars.allSatisfy({ $0.isASCIILetter || ("0"..."9").contains($0) || "-_.:/@".unicodeScalars.contains($0) }) {
            return text
        }
        return render(value)
    }

    /// `draft, active or archived`, at most `limit` values then `… (N more)`.
    static func list(_ values: [JSONValue], limit: Int = 12) -> String {
        let shown = values.prefix(limit).map(listItem)
        let rest = values.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? ", … (\(rest) more)" : "")
    }

    /// "1 item", "3 items".
    static func plural(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// "1st", "2nd", "3rd", "4th", …
    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (1, let hundred) where hundred != 11: suffix = "st"
        case (2, let hundred) where hundred != 12: suffix = "nd"
        case (3, let hundred) where hundred != 13: suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }

    /// "expected string, got integer" naming the instance's JSON type.
    static func typeMismatch(_ expected: TypeSet, _ value: JSONValue) -> String {
        "expected \(expected.phrase), got \(value.typeName)"
    }
}
