import Foundation
import JSON
import TestSupport
import Testing

/// `understudy diff` as CI runs it: the binary, in a git repository, on two revisions.
@Suite struct DiffCommandTests {
    static let services = """
        services:
          traction: { title: Traction, port: 8002, prefix: /traction/api/v1 }
        """

    static func goals(required: String) -> String {
        """
        service: traction
        endpoints:
          createGoal:
            method: POST
            path: /goals
            auth: none
            body:
              schema:
                type: object
                required: [\(required)]
                properties: { title: { type: string }, ownerId: { type: string } }
              example: { title: Grow, ownerId: user_1 }
            responses:
              200: { data: { type: object }, example: { success: true, data: {} } }
              422:
                schema: { type: object }
                example: { success: false }
        """
    }

    /// Runs a command in `directory`; the exit status and what it printed (both streams).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func git(_ arguments: String..., in directory: String) throws {
        let result = try run("/usr/bin/env", ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid"] + arguments, in: directory)
        #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.output)")
    }

    @Test func comparesTwoGitRevisionsAndGatesOnBreakingChanges() throws {
        let repository = try TemporaryDirectory(["contracts/services.yaml": Self.services, "contracts/traction/goals.yaml": Self.goals(required: "title")])
        try Self.git("init", "-q", in: repository.path)
        try Self.git("add", ".", in: repository.path)
        try Self.git("commit", "-q", "-m", "first", in: repository.path)
        try repository.write("contracts/traction/goals.yaml", Self.goals(required: "title, ownerId"))
        try Self.git("commit", "-q", "-am", "ownerId required", in: repository.path)
        let understudy = productsDirectory + "/understudy"

        let breaking = try Self.run(understudy, ["diff", "HEAD~1", "HEAD"], in: repository.path)
        #expect(breaking.status == 1)
        #expect(breaking.output.contains("HEAD:contracts/traction/goals.yaml:11:"))
        #expect(breaking.output.contains("breaking: traction POST /goals: body member `ownerId` is now required [request.member.required]"))
        #expect(breaking.output.hasSuffix("1 breaking change, 0 compatible (1 endpoints → 1)\n"))

        // A revision against the working folder; the reverse direction is compatible.
        let same = try Self.run(understudy, ["diff", "HEAD", "contracts"], in: repository.path)
        #expect(same.status == 0)
        #expect(same.output == "no changes (1 endpoints)\n")
        let reverse = try Self.run(understudy, ["diff", "HEAD", "HEAD~1:contracts", "--json", "-"], in: repository.path)
        #expect(reverse.status == 0)
        let json = try JSONParser.parse(reverse.output)
        #expect(json["compatible"] == 1)
        #expect(json["changes"]?[0]?["rule"] == "request.member.optional")

        let unknown = try Self.run(understudy, ["diff", "no-such-revision", "contracts"], in: repository.path)
        #expect(unknown.status == 2)
        #expect(unknown.output.contains("'no-such-revision' is neither a contracts folder nor a git revision"))
    }

    @Test func contractsThatDoNotLoadAreNotCompared() throws {
        let folder = try TemporaryDirectory(["old/services.yaml": Self.services, "old/traction/goals.yaml": Self.goals(required: "title"),
                                             "new/services.yaml": Self.services, "new/traction/goals.yaml": "service: traction\nendpoints: [1, 2\n"])
        let result = try Self.run(productsDirectory + "/understudy", ["diff", "old", "new"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.output.contains("new/traction/goals.yaml:3:"))
        #expect(result.output.contains("new: 1 contract problem; nothing compared"))
    }
}
