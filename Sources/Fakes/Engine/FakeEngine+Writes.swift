import Contracts
import Foundation
import JSON

/// The `write` kind: the steps run on a draft of the state under the store's lock; the draft is
/// kept only when every step succeeded, and the events are published after it is kept.
extension FakeEngine {
    func runWrite(_ write: FakeWrite, _ fake: FakeBehaviour, _ request: FakeRequest, now: Date) throws(FakeError) -> FakeResponse {
        let status = fake.status ?? request.endpoint.successResponse?.status ?? 200
        if request.endpoint.auth.isProtected, request.caller == nil { throw .unauthorized("Authentication required") }
        var run = WriteRun(write: write, contracts: contracts, request: request, now: now)
        let answer: JSONValue? = try store.mutate { (state: inout FakeState) throws(FakeError) -> JSONValue? in
            if write.tenant == nil, let tenantID = request.caller?.tenantID, state.tenants[tenantID] == nil {
                throw .forbidden("Tenant '\(tenantID)' does not exist")
            }
            var draft = state
            let answer = try run.run(on: &draft)
            state = draft
            return answer
        }
        for event in run.events {
            publish(event: event.event, channel: event.channel, tenantID: run.tenantID, data: event.data)
        }
        guard let answer else { return .data(nil, status: status, in: contracts.conventions.envelope) }
        return write.envelope ? .data(answer, status: status, in: contracts.conventions.envelope) : .json(answer, status: status)
    }
}
