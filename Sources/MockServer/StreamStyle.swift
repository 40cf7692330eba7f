import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

/// How a stream's events go out: ids, replay and heartbeat as the endpoint promises; renamed or
/// stripped of ids by `serve --mutate`.
struct StreamStyle: Sendable {
    var ids = true
    var replay = true
    /// The interval between heartbeats; nil: 15 s.
    var heartbeat: Duration?
    /// `rename-event`: each event goes out as `NAME.renamed`.
    var renaming = false

    init(ids: Bool = true, replay: Bool = true, heartbeat: Duration? = nil, renaming: Bool = false) {
        self.ids = ids
        self.replay = replay
        self.heartbeat = heartbeat
        self.renaming = renaming
    }

    /// As the endpoint promises. A promised heartbeat interval is an upper bound: the mock beats at
    /// a third of it, so no client ever waits it out; `serve --heartbeat` overrides it.
    init(promise: StreamPromise?, serverHeartbeat: Duration?) {
        self.init(ids: promise?.ids ?? true, replay: promise?.replay ?? true,
                  heartbeat: serverHeartbeat ?? promise?.heartbeat.map { .seconds(max(1, $0 / 3)) })
    }
}
