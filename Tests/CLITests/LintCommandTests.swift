import TestSupport
import ArgumentParser
import Foundation
import Testing

@testable import understudy

@Suite struct LintCommandTests {
    static let services = """
        services:
          traction: { title: Traction, port: 8002, prefix: /traction/api/v1 }
        """

    static let broken = """
        service: traction
        endpoints:
          listGoals:
            method: GET
            path: /goals
            auth: none
            sumary: typo
            responses:
              200: { data: { type: array }, example: { success: true, data: [] } }
        """

    static let clean = """
        service: traction
        endpoints:
          health:
            method: GET
            path: /health
            auth: none
            responses:
              200: { data: { type: object }, example: { success: true, data: {} } }
        """

    @Test func theCommandExitsOneOnProblemsAndTwoOnUsageErrors() throws {
        let dir = try TemporaryDirectory(["services.yaml": Self.services, "traction/goals.yaml": Self.broken])
        var lint = try LintCommand.parse([dir.path])
        #expect(throws: ExitCode(1)) { try lint.run() }
        #expect(throws: (any Error).self) { _ = try LintCommand.parse(["/no/such/dir"]) }
        let clean = try TemporaryDirectory(["services.yaml": Self.services])
        try clean.write("traction/health.yaml", """
            service: traction
            endpoints:
              health:
                method: GET
                path: /health
                auth: none
                responses:
                  200: { data: { type: object }, example: { success: true, data: {} } }
            """)
        lint = try LintCommand.parse([clean.path])
        try lint.run()
    }

}

/// The real executable's exit statuses, as CI scripts see them.
@Suite struct ExitStatusTests {
    @Test func lintExitsZeroOneOrTwo() throws {
        let clean = try TemporaryDirectory(["services.yaml": LintCommandTests.services, "traction/health.yaml": LintCommandTests.clean])
        let broken = try TemporaryDirectory(["services.yaml": LintCommandTests.services, "traction/goals.yaml": LintCommandTests.broken])
        let ok = try runProduct("understudy", ["lint", clean.path])
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.hasPrefix("ok: 1 endpoints"))
        let problems = try runProduct("understudy", ["lint", broken.path])
        #expect(problems.status == 1)
        #expect(problems.output.contains(broken.file("traction/goals.yaml") + ":7:5: error: unknown key 'sumary' in endpoint 'listGoals'; did you mean 'summary'?"))
        #expect(problems.output.contains("1 problem in 1 file"))
        let usage = try runProduct("understudy", ["lint", "/no/such/dir"])
        #expect(usage.status == 2)
        #expect(usage.output.contains("no contracts directory at '/no/such/dir'"))
        let unknownFlag = try runProduct("understudy", ["lint", "--nope"])
        #expect(unknownFlag.status == 2)
    }

    @Test func routesPrintsOneSortedLinePerEndpoint() throws {
        let dir = try TemporaryDirectory(["services.yaml": LintCommandTests.services, "traction/health.yaml": LintCommandTests.clean])
        let result = try runProduct("understudy", ["routes", dir.path])
        #expect(result.status == 0)
        #expect(result.output == "traction GET /health\n")
    }
}
