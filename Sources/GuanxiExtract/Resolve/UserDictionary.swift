import Foundation
import GuanxiGraph

/// A user's corrections, read from plain files `build` is given:
///
/// - entities file (`--dictionary`): one entity a line, `type<TAB>name[<TAB>alias|alias…]`,
///   e.g. `company	京东方	京东方科技集团股份有限公司|BOE`; names are always recognised as that type.
/// - aliases file (`--aliases`): `alias<TAB>canonical name` a line: the alias is merged into the entity.
/// - stop list (`--stoplist`): one name a line, never made an entity.
///
/// `#` starts a comment line; blank lines are skipped.
public struct UserDictionary: Sendable {
    /// One user entity.
    public struct Entry: Sendable, Hashable {
        public var type: EntityType
        public var name: String
        public var aliases: [String]
    }

    public private(set) var entries: [Entry] = []
    public private(set) var aliasMap: [String: String] = [:]
    public private(set) var stopList: Set<String> = []
    private var byForm: [String: Int] = [:]
    private(set) var words = WordSet([])

    public init() {}

    /// Problems reading the user's files.
    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String)
        case badLine(path: String, line: Int, reason: String)
        public var description: String {
            switch self {
            case .unreadable(let p): "\(p): cannot read the file"
            case .badLine(let p, let l, let r): "\(p):\(l): \(r)"
            }
        }
    }

    /// Reads the files that are given.
    public init(dictionary: String? = nil, aliases: String? = nil, stoplist: String? = nil) throws {
        func lines(_ path: String) throws -> [(Int, String)] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw LoadError.unreadable(path: path) }
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { (n, l) in
                let t = l.trimmingCharacters(in: .whitespaces)
                return t.isEmpty || t.hasPrefix("#") ? nil : (n + 1, String(l))
            }
        }
        if let dictionary {
            for (n, line) in try lines(dictionary) {
                let cols = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cols.count >= 2 else { throw LoadError.badLine(path: dictionary, line: n, reason: "expected type<TAB>name[<TAB>aliases]") }
                guard let type = EntityType(rawValue: cols[0]) else {
                    throw LoadError.badLine(path: dictionary, line: n, reason: "unknown type \"\(cols[0])\" (one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                add(Entry(type: type, name: cols[1], aliases: cols.count > 2 ? cols[2].split(separator: "|").map(String.init) : []))
            }
        }
        if let aliases {
            for (n, line) in try lines(aliases) {
                let cols = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cols.count == 2 else { throw LoadError.badLine(path: aliases, line: n, reason: "expected alias<TAB>canonical name") }
                aliasMap[cols[0]] = cols[1]
            }
        }
        if let stoplist {
            for (_, line) in try lines(stoplist) { stopList.insert(line.trimmingCharacters(in: .whitespaces)) }
        }
    }

    mutating func add(_ e: Entry) {
        entries.append(e)
        for f in [e.name] + e.aliases {
            byForm[f] = entries.count - 1
            words.insert(f)
        }
    }

    /// The entry a written form names.
    func entry(for form: String) -> Entry? { byForm[form].map { entries[$0] } }
}
