import Contracts
import JSON
import OrderedCollections

extension ValueTemplate {
    /// The template's value in a context: placeholders evaluated, everything else as written.
    func render(in context: ExpressionContext) throws(FakeError) -> JSONValue {
        switch self {
        case .literal(let value): return value
        case .expression(let expression): return try expression.evaluate(in: context)
        case .text(let parts):
            var output = ""
            for part in parts {
                switch part {
                case .text(let text): output += text
                case .expression(let expression): output += ValueComparison.text(try expression.evaluate(in: context))
                }
            }
            return .string(output)
        case .array(let items): return .array(try items.map { (item) throws(FakeError) in try item.render(in: context) })
        case .object(let members):
            var rendered: OrderedDictionary<String, JSONValue> = [:]
            for (key, value) in members { rendered[key] = try value.render(in: context) }
            return .object(rendered)
        }
    }
}
