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
        let overview = model.overview
        out += try diagram(overview, name: "overview.svg", alt: t("全图", "Whole graph"))
        if let summary = overview.omissionSummary { out += "*\(m(summary))*\n\n" }
        out += "### \(t("文档列表", "Documents"))\n\n"
        for doc in g.documentList { out += "- \(m(doc.title ?? doc.id)) — \(m(doc.path))\n" }
        out += "\n### \(t("实体一览", "All entities"))\n\n"
        out += "| \(t("名称", "Name")) | \(t("类型", "Type")) | \(t("别名", "Aliases")) | \(t("关系数", "Degree")) |\n|---|---|---|---:|\n"
        for e in model.entityRows {
            let name = model.profiledSet.contains(e.id) ? "[\(m(e.name))](#entity-\(Anchor.of(e.id)))" : m(e.name)
            out += "| \(name) | \(m(model.typeLabel(e.type))) | \(m(e.aliases.joined(separator: "、"))) | \(model.degrees[e.id] ?? 0) |\n"
        }
        out += "\n## \(t("文档", "Documents"))\n\n"
        for (i, section) in model.documentSections.enumerated() {
            let doc = section.record
            out += "<a id=\"doc-\(Anchor.of(doc.id))\"></a>\n\n### \(m(doc.title ?? doc.id))\n\n"
            var meta: [String] = []
            if let date = section.date { meta.append(t("日期：", "Date: ") + m(date)) }
            if !section.byline.isEmpty { meta.append(t("作者：", "Byline: ") + m(section.byline.joined(separator: "、"))) }
            meta.append(t("来源：", "Source: ") + m(doc.path))
            out += meta.joined(separator: " · ") + "\n\n"
            if section.diagram.graph.nodeCount > 0 {
                out += try diagram(section.diagram, name: "document-\(i + 1).svg", alt: doc.title ?? doc.id)
            }
            out += "#### \(t("实体", "Entities"))\n\n"
            out += section.diagram.graph.entities.map { "- \(m($0.name)) (\(m(model.typeLabel($0.type))))\n" }.joined()
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
    private func m(_ s: String) -> String { ReportEscape.markdown(s) }

    private func relationList(_ relations: [Relation]) -> String {
        guard !relations.isEmpty else { return t("（无）", "(none)") + "\n\n" }
        var out = ""
        for r in relations {
            out += "- **\(m(model.name(r.source)))** —\(m(model.relationLabel(r.type)))→ **\(m(model.name(r.target)))**\n"
            for ev in r.evidence {
                let doc = model.graph.documents[ev.document].map { $0.title ?? $0.id } ?? ev.document
                out += "  > \(m(ev.sentence)) — \(m(doc))\(ev.date.map { " · " + m($0) } ?? "")\n"
            }
        }
        return out + "\n"
    }
}
