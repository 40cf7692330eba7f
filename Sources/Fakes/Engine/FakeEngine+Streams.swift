import Contracts
import Foundation
import JSON

/// The `stream` kind: the requirements checked under the read lock, then the endpoint's channel
/// opened from the client's last event id (`Last-Event-ID`, else the fake's `after`).
extension FakeEngine {
    func runStream(_ stream: FakeStream, _ fake: FakeBehaviour, _ request: FakeRequest, now: Date) throws(FakeError) -> FakeResponse {
        guard let channel = request.endpoint.channel else { throw .internalError("stream endpoint '\(request.endpoint.id)' declares no channel") }
        if request.endpoint.auth.isProtected, request.caller == nil { throw .unauthorized("Authentication required") }
        let outcome: Result<(String, String?), FakeError> = store.read { state in
            do throws(FakeError) {
                var context = readContext(state, scope: TemplateScope(request: request, now: now), caller: request.caller)
                let run = ViewRun(view: stream.checks, fake: fake, collections: contracts.collections, query: request.query, envelope: contracts.conventions.envelope)
                context = try run.checked(context)
                let after = try stream.after.map { (expression) throws(FakeError) in try expression.evaluate(in: context) }
                return .success((ValueComparison.text(try channel.render(in: context)), after.flatMap { $0 == .null ? nil : ValueComparison.text($0) }))
            } catch {
                return .failure(error)
            }
        }
        let (name, after) = try outcome.get()
        let lastEventID = request.headers["last-event-id"] ?? after
        return FakeResponse(status: fake.status ?? 200, body: .stream(channel: name, lastEventID: lastEventID))
    }
}
