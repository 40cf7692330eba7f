
/// Splits expression text into tokens: words, numbers, quoted strings (`"…"` or `'…'`, with `\`
/// escapes), `@collection` names, `$name` bound values and the operator symbols.
enum ExpressionLexer {
    private static let symbols = ["==", "!=", "<=", ">=", "??", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "(", ")", "[", "]", "{", "}", ":", ",", ".", "!"]

    static func tokens(of text: String) throws(ExpressionProblem) -> [ExpressionToken] {
        let characters = Array(text)
        var tokens: [ExpressionToken] = []
        var index = 0
        func isWordStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        func isWord(_ c: Character) -> Bool { isWordStart(c) || (c.isASCII && c.isNumber) }
        while index < characters.count {
            let c = characters[index]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1; continue }
            let start = index
            if isWordStart(c) {
                while index < characters.count, isWord(characters[index]) { index += 1 }
                tokens.append(.init(kind: .word, text: String(characters[start..<index]), offset: start))
            } else if c.isASCII, c.isNumber {
                while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
                // A fraction needs a digit after the point, so `items.0.name` stays a path.
                if index + 1 < characters.count, characters[index] == ".", characters[index + 1].isNumber,
                    tokens.last.map({ $0.text != "." }) ?? true
                {
                    index += 1
                    while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
                }
                tokens.append(.init(kind: .number, text: String(characters[start..<index]), offset: start))
            } else if c == "\"" || c == "'" {
                index += 1
                var value = ""
                while true {
                    guard index < characters.count else { throw ExpressionProblem("the string is not closed", at: start) }
                    let d = characters[index]
                    if d == c { index += 1; break }
                    if d == "\\", index + 1 < characters.count {
                        let escaped = characters[index + 1]
                        value.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
                        index += 2
                        continue
                    }
                    value.append(d)
                    index += 1
                }
                tokens.append(.init(kind: .string, text: value, offset: start))
            } else if c == "@" {
                index += 1
                while index < characters.count, isWord(characters[index]) { index += 1 }
                guard index > start + 1 else { throw ExpressionProblem("'@' needs a collection name", at: start) }
                tokens.append(.init(kind: .collection, text: String(characters[(start + 1)..<index]), offset: start))
            } else if c == "$" {
                index += 1
                while index < characters.count, isWord(characters[index]) { index += 1 }
                guard index > start + 1 else { throw ExpressionProblem("'$' needs a name (a value bound by 'let' or 'as')", at: start) }
                tokens.append(.init(kind: .variable, text: String(characters[(start + 1)..<index]), offset: start))
            } else if let symbol = symbols.first(where: { matches($0, characters, at: index) }) {
                index += symbol.count
                tokens.append(.init(kind: .symbol, text: symbol, offset: start))
            } else {
                throw ExpressionProblem("unexpected character '\(c)'", at: start)
            }
        }
        tokens.append(.init(kind: .end, text: "", offset: characters.count))
        return tokens
    }

    private static func matches(_ symbol: String, _ characters: [Character], at index: Int) -> Bool {
        let wanted = Array(symbol)
        guard index + wanted.count <= characters.count else { return false }
        return Array(characters[index..<(index + wanted.count)]) == wanted
    }
}
