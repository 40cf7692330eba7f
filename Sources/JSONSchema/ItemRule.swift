import JSON

/// `prefixItems` then `items` for the rest.
struct ItemRule: Sendable {
    var prefix: [Int] = []
    var rest: Int?
    /// `items: false`: the array may be no longer than `prefix`.
    var restForbidden = false
}
