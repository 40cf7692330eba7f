#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A minimal blocking HTTP/1.1 client over a real socket, for what test clients hide:
/// reading a server-sent-event stream line by line, and vanishing abruptly mid-stream.
/// Used from one thread at a time (hence `@unchecked Sendable`).
public final class RawHTTPClient: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:port; reads time out after `timeout` seconds.
    public init(port: Int, timeout: Double = 5) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    /// Sends a request with the given headers (no body).
    public func send(_ method: String, _ target: String, headers: [String: String] = [:]) {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        _ = text.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
    }

    /// The next line (without CR/LF), or nil on timeout or end of stream.
    public func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    /// Reads the status line and headers; answers the status code.
    public func readHead() -> Int? {
        guard let status = readLine(), let code = status.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        while let line = readLine(), !line.isEmpty {}
        return code
    }

    /// Reads SSE lines until an event named `name` arrives; answers its id and data lines.
    public func nextEvent(named name: String) -> (id: String, data: String)? {
        var id = "", event = "", data = ""
        while let line = readLine() {
            // Chunked transfer encoding puts hex sizes on their own lines; SSE fields never look like that.
            if line.hasPrefix("id: ") { id = String(line.dropFirst(4)) }
            else if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
            else if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            else if line.isEmpty, !event.isEmpty {
                if event == name { return (id, data) }
                id = ""; event = ""; data = ""
            }
        }
        return nil
    }

    /// Closes the socket at once (RST when data is pending), like a browser tab that vanished.
    public func abort() {
        var lingering = linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &lingering, socklen_t(MemoryLayout<linger>.size))
        Glibc.close(descriptor)
    }

    public func close() { Glibc.close(descriptor) }
}

/// The resident set size of this process, in bytes (Linux).
public func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
        let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Runs blocking socket work on a thread of its own, so it never occupies one of the few
/// cooperative threads the server under test also needs (2 on a 2-core machine).
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
