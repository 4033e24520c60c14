import Foundation
import GuanxiGraph
import GuanxiText

/// Places the entities of one file in their province, city and county, as derived data
/// (``Entity/region``), never as relation edges:
///
/// - a place by the gazetteer (`盂县` → 山西省 阳泉市 盂县), how `gazetteer`;
/// - a park, company, organization or project whose name begins with a division's name
///   (`阳泉市委`, `怀仁经开区…`, `山西瑞达…有限公司`), how `name`. A full name (`山西省…`) is
///   enough; a short form (`山西…`, `怀仁…`) counts only when the file names that division, one
///   inside it or one containing it, so a brand (`东方电气`) is not read as a place;
/// - one with a stated `located_in` edge to a placed entity, how `located_in` (this also refines a
///   name-derived placement inside the same province to a lower level).
///
/// A name that could be two divisions the file does not tell apart is placed in what they
/// share (the lowest division containing both) or not at all: a wrong province is worse than none.
public struct RegionPlacement: Sendable {
    let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .shared) { self.gazetteer = gazetteer }

    static let placedTypes: Set<EntityType> = [.park, .company, .organization, .project]

    /// Sets `region` on the entities it can place. `relations`: the file's edges (for `located_in`).
    public func place(_ entities: inout [Entity], relations: [Relation]) {
        // Divisions the file names: the context for short forms and for ambiguous names.
        var named = Set<String>()
        for e in entities where e.type == .place {
            for n in e.allNames { for d in gazetteer.divisions(named: n) { named.insert(d.code) } }
        }
        for k in entities.indices where entities[k].region == nil {
            let e = entities[k]
            if e.type == .place {
                if let code = placeCode(e, context: named) { entities[k].region = region(of: code, how: "gazetteer") }
            } else if RegionPlacement.placedTypes.contains(e.type),
                      // The name as written first; then a qualified form (`省工信厅` → `山西省工信厅`).
                      let code = nameCode(e.name, context: named) ?? e.aliases.lazy.compactMap({ self.nameCode($0, context: named) }).first {
                entities[k].region = region(of: code, how: "name")
            }
        }
        // Stated located_in edges: twice, so a company in a park in a county is placed too.
        let index = Dictionary(entities.indices.map { (entities[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        for _ in 0..<2 {
            for r in relations where r.type == .locatedIn {
                guard let s = index[r.source], let t = index[r.target], entities[s].type != .place || entities[s].region == nil,
                      let target = entities[t].region, let code = target.countyCode ?? target.cityCode ?? target.provinceCode else { continue }
                if let own = entities[s].region {
                    // Refine only inside the same province, to a lower level.
                    guard own.provinceCode == target.provinceCode, depth(target) > depth(own) else { continue }
                }
                entities[s].region = region(of: code, how: "located_in")
            }
        }
    }

    func depth(_ r: Region) -> Int { r.countyCode != nil ? 3 : r.cityCode != nil ? 2 : r.provinceCode != nil ? 1 : 0 }

    /// A place's division: its name (or an alias) looked up, ambiguity settled by the file's other places.
    func placeCode(_ e: Entity, context: Set<String>) -> String? {
        for n in e.allNames {
            // Regions that are no division (`晋北`, `长三角`) have no place in the hierarchy.
            let codes = gazetteer.divisions(named: n).map(\.code).filter { !$0.hasPrefix("R:") }
            if let code = choose(codes, context: context.subtracting(codes), fallbackToCommon: true) {
                return code
            }
        }
        return nil
    }

    /// The division a name begins with, refined by divisions that follow inside it
    /// (`山西省太原市…` → 太原市).
    func nameCode(_ name: String, context: Set<String>) -> String? {
        let s = Array(name.unicodeScalars)
        var pos = 0
        var current: String?
        while pos < s.count - 1 {
            var matched = false
            // Only the lengths at which the gazetteer has a form (longest first).
            for len in gazetteer.words.all(startingAt: pos, in: s, limit: pos + min(s.count - pos - 1, 10)) where len >= 2 {
                let form = s.string(pos..<(pos + len))
                let divisions = gazetteer.divisions(named: form).filter { !$0.code.hasPrefix("R:") }
                guard !divisions.isEmpty else { continue }
                let full = divisions.filter { $0.name == form }.map(\.code)
                var candidates = full.isEmpty ? divisions.map(\.code) : full
                if let current { candidates = candidates.filter { gazetteer.contains(current, $0) && $0 != current } }
                if full.isEmpty && current == nil {
                    // A short form needs the file to name the division or a relative of it (inside a
                    // division already read, `四川省广安…`, the division itself is the context).
                    candidates = candidates.filter { c in context.contains { gazetteer.contains(c, $0) || gazetteer.contains($0, c) } }
                }
                guard let code = choose(candidates, context: context, fallbackToCommon: true), code != current else { continue }
                current = code
                pos += len
                matched = true
                break
            }
            if !matched { break }
        }
        return current
    }

    /// One code of several: the only one, else the one the context names (or a relative of), else
    /// (when allowed) the lowest division they all lie in.
    func choose(_ codes: [String], context: Set<String>, fallbackToCommon: Bool) -> String? {
        let unique = Array(Set(codes)).sorted()
        if unique.count <= 1 { return unique.first }
        let near = unique.filter { c in context.contains { gazetteer.contains(c, $0) || gazetteer.contains($0, c) } }
        if near.count == 1 { return near[0] }
        guard fallbackToCommon else { return nil }
        return commonAncestor(near.isEmpty ? unique : near)
    }

    /// The lowest division containing all of `codes` (`朝阳市` for 朝阳市 and its 朝阳县), if any.
    func commonAncestor(_ codes: [String]) -> String? {
        guard let first = codes.first else { return nil }
        var chain: [String] = []
        var cur: String? = first
        while let c = cur, chain.count < 5 { chain.append(c); cur = gazetteer.divisions[c]?.parent }
        return chain.first { a in codes.allSatisfy { gazetteer.contains(a, $0) } }
    }

    /// The region of a division: it and its ancestors by level.
    public func region(of code: String, how: String) -> Region {
        var r = Region(how: how)
        var cur = gazetteer.divisions[code]
        var steps = 0
        while let d = cur, steps < 5 {
            switch d.level {
            case .province: r.province = d.name; r.provinceCode = d.code
            case .city: r.city = d.name; r.cityCode = d.code
            case .county: r.county = d.name; r.countyCode = d.code
            }
            cur = d.parent.flatMap { gazetteer.divisions[$0] }
            steps += 1
        }
        return r
    }
}
