/// How `serve --mutate` bends the engine for one request, bound to that request's task: the
/// engine itself leaves out what is bent, so a mutation never writes state behind its back.
///
/// ```swift
/// let answer = await EngineBends.$current.withValue(EngineBends(keepsChanges: false)) {
///     await engine.handle(request)   // answers as usual; the state is left as it was
/// }
/// ```
public struct EngineBends: Sendable {
    /// False: the request's changes are made on a copy of the state and dropped (`ignore-update`,
    /// `not-delete`).
    public var keepsChanges = true
    /// False: a `transition` moves the record from any status (`allow-transition`).
    public var enforcesTransitions = true
    /// False: no refresh token is used up and no session ends (`reuse-refresh`, `keep-session`).
    public var endsSessions = true

    public init(keepsChanges: Bool = true, enforcesTransitions: Bool = true, endsSessions: Bool = true) {
        self.keepsChanges = keepsChanges
        self.enforcesTransitions = enforcesTransitions
        self.endsSessions = endsSessions
    }

    /// The honest engine: nothing bent.
    @TaskLocal public static var current = EngineBends()
}
