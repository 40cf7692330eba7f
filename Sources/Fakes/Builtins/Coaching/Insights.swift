import JSON

/// `insightsPage` (POST /insights/generate): the tenant's stored insights, filtered by exact match,
/// newest first and paginated with the endpoint's own snake_case pagination (K18).
enum InsightsPage {
    /// Answers `{success: true, data, pagination: {page, limit, total, total_pages}}`.
    static func respond(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let tenantID = try call.caller().tenantID
        let collection = call.stringOption("collection") ?? "insights"
        let filters = (call.option("filters")?.arrayValue ?? []).compactMap(\.stringValue)
        let sort = call.stringOption("sort") ?? "-created_at"
        let defaultSize = max(1, call.option("defaultSize")?.intValue ?? 20)
        let query = call.request.query
        let page = max(1, query[call.stringOption("pageParam") ?? "page"]?.intValue ?? 1)
        let requestedSize = query[call.stringOption("sizeParam") ?? "page_size"]?.intValue ?? defaultSize
        let size = requestedSize >= 1 ? requestedSize : defaultSize

        let wanted = filters.compactMap { field in query[field].flatMap { $0.isNull ? nil : (field: field, value: $0) } }
        let records = call.engine.store.read { $0.tenants[tenantID]?.all(collection) ?? [] }
        let matching = sorted(records.filter { record in
            wanted.allSatisfy { record[$0.field]?.isJSONEqual(to: $0.value) ?? false }
        }, by: sort)

        let total = matching.count
        let totalPages = total == 0 ? 0 : (total - 1) / size + 1
        var items: [JSONValue] = []
        if page - 1 < totalPages {  // then (page - 1) · size < total: no overflow
            let start = (page - 1) * size
            items = Array(matching[start..<(start + min(size, total - start))])
        }
        return .json([
            "success": true,
            "data": .array(items),
            "pagination": ["page": .integer(page), "limit": .integer(size), "total": .integer(total), "total_pages": .integer(totalPages)],
        ])
    }

    /// Orders records by one field (`-field` for descending), ties by `id` ascending.
    static func sorted(_ records: [JSONValue], by sort: String) -> [JSONValue] {
        let descending = sort.hasPrefix("-")
        let field = descending ? String(sort.dropFirst()) : sort
        return records.sorted { left, right in
            switch compare(left[field], right[field]) {
            case .some(let ascending): return ascending != descending
            case nil: return (left["id"]?.stringValue ?? "") < (right["id"]?.stringValue ?? "")
            }
        }
    }

    /// true when `left` sorts before `right`, false when after, nil when they tie. Timestamps
    /// are compared as text (the fixtures write them in one RFC 3339 form); missing values sort first.
    private static func compare(_ left: JSONValue?, _ right: JSONValue?) -> Bool? {
        switch (left, right) {
        case (.string(let a)?, .string(let b)?): return a == b ? nil : a < b
        case (let a?, let b?) where a.doubleValue != nil && b.doubleValue != nil:
            let (x, y) = (a.doubleValue ?? 0, b.doubleValue ?? 0)
            return x == y ? nil : x < y
        case (nil, nil), (.null?, .null?): return nil
        case (nil, _), (.null?, _): return true
        case (_, nil), (_, .null?): return false
        default: return nil
        }
    }
}
