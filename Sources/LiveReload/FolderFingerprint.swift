import Foundation

/// The files below some folders as last seen: each path with its modification time and size.
/// Two fingerprints differ when a file was written, added, removed or renamed.
///
/// ```swift
/// let before = FolderFingerprint(["contracts", "fixtures"])
/// // … an editor saves contracts/traction/goals.yaml …
/// FolderFingerprint(["contracts", "fixtures"]).changed(since: before)   // ["contracts/traction/goals.yaml"]
/// ```
public struct FolderFingerprint: Sendable, Equatable {
    struct Mark: Sendable, Equatable {
        var modified: Double
        var size: UInt64
        /// A save by rename (most editors) is a new file even within one clock tick at one size.
        var file: UInt64
    }

    /// What a contracts or fixtures folder holds that the loaders read.
    static let extensions: Set<String> = ["yaml", "yml", "json", "md"]

    private(set) var files: [String: Mark] = [:]

    public init(_ roots: [String]) {
        let manager = FileManager.default
        for root in roots {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else { continue }
            let paths = isDirectory.boolValue
                ? (manager.enumerator(atPath: root)?.allObjects as? [String] ?? []).map { (root as NSString).appendingPathComponent($0) }
                : [root]
            for path in paths where Self.extensions.contains((path as NSString).pathExtension.lowercased()) {
                guard let attributes = try? manager.attributesOfItem(atPath: path),
                    attributes[.type] as? FileAttributeType == .typeRegular
                else { continue }
                files[path] = Mark(
                    modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
                    size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0,
                    file: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
            }
        }
    }

    /// The paths written, added or removed since `earlier`, sorted.
    public func changed(since earlier: FolderFingerprint) -> [String] {
        Set(files.keys).union(earlier.files.keys).filter { files[$0] != earlier.files[$0] }.sorted()
    }
}
