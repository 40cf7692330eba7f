import JSON

extension JSONValue {
    /// How a record's id (or a reference to one) keys the store: a string as it is, an integer id
    /// (`idType: integer`) as its decimal text — what a path parameter naming it reads. The fakes,
    /// verify's fixture picks, the import's seeding and the proxy's recording all key records so.
    public var recordKey: String? {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        default: nil
        }
    }
}
