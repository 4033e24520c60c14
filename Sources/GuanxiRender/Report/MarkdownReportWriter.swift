import Foundation
import GuanxiGraph

/// Writes a report as Markdown for code-hosting sites: diagrams are SVG files in an asset
/// directory, referenced as images. Every document string goes through ``ReportEscape/markdown(_:)``.
struct MarkdownReportWriter {
    let model: ReportModel
    let assetDirectory: String
    private var zh: Bool { model.options.labels == .zh }

    func write() throws -> (String, [ReportAsset]) {
        var assets: [ReportAsset] = []
        func diagram(_ d: Diagram, name: String, alt: String) throws -> String {
            // Images cannot carry links, so diagrams here have none.
            let options = DOTOptions(labels: model.options.labels, style: model.options.style)
            let svg = try GraphvizRenderer.shared.render(d, format: .svg, options: options).data
            let path = assetDirectory.isEmpty ? name : assetDirectory + "/" + name
            assets.append(ReportAsset(relativePath: path, data: svg))
            return "![\(m(alt))](\(path.split(separator: "/").map { URLTemplate.percentEncode(String($0)) }.joined(separator: "/")))\n\n"
        }
        let g = model.graph
        var out = "# \(t("关系图谱报告", "Guanxi report"))\n\n"
        out += "## \(t("概览", "Overview"))\n\n"
        out += "\(g.documents.count) \(t("篇文档", "documents")) · \(g.nodeCount) \(t("个实体", "entities")) · \(g.edgeCount) \(t("条关系", "relations"))\n\n"
        out += "| \(t("类型", "Type")) | \(t("数量", "Count")) |\n|---|---:|\n"
        for (type, n) in model.countsByType { out += "| \(m(model.typeLabel(type))) | \(n) |\n" }
        out += "\n"
        let (parts, rest) = model.overviewParts()
        for (k, part) in parts.enumerated() {
            out += try diagram(part.diagram, name: "overview-\(k + 1).svg", alt: part.title)
            out += "*\(m(part.title))\(part.diagram.omissionSummary.map { "（" + m($0) + "）" } ?? "")*\n\n"
        }
        if !rest.isEmpty {
            out += t("其余 \(rest.count) 个较小的组未单独作图：", "\(rest.count) smaller groups without a picture: ")
                + rest.prefix(40).map { m($0.title) }.joined(separator: "；") + (rest.count > 40 ? "…" : "") + "\n\n"
        }
        out += "### \(t("文档列表", "Documents"))\n\n"
        for doc in g.documentList {
            out += "- \(m(doc.title ?? doc.id)) — \(m([doc.date, doc.id, doc.origin].compactMap { $0 }.joined(separator: " · ")))\n"
        }
        out += "\n### \(t("实体一览", "All entities"))\n\n"
        out += "| \(t("名称", "Name")) | \(t("类型", "Type")) | \(t("别名", "Aliases")) | \(t("关系数", "Degree")) |\n|---|---|---|---:|\n"
        for e in model.entityRows {
            let name = model.profiledSet.contains(e.id) ? "[\(m(e.name))](#entity-\(Anchor.of(e.id)))" : m(e.name)
            out += "| \(name) | \(m(model.typeLabel(e.type))) | \(m(e.aliases.joined(separator: "、"))) | \(model.degrees[e.id] ?? 0) |\n"
        }
        out += findings() + timeline() + provinces()
        out += "\n## \(t("文档", "Documents"))\n\n"
        for (i, section) in model.documentSections.enumerated() {
            let doc = section.record
            out += "<a id=\"doc-\(Anchor.of(doc.id))\"></a>\n\n### \(m(doc.title ?? doc.id))\n\n"
            var meta: [String] = []
            if let date = section.date { meta.append(t("日期：", "Date: ") + m(date)) }
            if !section.byline.isEmpty { meta.append(t("作者：", "Byline: ") + m(section.byline.joined(separator: "、"))) }
            meta.append(t("来源：", "Source: ") + m(doc.origin))
            out += meta.joined(separator: " · ") + "\n\n"
            if section.diagram.graph.nodeCount > 0 {
                out += try diagram(section.diagram, name: "document-\(i + 1).svg", alt: doc.title ?? doc.id)
            }
            out += "#### \(t("实体", "Entities"))\n\n"
            out += section.entities.map { "- \(m($0.name)) (\(m(model.typeLabel($0.type))))\n" }.joined()
            out += "\n#### \(t("关系", "Relations"))\n\n" + relationList(section.diagram.graph.edges)
        }
        out += "## \(t("人物与机构", "Profiles"))\n\n"
        for (i, id) in model.profiled.enumerated() {
            guard let e = g.entity(id: id) else { continue }
            out += "<a id=\"entity-\(Anchor.of(id))\"></a>\n\n### \(m(e.name)) (\(m(model.typeLabel(e.type))))\n\n"
            if !e.aliases.isEmpty { out += "- \(t("别名", "Aliases"))：\(m(e.aliases.joined(separator: "、")))\n" }
            for p in e.posts { out += "- \(t("职务", "Post"))：\(m(p.title))\(p.organization.map { "（\(m($0))）" } ?? "")\n" }
            out += "- \(t("关系数", "Degree"))：\(model.degrees[id] ?? 0)\n\n"
            let ego = model.ego(id)
            out += try diagram(ego, name: "entity-\(i + 1).svg", alt: e.name)
            if let summary = ego.omissionSummary { out += "*\(m(summary))*\n\n" }
            out += relationList(model.relations(of: id))
        }
        return (out, assets)
    }

