import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends requests; the runner talks to this, tests may substitute canned answers.
public protocol Transport: Sendable {
    func send(_ request: WireRequest) async -> HTTPOutcome
    /// Opens a stream, answers its head (status, headers), and closes it without reading the body.
    func open(_ request: WireRequest) async -> HTTPOutcome
    /// Opens a stream; once its head arrived with a 2xx, runs `afterOpen` and collects the events
    /// until `enough` holds or `wait` has passed; then closes it.
    func listen(
        _ request: WireRequest, wait: Duration, afterOpen: @escaping @Sendable () async -> Void,
        enough: @escaping @Sendable (StreamReading) -> Bool
    ) async -> (HTTPOutcome, StreamReading)
}
