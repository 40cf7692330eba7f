import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

extension AdminAPI {
    /// The dashboard's files, compiled into the binary (no CDN, no build step, no network).
    static let dashboardFiles: [String: (bytes: [UInt8], type: String)] = [
        "index.html": (PackageResources.index_html, "text/html; charset=utf-8"),
        "dashboard.css": (PackageResources.dashboard_css, "text/css; charset=utf-8"),
        "dashboard.js": (PackageResources.dashboard_js, "text/javascript; charset=utf-8"),
    ]

    /// No inline script or style, nothing from elsewhere; the API calls may go to the other
    /// listeners of this mock (other loopback ports), nowhere else.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self' http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// `GET /__understudy/` and its files: the single-page dashboard.
    func dashboardRoute(_ file: String) -> Response {
        guard let asset = Self.dashboardFiles[file] else {
            return ResponseWriter.error(.notFound("Dashboard file \(file)", code: "ROUTE_NOT_FOUND"), in: engine.contracts.conventions.envelope)
        }
        return ResponseWriter.render(FakeResponse(status: 200, body: .bytes(asset.bytes, contentType: asset.type), headers: [
            ("Content-Security-Policy", Self.contentSecurityPolicy), ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-cache"),
        ]))
    }

    /// `GET /__understudy/requests/feed`: the request log live, one `request` event per answered
    /// request (headers and bodies redacted) and a `status` event every few seconds with the
    /// count of entries dropped because a subscriber was slow.
    func feedRoute() -> Response {
        let stream = log.feed.subscribe()
        var fields = HTTPFields()
        fields[.contentType] = "text/event-stream"
        fields[.cacheControl] = "no-cache"
        let body = ResponseBody(asyncSequence: stream.map { item -> ByteBuffer in
            switch item {
            case .entry(let entry): ByteBuffer(string: "event: request\ndata: \(entry.json.jsonString())\n\n")
            case .tick(let dropped): ByteBuffer(string: "event: status\ndata: {\"dropped\":\(dropped)}\n\n")
            }
        })
        return Response(status: .ok, headers: fields, body: body)
    }

    /// `GET /__understudy/streams`: every SSE channel with its subscribers and newest events.
    func streamsRoute() -> Response {
        ok(.array(engine.events.channels().map { channel in
            [
                "channel": .string(channel.channel), "subscribers": .integer(channel.subscribers),
                "recent": .array(channel.recent.map { ["id": .integer($0.id), "event": .string($0.name), "data": $0.data] }),
            ]
        }))
    }

    /// `GET /__understudy/report`: the verify report `serve --report FILE` preloaded, as it is.
    func reportRoute() -> Response {
        guard let report else {
            return ResponseWriter.error(.notFound("Preloaded report (start serve with --report FILE)", code: "NO_REPORT"), in: engine.contracts.conventions.envelope)
        }
        return ResponseWriter.render(.json(report))
    }
}
