/// Why a `--state` file cannot be used; always one line, and the file is left as it was.
public struct StateFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "state file \(path): \(reason)" }
}
