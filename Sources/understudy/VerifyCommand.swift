import ArgumentParser

/// `understudy verify` — the conformance runner (its own issue); says so until it lands.
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
