import JSONSchema

/// What the checker knows about an expression's value. `any` when nothing is known (a field of a
/// free-form object); null is compatible with every type, since any field may be absent.
public indirect enum ExpressionType: Sendable {
    case any, null, boolean, number, string
    case array(ExpressionType)
    /// An object; its shape when a schema describes it.
    case object(SchemaShape?)

    /// The type of values a schema accepts (nullability aside).
    public init(_ shape: SchemaShape?) {
        guard let shape else { self = .any; return }
        let types = shape.types.subtracting([.null])
        switch types {
        case [.string]: self = .string
        case [.integer], [.number], [.integer, .number]: self = .number
        case [.boolean]: self = .boolean
        case [.array]: self = .array(ExpressionType(shape.items))
        case [.object]: self = .object(shape)
        default: self = shape.propertyNames.isEmpty ? .any : .object(shape)
        }
    }

    /// The records of a collection.
    public static func records(of collection: ResourceCollection) -> ExpressionType {
        .array(.object(collection.schema?.shape))
    }

    var phrase: String {
        switch self {
        case .any: "a value"
        case .null: "null"
        case .boolean: "a boolean"
        case .number: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }

    var isAny: Bool { if case .any = self { true } else { false } }
    var isNull: Bool { if case .null = self { true } else { false } }

    /// The scalar kind for comparison checks; nil for any/null (compatible with everything).
    var scalarKind: String? {
        switch self {
        case .any, .null: nil
        case .boolean: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var element: ExpressionType? {
        switch self {
        case .array(let element): element
        case .any: .any
        default: nil
        }
    }
}
