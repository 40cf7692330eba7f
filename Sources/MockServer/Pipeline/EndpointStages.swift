import Contracts
import Fakes

/// The stages a routed request goes through: routed → authenticated → validated (`FakeRequest`)
/// → answered (`FakeResponse`) → rendered (`Response`, by `EndpointResponder` in the stream style
/// the stages choose). `ContractStages` does what the contracts
/// say; `StrictStages` and `MutatingStages` wrap another's stages, so `--strict` and `--mutate`
/// are decided once at startup and never tested on the honest path.
///
/// ```swift
/// var stages: any EndpointStages = ContractStages(engine: engine, options: options)
/// if options.strict { stages = StrictStages(base: stages) }
/// if let plan = options.mutations { stages = MutatingStages(base: stages, plan: plan) }
/// ```
protocol EndpointStages: Sendable {
    var engine: FakeEngine { get }
    /// The caller its credentials name, or the refusal (401, or the tenancy statuses).
    func authenticate(_ request: RoutedRequest) async throws(FakeError) -> AuthenticatedRequest
    /// The query converted and the body parsed and checked against the contract, or 400/422.
    /// `ignoringBodyTypes` drops the body's `type` errors (`--mutate skip-type-check`).
    func validate(_ request: AuthenticatedRequest, body: [UInt8], ignoringBodyTypes: Bool) throws(FakeError) -> FakeRequest
    /// The fake's answer.
    func answer(_ request: FakeRequest) async -> FakeResponse
    /// How the endpoint's event stream goes out (ids, replay, heartbeat).
    func streamStyle(for endpoint: Endpoint) -> StreamStyle
}
