
/// Turns `text/event-stream` bytes, fed in chunks as they arrive, into events (WHATWG rules: lines end
/// in LF, CRLF or CR; `:` starts a comment; `data:` lines join with LF; a blank line dispatches).
public struct EventStreamParser: Sendable {
    private var buffer: [UInt8] = []
    private var id: String?
    private var name: String?
    private var data: [String] = []
    private var sawCR = false
    /// Comment lines seen so far (`: heartbeat`).
    public private(set) var comments = 0

    public init() {}

    /// The events completed by this chunk.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if sawCR {
                sawCR = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                sawCR = byte == UInt8(ascii: "\r")
                if let event = line(String(decoding: buffer, as: UTF8.self)) { events.append(event) }
                buffer.removeAll(keepingCapacity: true)
            default:
                buffer.append(byte)
            }
        }
        return events
    }

    private mutating func line(_ text: String) -> ServerSentEvent? {
        if text.isEmpty {
            defer { name = nil; data = [] }
            guard !data.isEmpty else { return nil }
            return ServerSentEvent(id: id, name: name ?? "message", data: data.joined(separator: "\n"))
        }
        if text.hasPrefix(":") {
            comments += 1
            return nil
        }
        let field: Substring, value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            let rest = text[text.index(after: colon)...]
            value = rest.hasPrefix(" ") ? rest.dropFirst() : rest
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "event": name = String(value)
        case "data": data.append(String(value))
        case "id": id = String(value)
        default: break
        }
        return nil
    }
}
