import CivilTime
import Contracts
import Fakes
import Foundation

/// A ZIP archive written by hand with every entry stored (method 0, no compression): local
/// headers, CRC-32s, a central directory and its end record, as Office readers expect.
struct ZipStore {
    private(set) var entries: [(name: String, data: [UInt8])] = []
    /// The modification time stamped on every entry (DOS format, UTC).
    let modified: Date

    init(modified: Date) { self.modified = modified }

    mutating func add(_ name: String, _ data: [UInt8]) { entries.append((name, data)) }
    mutating func add(_ name: String, text: String) { add(name, Array(text.utf8)) }

    var bytes: [UInt8] {
        let (time, date) = Self.dosTime(modified)
        var output: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = Self.crc32(entry.data)
            let offset = output.count
            output.le32(0x0403_4B50)
            output.le16(20)  // version needed: 2.0
            output.le16(0)  // flags
            output.le16(0)  // method: stored
            output.le16(time)
            output.le16(date)
            output.le32(crc)
            output.le32(UInt32(entry.data.count))  // compressed size
            output.le32(UInt32(entry.data.count))  // uncompressed size
            output.le16(UInt16(name.count))
            output.le16(0)  // extra length
            output += name
            output += entry.data

            directory.le32(0x0201_4B50)
            directory.le16(20)  // version made by: 2.0, MS-DOS
            directory.le16(20)
            directory.le16(0)
            directory.le16(0)
            directory.le16(time)
            directory.le16(date)
            directory.le32(crc)
            directory.le32(UInt32(entry.data.count))
            directory.le32(UInt32(entry.data.count))
            directory.le16(UInt16(name.count))
            directory.le16(0)  // extra length
            directory.le16(0)  // comment length
            directory.le16(0)  // disk number
            directory.le16(0)  // internal attributes
            directory.le32(0)  // external attributes
            directory.le32(UInt32(offset))
            directory += name
        }
        let directoryOffset = output.count
        output += directory
        output.le32(0x0605_4B50)
        output.le16(0)  // this disk
        output.le16(0)  // disk with the directory
        output.le16(UInt16(entries.count))
        output.le16(UInt16(entries.count))
        output.le32(UInt32(directory.count))
        output.le32(UInt32(directoryOffset))
        output.le16(0)  // comment length
        return output
    }

    /// DOS time and date fields of an instant (UTC), clamped to the format's 1980–2107 range.
    static func dosTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        let seconds = date.timeIntervalSince1970.isFinite ? Int(date.timeIntervalSince1970.rounded(.down)) : 0
        let day = CalendarDay(utc: date).iso.split(separator: "-").compactMap { Int($0) }
        guard day.count == 3 else { return (0, 0x21) }
        let year = min(max(day[0], 1980), 2107)
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let time = (secondOfDay / 3600) << 11 | (secondOfDay % 3600 / 60) << 5 | (secondOfDay % 60 / 2)
        return (UInt16(time), UInt16((year - 1980) << 9 | day[1] << 5 | day[2]))
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The CRC-32 (IEEE 802.3, as ZIP uses it) of some bytes.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension [UInt8] {
    /// Appends a little-endian 16-bit value.
    fileprivate mutating func le16(_ value: some BinaryInteger) {
        let v = UInt16(truncatingIfNeeded: value)
        append(UInt8(v & 0xFF))
        append(UInt8(v >> 8))
    }

    /// Appends a little-endian 32-bit value.
    fileprivate mutating func le32(_ value: some BinaryInteger) {
        let v = UInt32(truncatingIfNeeded: value)
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(shift)) & 0xFF)) }
    }
}
