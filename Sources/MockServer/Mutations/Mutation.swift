/// A way `serve --mutate` breaks one endpoint's contract on purpose, so a conformance run can be
/// shown to notice: each kind names what `verify` must report, and where.
public enum Mutation: String, Sendable, CaseIterable, Codable {
    /// A required member of the success body is left out.
    case dropRequiredField = "drop-required-field"
    /// A member of the success body changes type (a string becomes a number, …).
    case changeType = "change-type"
    /// An enum value of the success body changes case (`active` → `ACTIVE`).
    case changeEnumCase = "change-enum-case"
    /// Success is answered with a status the contract does not document.
    case wrongStatus = "wrong-status"
    /// A request without credentials is answered as if it had them.
    case skipAuth = "skip-auth"
    /// The `data` of the `{success, data}` envelope is answered bare.
    case bareObject = "bare-object"
    /// An update answers success but does not persist (a later read shows the old record).
    case ignoreUpdate = "ignore-update"
    /// A delete answers success but the record stays.
    case notDelete = "not-delete"
    /// A JSON body is labelled `text/plain`.
    case wrongContentType = "wrong-content-type"
    /// A stream's events go out under another name.
    case renameEvent = "rename-event"

    /// What the mutation does, for the startup listing.
    public var summary: String {
        switch self {
        case .dropRequiredField: "leaves a required field out of the success body"
        case .changeType: "changes the type of a field of the success body"
        case .changeEnumCase: "changes the case of an enum value of the success body"
        case .wrongStatus: "answers success with an undocumented status"
        case .skipAuth: "answers requests without credentials"
        case .bareObject: "answers the data without the {success, data} envelope"
        case .ignoreUpdate: "answers updates without persisting them"
        case .notDelete: "answers deletes without deleting"
        case .wrongContentType: "labels JSON bodies text/plain"
        case .renameEvent: "sends the stream's events under another name"
        }
    }
}
