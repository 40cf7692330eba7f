import Fakes
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JSON
import SQLiteNIO

/// Durable fake state in one SQLite file (WAL mode, exclusive lock), written change by change.
///
/// Reads never come here: the in-memory state answers them. Each batch of changes is one
/// transaction, committed before the clients that made them are answered.
///
/// ```swift
/// let file = try await SQLiteStateFile.open(path: "demo.sqlite")
/// let restored = try await file.load()      // nil for a new file
/// ```
public final class SQLiteStateFile: StatePersistence {
    public static let schemaVersion = 1
    public let path: String
    let connection: SQLiteConnection
    /// An advisory lock on `<path>.lock`, held while serving: a second server is refused, while
    /// the `sqlite3` shell can still read the file (WAL readers never block the writer).
    private let lockDescriptor: Int32

    private init(path: String, connection: SQLiteConnection, lockDescriptor: Int32) {
        self.path = path
        self.connection = connection
        self.lockDescriptor = lockDescriptor
    }

    /// Opens (or creates) a state file; refuses, without touching it, a file that is not SQLite,
    /// holds another schema, or is locked by another running server.
    public static func open(path: String) async throws(StateFileError) -> SQLiteStateFile {
        func fail(_ reason: String) -> StateFileError { StateFileError(path: path, reason: reason) }
        if let handle = FileHandle(forReadingAtPath: path) {
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            if !header.isEmpty, header != Data("SQLite format 3\0".utf8) {
                throw fail("not a SQLite database (left unchanged; point --state at a new file or delete this one)")
            }
        }
        let lock = Glibc.open(path + ".lock", O_CREAT | O_RDWR, 0o644)
        guard lock >= 0 else { throw fail("cannot create the lock file \(path).lock: \(String(cString: strerror(errno)))") }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            Glibc.close(lock)
            throw fail("is in use by another understudy serve (locked); stop it or use another file")
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path))
        } catch {
            Glibc.close(lock)
            throw fail("cannot be opened: \(describe(error))")
        }
        let file = SQLiteStateFile(path: path, connection: connection, lockDescriptor: lock)
        do {
            try await file.prepare()
            return file
        } catch let error as StateFileError {
            await file.close()
            throw error
        } catch {
            await file.close()
            throw fail(describe(error))
        }
    }

    /// Locks the file, checks its schema, and creates the tables in a new one.
    private func prepare() async throws {
        func fail(_ reason: String) -> StateFileError { StateFileError(path: path, reason: reason) }
        _ = try await connection.query("PRAGMA busy_timeout = 5000")
        do {
            _ = try await connection.query("PRAGMA journal_mode = WAL")
            _ = try await connection.query("BEGIN EXCLUSIVE")
        } catch let error as SQLiteError where error.reason == .busy || error.reason == .locked {
            throw fail("is locked by another process")
        } catch let error as SQLiteError where error.reason == .notADatabase || error.reason == .corrupt {
            throw fail("is corrupt or not a database (left unchanged): \(error.message)")
        }
        do {
            let version = try await connection.query("PRAGMA user_version").first?.column("user_version")?.integer ?? 0
            let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.column("name")?.string }
            if version == 0 {
                guard tables.isEmpty else { throw fail("is a SQLite database but not an Understudy state file (left unchanged)") }
                for statement in Self.schema { _ = try await connection.query(statement) }
                _ = try await connection.query("PRAGMA user_version = \(Self.schemaVersion)")
            } else if version != Self.schemaVersion {
                throw fail("has schema version \(version); this understudy reads version \(Self.schemaVersion) (left unchanged)")
            }
            _ = try await connection.query("COMMIT")
            _ = try await connection.query("PRAGMA synchronous = NORMAL")
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    static let schema = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL)",
        """
        CREATE TABLE records (tenant TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
                              PRIMARY KEY (tenant, collection, id))
        """,
        "CREATE TABLE accounts (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
        "CREATE TABLE sessions (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)",
    ]

    public func close() async {
        try? await connection.close()
        flock(lockDescriptor, LOCK_UN)
        Glibc.close(lockDescriptor)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return error.message }
        return String(describing: error)
    }
}
