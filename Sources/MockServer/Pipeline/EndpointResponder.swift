import Contracts
import Fakes
import Hummingbird
import NIOCore

/// The end of a listener's chain: the routed request (`MockRequestContext.route`) through its
/// stages — authenticated, its body read and validated, answered, rendered. A refusal at any
/// stage is answered in the declared error envelope, with its field errors noted for the log.
struct EndpointResponder: HTTPResponder {
    typealias Context = MockRequestContext

    let stages: any EndpointStages
    let maxBodyBytes: Int

    func respond(to request: Request, context: Context) async throws -> Response {
        let envelope = stages.engine.contracts.conventions.envelope
        guard let routed = context.route else {
            return ResponseWriter.error(.internalError("the request reached the endpoint stage unrouted"), in: envelope)
        }
        var request = request
        do throws(FakeError) {
            let authenticated = try await stages.authenticate(routed)
            if let decided = authenticated.decided { return render(decided, of: routed.endpoint) }
            let body = try await Self.collect(&request, upTo: maxBodyBytes)
            if context.note.isCapturing { context.note.read(body: body) }
            let validated = try stages.validate(authenticated, body: body, ignoringBodyTypes: false)
            return render(await stages.answer(validated), of: routed.endpoint)
        } catch {
            context.note.refused(error.fieldErrors)
            return ResponseWriter.error(error, in: envelope)
        }
    }

    private func render(_ response: FakeResponse, of endpoint: Endpoint) -> Response {
        ResponseWriter.render(response, engine: stages.engine, style: stages.streamStyle(for: endpoint))
    }

    /// The whole body, or 413 past the limit.
    private static func collect(_ request: inout Request, upTo limit: Int) async throws(FakeError) -> [UInt8] {
        do {
            return Array(buffer: try await request.collectBody(upTo: limit))
        } catch {
            throw FakeError(status: 413, "Request body is larger than \(limit) bytes", code: "PAYLOAD_TOO_LARGE")
        }
    }
}
