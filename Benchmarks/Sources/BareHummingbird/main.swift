import Foundation
import HTTPTypes
import Hummingbird

/// The framework ceiling: Hummingbird answering a fixed JSON body after checking the two auth headers.
/// Usage: BareHummingbird PORT BODYFILE
let port = Int(CommandLine.arguments[1]) ?? 9101
let body = ByteBuffer(bytes: FileManager.default.contents(atPath: CommandLine.arguments[2]).map(Array.init) ?? Array("{}".utf8))
let router = Router()
router.get("/goals") { request, _ -> Response in
    guard request.headers[.authorization]?.hasPrefix("Bearer ") == true, request.headers[HTTPField.Name("X-Tenant-Id")!] != nil else {
        return Response(status: .unauthorized)
    }
    return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
