import JSON

/// Something wrong with a schema itself (bad keyword, dangling or cyclic `$ref`), found at compile time.
///
/// `pointer` locates the offending keyword in the document `uri`, so lint can print a line and column.
public struct SchemaProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var uri: String
    public var pointer: JSONPointer
    public var message: String

    public init(uri: String, pointer: JSONPointer, message: String) {
        self.uri = uri
        self.pointer = pointer
        self.message = message
    }

    public var description: String { "\(uri)#\(pointer): \(message)" }
}
