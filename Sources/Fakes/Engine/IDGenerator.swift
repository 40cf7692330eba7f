/// Fresh ids in the contracts' style: a prefix and 12 random base-36 characters (`goal_k3j9x0q2m1ab`).
public enum IDGenerator {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    public static func make(prefix: String, length: Int = 12) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
