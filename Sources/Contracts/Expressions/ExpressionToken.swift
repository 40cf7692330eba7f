/// One token of expression text, with its character offset for error reports.
struct ExpressionToken: Sendable {
    enum Kind: Sendable { case word, number, string, collection, variable, symbol, end }
    var kind: Kind
    var text: String
    var offset: Int
}