    private func t(_ zhText: String, _ en: String) -> String { zh ? zhText : en }

    private func findings() -> String {
        var out = "\n## \(t("要点", "Key findings"))\n\n"
        func ranked(_ title: String, _ rows: [ReportModel.Finding], unit: String) {
            guard !rows.isEmpty else { return }
            out += "### \(title)\n\n"
            for (k, r) in rows.enumerated() { out += "\(k + 1). **\(m(model.name(r.id)))** — \(r.count) \(unit)（\(m(r.detail))）\n" }
            out += "\n"
        }
        ranked(t("最活跃的官员", "Most active officials"), model.mostActiveOfficials(), unit: t("条事实", "facts"))
        ranked(t("签约、投资最多的园区", "Parks with most signings and investments"), model.parksWithMostSignings(), unit: t("项", "signings"))
        let selections = model.selections()
        if !selections.isEmpty {
            out += "### \(t("政策、名单与入选者", "Policies and lists, and who is selected into them"))\n\n"
            for (target, members) in selections.prefix(20) {
                out += "- **\(m(model.name(target)))**：\(members.map { m(model.name($0)) }.joined(separator: "、"))\n"
            }
            out += "\n"
        }
        out += "### \(t("多篇文档共有的实体", "Entities shared across documents"))\n\n"
        let shared = model.sharedEntities()
        if shared.isEmpty { out += t("（无：每个实体只见于一篇文档）", "(none: every entity appears in one document)") + "\n\n" }
        for (id, docs) in shared {
            out += "- **\(m(model.name(id)))** — \(docs.count) \(t("篇", "documents"))：\(docs.map { m(model.graph.documents[$0]?.title ?? $0) }.joined(separator: "、"))\n"
        }
        return out + "\n"
    }

    private func timeline() -> String {
        var out = "## \(t("时间线", "Timeline"))\n\n| \(t("日期", "Date")) | \(t("文档", "Document")) | \(t("事实数", "Facts")) |\n|---|---|---:|\n"
        for (date, doc, facts) in model.timeline() {
            out += "| \(m(date ?? t("无日期", "undated"))) | \(m(doc.title ?? doc.id)) | \(facts) |\n"
        }
        return out + "\n"
    }

    private func provinces() -> String {
        var out = "## \(t("按省份", "By province"))\n\n"
        out += t("省份由名称、文中所述“位于”关系和行政区划表推得，并非文中直接陈述的关系。", "Provinces are derived from names, stated located_in relations and the gazetteer, not stated relations.") + "\n\n"
        let types: [EntityType] = [.park, .company, .organization, .project, .place]
        out += "| \(t("省份", "Province")) | " + types.map { m(model.typeLabel($0)) }.joined(separator: " | ") + " | \(t("园区", "Parks")) |\n"
        out += "|---|" + types.map { _ in "---:|" }.joined() + "---|\n"
        for (province, members) in model.entitiesByProvince {
            let parks = members.filter { $0.type == .park }.map { m($0.name) }
            out += "| \(m(province)) | " + types.map { ty in "\(members.filter { $0.type == ty }.count)" }.joined(separator: " | ")
                + " | \(parks.prefix(12).joined(separator: "、"))\(parks.count > 12 ? "…" : "") |\n"
        }
        return out + "\n"
    }
    private func m(_ s: String) -> String { ReportEscape.markdown(s) }

    private func relationList(_ relations: [Relation]) -> String {
        guard !relations.isEmpty else { return t("（无）", "(none)") + "\n\n" }
        var out = ""
        for r in relations {
            out += "- **\(m(model.name(r.source)))** —\(m(model.relationLabel(r.type)))→ **\(m(model.name(r.target)))**\n"
            for ev in r.evidence {
                let doc = model.graph.documents[ev.document].map { $0.title ?? $0.id } ?? ev.document
                let date = ev.date ?? model.graph.documents[ev.document]?.date
                out += "  > \(m(ev.sentence)) — \(m(doc))\(date.map { " · " + m($0) } ?? "")\(ev.amount.map { " · " + m($0.text) } ?? "")\n"
            }
        }
        return out + "\n"
    }
}
