/// How schemas are compiled.
public struct SchemaOptions: Sendable {
    /// Whether `format` (date-time, date, email, uuid, uri) is asserted; when false it is only an annotation.
    public var assertFormats: Bool = true

    public init(assertFormats: Bool = true) {
        self.assertFormats = assertFormats
    }
}
