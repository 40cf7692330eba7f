import Fakes
import PurposePathFakes

/// The code-only behaviours the command line runs contracts with: PurposePath's. The one place
/// below `main` where an API is chosen; `serve` hands the registry to the engine and `lint`,
/// `verify`, `serve` and `routes` check `builtin:` names against its catalog.
let registeredBuiltins = BuiltinRegistry.purposePath
