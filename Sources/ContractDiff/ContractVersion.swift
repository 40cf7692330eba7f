import Contracts
import JSON

/// One side of a diff: a contracts folder, loaded, with the place of every value for messages.
///
/// ```swift
/// let loaded = ContractLoader.load(directory: "/tmp/rev/contracts")
/// let old = ContractVersion(loaded, directory: "/tmp/rev/contracts", shownAs: "HEAD~1:contracts")
/// ```
public struct ContractVersion: Sendable {
    public var contracts: ContractSet
    public var documents: [String: YAMLDocument]
    /// The folder the files were loaded from, and what to call it in messages instead (a git
    /// revision's `REV:path` for a checkout in a temporary folder); equal when shown as it is.
    public var directory: String
    public var shownAs: String

    public init(_ loaded: ContractLoader.Result, directory: String, shownAs: String? = nil) {
        contracts = loaded.contracts
        documents = loaded.documents
        self.directory = directory
        self.shownAs = shownAs ?? directory
    }

    /// A location in these contracts, its file named the way the user named the version.
    public func shown(_ location: SourceLocation) -> SourceLocation {
        guard directory != shownAs, location.file.hasPrefix(directory) else { return location }
        var moved = location
        moved.file = shownAs + location.file.dropFirst(directory.count)
        return moved
    }

    /// A load problem, its file named the way the user named the version.
    public func shown(_ diagnostic: Diagnostic) -> Diagnostic {
        var moved = diagnostic
        moved.location = shown(diagnostic.location)
        return moved
    }

    /// Where a schema node is written, if it has a place.
    func location(of node: SchemaNode) -> SourceLocation? {
        guard let pointer = node.pointer, let document = documents[node.base] else { return nil }
        return shown(document.location(of: pointer))
    }
}
