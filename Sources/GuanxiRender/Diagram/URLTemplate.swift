import Foundation
import GuanxiGraph

/// Makes node links from a template: `{id}` is the entity's ``Anchor`` (`#entity-{id}`),
/// `{name}` its name and `{type}` its type, both percent-encoded (`https://x/{name}`).
public struct URLTemplate: Sendable, Equatable {
    public var template: String

    public init(_ template: String) { self.template = template }

    /// The link of an entity.
    public func url(for entity: Entity) -> String {
        template
            .replacingOccurrences(of: "{id}", with: Anchor.of(entity.id))
            .replacingOccurrences(of: "{name}", with: URLTemplate.percentEncode(entity.name))
            .replacingOccurrences(of: "{type}", with: entity.type.rawValue)
    }

    /// Percent-encodes everything but unreserved ASCII (RFC 3986).
    public static func percentEncode(_ s: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        allowed.formUnion([])
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
