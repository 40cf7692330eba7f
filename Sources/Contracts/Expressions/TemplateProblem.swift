import Foundation
import JSON

/// A placeholder that did not compile, and which string of the template holds it.
public struct TemplateProblem: Error, Sendable {
    public var problem: ExpressionProblem
    public var pointer: JSONPointer
}
