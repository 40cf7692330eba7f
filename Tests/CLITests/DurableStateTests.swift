import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// `serve --state`: what a client was told is saved survives SIGKILL.
@Suite(.serialized) struct DurableStateTests {
    func start(_ state: String) throws -> (ServerProcess, String) {
        let server = try ServerProcess(["--port", "0", "--state", state, "--jwt-secret", "durable-state-test-secret-of-32-bytes-or-more"])
        return (server, server.url(of: "gateway"))
    }

    func send(_ method: String, _ url: String, token: String? = nil, json: String? = nil) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("tenant_acme", forHTTPHeaderField: "X-Tenant-Id")
        }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
    }

    @Test(.timeLimit(.minutes(2)))
    func acknowledgedWritesSurviveKillNine() async throws {
        let dir = try TemporaryDirectory()
        let state = dir.file("demo.sqlite")
        let (first, url) = try start(state)
        let (_, login) = try await send("POST", url + "/account/api/v1/auth/login", json: #"{"email":"demo@purposepath.app","password":"Demo123!"}"#)
        let session = try #require(login["data"] as? [String: Any])
        let token = try #require(session["access_token"] as? String)
        let refresh = try #require(session["refresh_token"] as? String)
        let (goalStatus, goal) = try await send("POST", url + "/traction/api/v1/goals", token: token, json: #"{"title":"Survive a crash","intent":"Prove durability"}"#)
        #expect(goalStatus == 200)
        let goalID = try #require((goal["data"] as? [String: Any])?["id"] as? String)
        let action = """
            {"title":"Write it down","description":"Before the crash","startDate":"2025-12-01T00:00:00Z","dueDate":"2025-12-05T00:00:00Z",
             "priority":"low","assignedPersonId":"user_demo","connections":{"goalIds":["\(goalID)"],"strategyIds":[],"issueIds":[]}}
            """
        let (actionStatus, actionBody) = try await send("POST", url + "/traction/api/v1/operations/actions", token: token, json: action)
        #expect(actionStatus == 200)
        let actionID = try #require((actionBody["data"] as? [String: Any])?["id"] as? String)
        let (rotateStatus, rotated) = try await send("POST", url + "/account/api/v1/auth/refresh", json: #"{"refresh_token":"\#(refresh)"}"#)
        #expect(rotateStatus == 200)
        let newRefresh = try #require((rotated["data"] as? [String: Any])?["refresh_token"] as? String)

        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()

        let (second, url2) = try start(state)
        defer { second.stop() }
        // Same --jwt-secret, so the session itself survives: the old access token still works.
        #expect(try await send("GET", url2 + "/traction/api/v1/goals/\(goalID)", token: token).0 == 200)
        let (_, actions) = try await send("GET", url2 + "/traction/api/v1/operations/actions", token: token)
        let ids = (actions["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.contains(actionID))
        // The rotation survived: the used refresh token is refused, its successor works once.
        #expect(try await send("POST", url2 + "/account/api/v1/auth/refresh", json: #"{"refresh_token":"\#(refresh)"}"#).0 == 401)
        #expect(try await send("POST", url2 + "/account/api/v1/auth/refresh", json: #"{"refresh_token":"\#(newRefresh)"}"#).0 == 200)
    }
}

@Suite struct StateFileRefusalTests {
    @Test func garbageAndLockedStateFilesAreOneLineErrorsAndStayUnchanged() throws {
        let dir = try TemporaryDirectory(["garbage.sqlite": "not a database at all"])
        let arguments = ["serve", "--port", "0", "--contracts", repositoryRoot + "/contracts", "--fixtures", repositoryRoot + "/fixtures", "--state"]
        let garbage = try runProduct("understudy", arguments + [dir.file("garbage.sqlite")])
        #expect(garbage.status == 1)
        #expect(garbage.output.contains("state file \(dir.file("garbage.sqlite")): not a SQLite database (left unchanged"))
        #expect(try String(contentsOfFile: dir.file("garbage.sqlite"), encoding: .utf8) == "not a database at all")
        // Hold the advisory lock the way a running server does.
        let lock = open(dir.file("busy.sqlite") + ".lock", O_CREAT | O_RDWR, 0o644)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        let locked = try runProduct("understudy", arguments + [dir.file("busy.sqlite")])
        #expect(locked.status == 1)
        #expect(locked.output.contains("is in use by another understudy serve (locked)"))
    }
}
