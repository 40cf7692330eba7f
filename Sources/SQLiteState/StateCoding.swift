import Fakes
import Foundation
import JSON

/// Accounts and sessions as JSON, so the state file stays readable in the `sqlite3` shell.
enum StateCoding {
    static func encode(_ account: Account) -> JSONValue {
        [
            "id": .string(account.id), "email": .string(account.email), "password": account.password.map(JSONValue.string) ?? .null,
            "tenant": .string(account.tenantID), "roles": .array(account.roles.map(JSONValue.string)), "status": .string(account.status.rawValue),
        ]
    }

    static func decodeAccount(_ value: JSONValue) -> Account? {
        guard let id = value["id"]?.stringValue, let email = value["email"]?.stringValue, let tenant = value["tenant"]?.stringValue else {
            return nil
        }
        return Account(
            id: id, email: email, password: value["password"]?.stringValue, tenantID: tenant,
            roles: value["roles"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            status: value["status"]?.stringValue.flatMap(Account.Status.init(rawValue:)) ?? .active)
    }

    static func encode(_ sessions: SessionBook) -> JSONValue {
        let refresh = sessions.refreshTokens.sorted { $0.key < $1.key }.map { id, token -> (String, JSONValue) in
            (id, ["user": .string(token.userID), "session": .string(token.sessionID),
                  "expires": .number(token.expires.timeIntervalSince1970), "state": .string(token.state.rawValue)])
        }
        let email = sessions.emailTokens.sorted { $0.key < $1.key }.map { token, record -> (String, JSONValue) in
            (token, ["kind": .string(record.kind.rawValue), "user": .string(record.userID),
                     "expires": .number(record.expires.timeIntervalSince1970), "used": .bool(record.used)])
        }
        return [
            "refreshTokens": .object(.init(uniqueKeysWithValues: refresh)),
            "revokedSessions": .array(sessions.revokedSessions.sorted().map(JSONValue.string)),
            "emailTokens": .object(.init(uniqueKeysWithValues: email)),
        ]
    }

    static func decodeSessions(_ value: JSONValue) -> SessionBook {
        var book = SessionBook()
        for (id, token) in value["refreshTokens"]?.objectValue ?? [:] {
            guard let user = token["user"]?.stringValue, let session = token["session"]?.stringValue,
                let expires = token["expires"]?.doubleValue, let state = token["state"]?.stringValue.flatMap(SessionBook.RefreshState.init)
            else { continue }
            book.refreshTokens[id] = .init(userID: user, sessionID: session, expires: Date(timeIntervalSince1970: expires), state: state)
        }
        book.revokedSessions = Set(value["revokedSessions"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for (token, record) in value["emailTokens"]?.objectValue ?? [:] {
            guard let kind = record["kind"]?.stringValue.flatMap(SessionBook.EmailToken.Kind.init), let user = record["user"]?.stringValue,
                let expires = record["expires"]?.doubleValue
            else { continue }
            book.emailTokens[token] = .init(kind: kind, userID: user, expires: Date(timeIntervalSince1970: expires), used: record["used"] == .bool(true))
        }
        return book
    }
}
