import Foundation

/// A contracts folder as it was at a git revision, checked out into a temporary folder for
/// `understudy diff`: `main`, `HEAD~1`, `v1.4.0`, or `REV:path/to/contracts`.
///
/// ```swift
/// let checkout = try GitRevision.checkout("origin/main", contracts: "contracts")
/// defer { checkout.remove() }
/// load(checkout.directory)          // shown in messages as checkout.shownAs, "origin/main:contracts"
/// ```
struct GitRevision {
    let directory: String
    let shownAs: String
    private let scratch: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `spec` is `REV` (the folder `contracts`, relative to the working directory) or `REV:PATH`.
    static func checkout(_ spec: String, contracts: String) throws -> GitRevision {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        let revision = parts[0]
        let path = parts.count > 1 ? parts[1] : contracts
        guard (try? git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) != nil else {
            throw Failure(description: "'\(spec)' is neither a contracts folder nor a git revision of this repository")
        }
        let prefix = (try? git(["rev-parse", "--show-prefix"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let inRepository = ((prefix + path) as NSString).standardizingPath
        let scratch = NSTemporaryDirectory() + "understudy-diff-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let archive = scratch + "/revision.tar"
        do {
            try git(["archive", "--format=tar", "--output=\(archive)", revision, "--", inRepository])
            try run("/usr/bin/env", ["tar", "-xf", archive, "-C", scratch])
        } catch {
            try? FileManager.default.removeItem(atPath: scratch)
            throw Failure(description: "cannot read '\(path)' at \(revision): \(error)")
        }
        return GitRevision(directory: scratch + "/" + inRepository, shownAs: "\(revision):\(path)", scratch: scratch)
    }

    func remove() { try? FileManager.default.removeItem(atPath: scratch) }

    @discardableResult
    private static func git(_ arguments: [String]) throws -> String {
        try run("/usr/bin/env", ["git"] + arguments)
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: problem, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: message.isEmpty ? "\(arguments.first ?? executable) exited \(process.terminationStatus)" : message)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
