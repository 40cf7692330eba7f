import JSON
import JSONSchema

public enum HTTPMethod: String, Sendable, CaseIterable, Comparable {
    case GET, POST, PUT, PATCH, DELETE

    public var isSafe: Bool { self == .GET }

    public static func < (a: HTTPMethod, b: HTTPMethod) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
