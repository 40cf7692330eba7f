import Contracts
import Fakes
import PurposePathFakes
import Foundation
import JSON
import SQLiteNIO
import SQLiteState
import TestSupport
import Testing

@Suite struct SQLiteStateFileTests {
    static let report = shippedReport

    func engine(_ file: SQLiteStateFile, restoring state: FakeState?) async throws -> FakeEngine {
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        return try FakeEngine(
            contracts: Self.report.contracts, scenarios: Self.report.scenarios, scenario: state?.scenario ?? "default",
            tokens: tokens, builtins: .purposePath, persistence: file, restoring: state)
    }

    func call(_ engine: FakeEngine, _ id: String, path: [String: String] = [:], body: JSONValue? = nil, caller: Caller?) async -> FakeResponse {
        await engine.handle(FakeRequest(endpoint: engine.contracts.endpoint(id: id)!, pathParameters: path, body: body, caller: caller))
    }

    @Test func writesSurviveClosingAndReopening() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let file = try await SQLiteStateFile.open(path: path)
        #expect(try await file.load() == nil)
        let first = try await engine(file, restoring: nil)
        let login = await call(first, "login", body: ["email": "demo@purposepath.app", "password": "Demo123!"], caller: nil)
        let data = try #require(login.jsonBody?["data"])
        let caller = try #require(try await first.authenticate(.tenant, bearer: data["access_token"]?.stringValue, tenant: "tenant_acme"))
        let created = await call(first, "createGoal", body: ["title": "Kept goal", "intent": "Outlive the process"], caller: caller)
        let goalID = try #require(created.jsonBody?["data"]?["id"]?.stringValue)
        #expect(await call(first, "deleteGoal", path: ["id": "goal_brand"], caller: caller).status == 200)
        let rotated = await call(first, "refreshToken", body: ["refresh_token": data["refresh_token"]!], caller: nil)
        #expect(rotated.status == 200)
        await file.close()

        let reopened = try await SQLiteStateFile.open(path: path)
        let restored = try #require(try await reopened.load())
        let second = try await engine(reopened, restoring: restored)
        let goals = restored.tenants["tenant_acme"]!.all("goals").compactMap { $0["id"]?.stringValue }
        #expect(goals.contains(goalID))
        #expect(!goals.contains("goal_brand"))
        #expect(goals.last == goalID)  // insertion order kept
        // The used refresh token stays used across the restart; the rotated one works once.
        #expect(await call(second, "refreshToken", body: ["refresh_token": data["refresh_token"]!], caller: nil).status == 401)
        #expect(await call(second, "refreshToken", body: ["refresh_token": rotated.jsonBody!["data"]!["refresh_token"]!], caller: nil).status == 200)
        // A scenario switch is durable too.
        try second.reset(to: "full-quarter")
        try await second.store.flush()
        await reopened.close()
        let third = try await SQLiteStateFile.open(path: path)
        #expect(try await third.load()?.scenario == "full-quarter")
        await third.close()
    }

    @Test func aFileThatIsNotAStateFileIsRefusedAndLeftAlone() async throws {
        let dir = try TemporaryDirectory(["garbage.sqlite": "this is not a database"])
        let path = dir.file("garbage.sqlite")
        await #expect(throws: StateFileError.self) { _ = try await SQLiteStateFile.open(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "this is not a database")
    }

    @Test func aSecondServerOnTheSameFileIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let first = try await SQLiteStateFile.open(path: path)
        do {
            _ = try await SQLiteStateFile.open(path: path)
            Issue.record("a second open must be refused")
        } catch {
            #expect(error.reason.contains("in use by another understudy serve"))
        }
        await first.close()
        let again = try await SQLiteStateFile.open(path: path)
        await again.close()
    }

    @Test func aDatabaseOfAnotherSchemaIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let file = try await SQLiteStateFile.open(path: path)
        await file.close()
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await connection.query("PRAGMA user_version = 7")
        try await connection.close()
        do {
            _ = try await SQLiteStateFile.open(path: path)
            Issue.record("schema version 7 must be refused")
        } catch {
            #expect(error.reason.contains("schema version 7"))
        }
    }
}
