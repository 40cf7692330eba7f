import ArgumentParser
import Foundation

/// `understudy serve` — the stateful mock. Tracked by the mock-server issue; says so until it lands.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the contracts as stateful fakes (not built yet)."
    )

    @OptionGroup var paths: ProjectPaths

    func run() throws {
        printError("understudy serve is not built yet: the contracts load and lint (`understudy lint`), the mock server is the next step (see docs/architecture.md).")
        throw ExitCode(2)
    }
}

/// `understudy verify` — the conformance runner. Tracked by the verify issue; says so until it lands.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Replay the contracts against a deployment (not built yet)."
    )

    func run() throws {
        printError("understudy verify is not built yet (see docs/architecture.md).")
        throw ExitCode(2)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("understudy: " + message + "\n").utf8))
}
