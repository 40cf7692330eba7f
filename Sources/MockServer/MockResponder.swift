import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON

/// Answers every request of one listener: CORS, admin API, routing, auth, validation, fake, log.
///
/// One responder, no per-route closures: the route tables were compiled from the contracts at
/// startup, so the request path does no YAML, regex or schema compilation.
struct MockResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let listener: Listener
    let engine: FakeEngine
    let options: MockOptions
    let log: RequestLog
    let admin: AdminAPI

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let origin = request.headers[.origin]
        var outcome = await answer(request, origin: origin)
        for field in options.cors.headers(for: origin) where outcome.response.headers[field.name] == nil {
            outcome.response.headers.append(field)
        }
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        log.record(.init(
            time: Date(), method: request.method.rawValue, path: request.uri.path, status: outcome.response.status.code,
            endpointID: outcome.endpointID, milliseconds: milliseconds, errors: outcome.fieldErrors))
        return outcome.response
    }

    struct Outcome {
        var response: Response
        var endpointID: String?
        var fieldErrors: [String: String] = [:]
    }

    private func answer(_ request: Request, origin: String?) async -> Outcome {
        let path = Substring(request.uri.path)
        if request.method == .options {
            return Outcome(response: preflight(request, origin: origin))
        }
        if path.hasPrefix(AdminAPI.prefix) {
            return Outcome(response: await admin.respond(to: request, path: path.dropFirst(AdminAPI.prefix.count), faults: options.faults, mutations: options.mutations))
        }
        guard let method = Contracts.HTTPMethod(rawValue: request.method.rawValue) else {
            return Outcome(response: ResponseWriter.error(FakeError(status: 405, "Method \(request.method.rawValue) is not supported", code: "METHOD_NOT_ALLOWED"), in: engine.contracts.conventions.envelope))
        }
        var closest: String?
        for mount in listener.mounts {
            guard let relative = mount.relativePath(path) else { continue }
            switch mount.routes.match(method: method, path: relative) {
            case .found(let endpoint, let parameters, let template):
                if let plan = options.faults.plan(for: FaultTarget(endpoint, template: template, path: relative, readiness: engine.contracts.conventions.readiness)),
                    let outcome = await perform(plan, for: endpoint) {
                    return outcome
                }
                return await serve(endpoint, parameters: parameters, request)
            case .methodNotAllowed(let allowed):
                let list = allowed.map(\.rawValue).joined(separator: ", ")
                var response = ResponseWriter.error(FakeError(status: 405, "\(method.rawValue) is not allowed on \(path); allowed: \(list)", code: "METHOD_NOT_ALLOWED"), in: engine.contracts.conventions.envelope)
                response.headers[.allow] = list
                return Outcome(response: response)
            case .notFound(let suggestion):
                closest = closest ?? suggestion.map { mount.prefix + $0 }
            }
        }
        let hint = closest.map { "; closest contract route: \($0)" } ?? ""
        return Outcome(response: ResponseWriter.error(FakeError(status: 404, "No contract route for \(method.rawValue) \(path)\(hint)", code: "ROUTE_NOT_FOUND"), in: engine.contracts.conventions.envelope))
    }

    private func serve(_ endpoint: Endpoint, parameters: [String: String], _ request: Request) async -> Outcome {
        var request = request
        let query = QueryString.parse(request.uri.query.map { Substring($0) })
        let headers = Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { first, _ in first })
        do {
            let caller: Caller?
            switch await authenticate(endpoint, query: query, headers: headers) {
            case .success(let authenticated): caller = authenticated
            case .failure(let refusal):
                if refusal.status == 401, endpoint.auth != .query,
                   let forged = forgedCaller(endpoint, bearer: bearer(in: headers), tenant: tenantHeader.flatMap { headers[$0] }) {
                    caller = forged
                    break
                }
                if refusal.status == 401, let answer = answerDespiteAuth(endpoint) {
                    return Outcome(response: ResponseWriter.render(answer, engine: engine, heartbeat: options.heartbeat ?? .seconds(15)), endpointID: endpoint.id)
                }
                throw refusal
            }
            let body = try await request.collectBody(upTo: options.maxBodyBytes)
            let input = RequestValidator.Input(query: query, headers: headers, contentType: headers["content-type"], body: Array(buffer: body))
            let conventions = engine.contracts.conventions
            let credentialParameters: Set<String> = [conventions.credentials.query, conventions.tenancy?.query].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
            let validated = try RequestValidator.validate(
                endpoint, input, credentialParameters: credentialParameters,
                ignoringBodyTypes: options.mutations?.mutation(for: endpoint.id) == .skipTypeCheck).get()
            let fakeRequest = FakeRequest(
                endpoint: endpoint, pathParameters: parameters, query: validated.query, headers: headers,
                body: validated.body, caller: caller)
            var response = await handle(fakeRequest)
            if options.strict { response = StrictCheck.check(response, of: endpoint, envelope: engine.contracts.conventions.envelope) }
            if options.mutations != nil { response = mutate(response, of: endpoint) }
            return Outcome(response: ResponseWriter.render(response, engine: engine, heartbeat: options.heartbeat ?? .seconds(15), style: streamStyle(endpoint)), endpointID: endpoint.id)
        } catch let error as FakeError {
            return Outcome(response: ResponseWriter.error(error, in: engine.contracts.conventions.envelope), endpointID: endpoint.id, fieldErrors: error.fieldErrors)
        } catch {
            let tooLarge = FakeError(status: 413, "Request body is larger than \(options.maxBodyBytes) bytes", code: "PAYLOAD_TOO_LARGE")
            return Outcome(response: ResponseWriter.error(tooLarge, in: engine.contracts.conventions.envelope), endpointID: endpoint.id)
        }
    }

    /// The caller from the bearer header (or, for streams, the `access_token` query), or why not.
    private func authenticate(_ endpoint: Endpoint, query: [(String, String)], headers: [String: String]) async -> Result<Caller?, FakeError> {
        do {
            switch endpoint.auth {
            case .query:
                let conventions = engine.contracts.conventions
                let token = query.first { $0.0 == conventions.credentials.query }?.1
                let tenant = conventions.tenancy?.query.flatMap { name in query.first { $0.0 == name }?.1 }
                return .success(try await engine.authenticate(.query, bearer: token, tenant: tenant))
            default:
                return .success(try await engine.authenticate(endpoint.auth, bearer: bearer(in: headers), tenant: tenantHeader.flatMap { headers[$0] }))
            }
        } catch {
            return .failure(error)
        }
    }

    /// The access token of the credentials header, as services.yaml's `credentials` names it.
    func bearer(in headers: [String: String]) -> String? {
        let credentials = engine.contracts.conventions.credentials
        return headers[credentials.headerKey].flatMap { Self.bearerToken($0, scheme: credentials.scheme) }
    }

    /// The tenant header's name as the request's header map keys it (lowercased).
    var tenantHeader: String? { engine.contracts.conventions.tenancy?.headerKey }

    /// The token of an `Authorization: Bearer …` value (scheme case-insensitive, as services.yaml's
    /// `credentials` names it), without a Foundation round trip: this runs on every protected request.
    static func bearerToken(_ value: String, scheme: String = "Bearer") -> String? {
        let utf8 = value.utf8
        let prefix = scheme.utf8.count + 1
        guard utf8.count > prefix else { return nil }
        guard zip(utf8, scheme.utf8).allSatisfy({ $0 | 0x20 == $1 | 0x20 }),
            utf8[utf8.index(utf8.startIndex, offsetBy: prefix - 1)] == UInt8(ascii: " ")
        else { return nil }
        let token = value.utf8.dropFirst(prefix).drop { $0 == UInt8(ascii: " ") }
        var end = token.endIndex
        while end > token.startIndex, value.utf8[value.utf8.index(before: end)] == UInt8(ascii: " ") { end = value.utf8.index(before: end) }
        return String(value[token.startIndex..<end])
    }

    private func preflight(_ request: Request, origin: String?) -> Response {
        guard let origin, request.headers[.accessControlRequestMethod] != nil else {
            var response = Response(status: .noContent)
            response.headers[.allow] = CORSPolicy.allowedMethods
            return response
        }
        guard let fields = options.cors.preflightHeaders(for: origin, requestedHeaders: request.headers[.accessControlRequestHeaders]) else {
            return ResponseWriter.error(FakeError(status: 403, "Origin \(origin) is not allowed", code: "CORS_ORIGIN_DENIED"), in: engine.contracts.conventions.envelope)
        }
        return Response(status: .noContent, headers: fields)
    }
}
