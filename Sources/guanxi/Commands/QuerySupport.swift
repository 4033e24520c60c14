import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

/// Finds the entity a user names (any alias; Traditional input converted), or fails with the
/// closest names as suggestions and exit code 1.
func resolveEntity(_ graph: KnowledgeGraph, _ name: String) throws -> Entity {
    let simplified = ChineseConverter.shared?.convert(name) ?? name
    if let hit = graph.lookup(name).first ?? graph.lookup(simplified).first { return hit }
    let suggestions = graph.suggestions(for: simplified)
    let hint = suggestions.isEmpty ? "" : "; did you mean: " + suggestions.joined(separator: ", ")
    throw CLIError(message: "no entity named \"\(name)\" in the graph\(hint)", code: 1)
}

func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return try enc.encode(value) + Data("\n".utf8)
}

/// An entity as the query commands print it.
struct EntitySummary: Encodable {
    var id: String
    var type: EntityType
    var name: String
    var aliases: [String]
    var posts: [Post]
    init(_ e: Entity) { id = e.id; type = e.type; name = e.name; aliases = e.aliases; posts = e.posts }
    var label: String {
        let post = posts.first.map { "（\($0.title)）" } ?? ""
        return "\(name)\(post) [\(type.rawValue)]"
    }
}
