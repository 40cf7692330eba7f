/// Endpoint and collection names from an OpenAPI document's words: `find pet by id` →
/// `findPetById`, `perform-search` → `performSearch`; an operation without an id is named for its
/// method and path (`GET /pets/{id}` → `getPetsById`).
enum EndpointNaming {
    static func identifier(_ text: String, capitalizeFirst: Bool) -> String {
        let words = text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        var out = ""
        for (index, word) in words.enumerated() {
            if index == 0 && !capitalizeFirst {
                out += word.prefix(1).lowercased() + word.dropFirst()
            } else {
                out += word.prefix(1).uppercased() + word.dropFirst()
            }
        }
        if let first = out.first, first.isNumber { out = "n" + out }
        return out.isEmpty ? "endpoint" : out
    }

    static func fallback(method: String, path: String) -> String {
        var name = method.lowercased()
        for segment in path.split(separator: "/") {
            if segment.hasPrefix("{") {
                name += "By" + identifier(String(segment), capitalizeFirst: true)
            } else {
                name += identifier(String(segment), capitalizeFirst: true)
            }
        }
        return path == "/" ? name + "Root" : name
    }
}
