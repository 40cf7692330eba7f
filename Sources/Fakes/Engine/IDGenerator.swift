/// Record ids as the fixtures write them: a prefix and twelve lowercase letters or digits.
public enum IDGenerator {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// One draw from the system generator (a syscall on Linux) per id, not one per character:
    /// 36¹² < 2⁶⁴, so a single 64-bit value spells twelve characters.
    public static func make(prefix: String, length: Int = 12) -> String {
        var generator = SystemRandomNumberGenerator()
        var bits = generator.next()
        var characters: [UInt8] = []
        characters.reserveCapacity(length)
        for index in 0..<length {
            if index > 0, index % 12 == 0 { bits = generator.next() }
            characters.append(alphabet[Int(bits % 36)])
            bits /= 36
        }
        return prefix + String(decoding: characters, as: UTF8.self)
    }
}
