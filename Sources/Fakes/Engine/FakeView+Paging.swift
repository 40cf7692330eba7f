import Contracts
import JSON
import OrderedCollections

extension FakeView.Page {
    /// One page of `records` as the query asks for it, and the `pagination` member describing it:
    /// page ≥ 1 (default 1), the first size parameter sent (default `defaultSize`, at least 1, at
    /// most `maximumSize`); past the last page the page is empty. The one paging of `list` answers
    /// and views.
    func slice(_ records: [JSONValue], query: [String: JSONValue]) -> (page: [JSONValue], pagination: JSONValue) {
        func number(_ name: String) -> Int? { query[name].flatMap { $0.intValue ?? $0.stringValue.flatMap { Int($0) } } }
        let current = max(1, number(pageParameter) ?? 1)
        var size = max(1, sizeParameters.lazy.compactMap(number).first ?? defaultSize)
        if let maximumSize { size = min(size, maximumSize) }
        let total = records.count
        let totalPages = (total + size - 1) / size
        let start = current - 1 < totalPages ? (current - 1) * size : total
        var members: OrderedDictionary<String, JSONValue> = [:]
        for (meaning, value) in [("page", current), ("limit", size), ("total", total), ("totalPages", totalPages)] {
            members[self.members[meaning] ?? meaning] = .integer(value)
        }
        return (Array(records[start..<min(total, start + size)]), .object(members))
    }
}
