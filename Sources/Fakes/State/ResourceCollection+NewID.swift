import Contracts
import JSON

extension ResourceCollection {
    /// A new record's id: the prefix and twelve random characters, or, with `idType: integer`, one
    /// more than the largest integer id among `records` (1 for none).
    func newID(among records: @autoclosure () -> [JSONValue]) -> JSONValue {
        guard integerIDs else { return .string(IDGenerator.make(prefix: idPrefix)) }
        return .integer((records().compactMap { $0[idField]?.intValue }.max() ?? 0) + 1)
    }
}
