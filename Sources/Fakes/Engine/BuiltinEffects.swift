import JSON
import Synchronization

/// What a builtin asked for beyond its answer, as values: the engine carries them out after the
/// builtin answered — events published, lines logged — and drops them when it refused.
final class BuiltinEffects: Sendable {
    enum Effect: Sendable {
        case publish(event: String, channel: String, tenantID: String?, data: JSONValue)
        case log(String)
    }

    private let collected = Mutex<[Effect]>([])

    func add(_ effect: Effect) { collected.withLock { $0.append(effect) } }

    /// The effects in the order they were asked for, and none left behind.
    func take() -> [Effect] { collected.withLock { effects in defer { effects = [] }; return effects } }
}
