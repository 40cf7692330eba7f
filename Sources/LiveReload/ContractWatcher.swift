import Foundation

/// Notices edits below the contracts and fixtures folders by looking every `interval` (a stat of
/// each file: no platform file-event API, so it behaves the same on Linux, macOS and in
/// containers with mounted folders). A change is reported once the files have stopped changing
/// for one interval, so an editor's save in several writes is one reload.
///
/// ```swift
/// for await paths in ContractWatcher(roots: ["contracts", "fixtures"]).changes() {
///     print("changed:", paths)
/// }
/// ```
public struct ContractWatcher: Sendable {
    public var roots: [String]
    public var interval: Duration
    /// The files as the served contracts were read from them: what the first look compares with.
    public var baseline: FolderFingerprint

    /// `baseline` defaults to the files as they are now; pass one taken before the contracts were
    /// loaded, so an edit made while they loaded is not missed.
    public init(roots: [String], interval: Duration = .milliseconds(150), baseline: FolderFingerprint? = nil) {
        self.roots = roots
        self.interval = interval
        self.baseline = baseline ?? FolderFingerprint(roots)
    }

    /// The changed paths of each settled edit, until the task is cancelled.
    public func changes() -> AsyncStream<[String]> {
        let roots = roots
        let interval = interval
        let baseline = baseline
        return AsyncStream { continuation in
            let task = Task {
                var seen = baseline
                var pending: [String] = []
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    let now = FolderFingerprint(roots)
                    let changed = now.changed(since: seen)
                    seen = now
                    if !changed.isEmpty {
                        pending = Array(Set(pending).union(changed)).sorted()
                    } else if !pending.isEmpty {
                        continuation.yield(pending)
                        pending = []
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
