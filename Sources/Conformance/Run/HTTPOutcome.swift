/// What one request produced: an answer (possibly cut at the body cap) or a transport failure.
public enum HTTPOutcome: Sendable {
    case response(HTTPAnswer)
    case failure(TransportFailure)
}

import Foundation
