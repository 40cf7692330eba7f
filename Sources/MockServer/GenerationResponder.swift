import Hummingbird

/// A listener's responder that runs each request on the generation in force when it arrives, so
/// a reload changes what the next request meets without touching one already under way.
struct GenerationResponder: HTTPResponder {
    typealias Context = MockRequestContext

    let live: LiveGeneration
    /// The listener's place in every generation's `responders`.
    let index: Int

    func respond(to request: Request, context: Context) async throws -> Response {
        try await live.generation.responders[index].respond(to: request, context: context)
    }
}
