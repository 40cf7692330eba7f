import Foundation

/// `understudy serve` as a child process on port 0, for tests that need the real executable.
public final class ServerProcess {
    public let process: Process
    /// What the server printed up to its "Log in as" line.
    public let startup: String

    /// Starts the server with the shipped contracts and fixtures plus `arguments`, and waits (30 s at
    /// most) until it has printed its URLs.
    public init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: productsDirectory + "/understudy")
        process.arguments = ["serve", "--quiet", "--contracts", repositoryRoot + "/contracts", "--fixtures", repositoryRoot + "/fixtures"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("Log in as"), process.isRunning, Date() < deadline {
            text += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        startup = text
    }

    /// The URL printed for a listener (`gateway`, `traction`, …), or "".
    public func url(of listener: String) -> String {
        startup.split(separator: "\n").first { $0.contains(listener) }?.split(separator: " ").last.map(String.init) ?? ""
    }

    /// SIGTERM, then waits for the exit.
    public func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}
