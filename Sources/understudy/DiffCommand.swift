import ArgumentParser
import ContractDiff
import Contracts
import Foundation

/// `understudy diff OLD NEW`: the breaking and compatible changes between two versions of the
/// contracts, so CI can gate a contract change the way `verify` gates a backend.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of the contracts: breaking and compatible changes.",
        discussion: """
            OLD and NEW are contracts folders or git revisions of the repository in the working \
            directory (REV, meaning the --contracts folder at REV, or REV:PATH). \
            Exit status: 0 no breaking change, 1 breaking changes, 2 usage error or contracts that do not load.
            """
    )

    @Argument(help: "The old contracts: a folder or a git revision (main, HEAD~1, v1.2:contracts).")
    var old: String

    @Argument(help: "The new contracts: a folder or a git revision.")
    var new: String

    @Option(help: "The contracts folder a bare git revision means.")
    var contracts: String = "contracts"

    @Option(help: "Write the JSON report here ('-' for standard output instead of the text).")
    var json: String?

    @Option(help: "Write a Markdown report (for a pull request comment) here.")
    var markdown: String?

    func run() throws {
        let before = try version(old)
        defer { before.checkout?.remove() }
        let after = try version(new)
        defer { after.checkout?.remove() }
        let report = ContractDiff.compare(old: before.version, new: after.version)
        if json == "-" {
            print(report.json.jsonString(pretty: true))
        } else {
            print(report.text, terminator: "")
        }
        if let json, json != "-" { try write(report.json.jsonString(pretty: true) + "\n", to: json) }
        if let markdown { try write(report.markdown, to: markdown) }
        if report.isBreaking { throw ExitCode(1) }
    }

    private func version(_ spec: String) throws -> (version: ContractVersion, checkout: GitRevision?) {
        var isDirectory: ObjCBool = false
        let checkout: GitRevision?
        let directory: String
        if FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory), isDirectory.boolValue {
            checkout = nil
            directory = spec
        } else {
            do { checkout = try GitRevision.checkout(spec, contracts: contracts) } catch { throw ValidationError("\(error)") }
            directory = checkout!.directory
        }
        let loaded = ContractLoader.load(directory: directory, builtins: registeredBuiltins.catalog)
        let version = ContractVersion(loaded, directory: directory, shownAs: checkout?.shownAs)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            for diagnostic in errors.prefix(20) { FileHandle.standardError.write(Data((version.shown(diagnostic).description + "\n").utf8)) }
            checkout?.remove()
            printError("\(spec): \(errors.count) contract problem\(errors.count == 1 ? "" : "s"); nothing compared")
            throw ExitCode(2)
        }
        return (version, checkout)
    }

    private func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw ValidationError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
