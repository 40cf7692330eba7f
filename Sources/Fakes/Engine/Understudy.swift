import CivilTime
import Contracts
import Foundation
import JSON
import Logging

/// Facts about this build of Understudy.
public enum Understudy {
    public static let version = "0.1.0"
}
