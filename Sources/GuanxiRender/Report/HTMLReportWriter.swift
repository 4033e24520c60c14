import Foundation
import GuanxiGraph

/// Writes a report as one self-contained XHTML-compatible HTML5 file: inline CSS and SVG, no
/// script, no network. Every document string goes through ``ReportEscape/html(_:)``; the SVGs
/// come from Graphviz, which escapes the (already DOT-escaped) text it draws.
struct HTMLReportWriter {
    let model: ReportModel
    private var zh: Bool { model.options.labels == .zh }

    func write() throws -> String {
        var counter = 0
        func diagram(_ d: Diagram, caption: String) throws -> String {
            counter += 1
            return try figure(d, prefix: "d\(counter)-", caption: caption)
        }
        let g = model.graph
        var out = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="\(zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8"/>
        <title>\(t("关系图谱报告", "Guanxi report"))</title>
        <style>\(Self.css(model.options.style))</style>
        </head>
        <body>
        <header id="top"><h1>\(t("关系图谱报告", "Guanxi report"))</h1>
        <nav><a href="#overview">\(t("概览", "Overview"))</a> · <a href="#findings">\(t("要点", "Key findings"))</a> · <a href="#timeline">\(t("时间线", "Timeline"))</a> · <a href="#provinces">\(t("按省份", "By province"))</a> · <a href="#documents">\(t("文档", "Documents"))</a> · <a href="#profiles">\(t("人物与机构", "Profiles"))</a></nav>
        </header>

        """
        // Overview.
        out += "<section id=\"overview\"><h2>\(t("概览", "Overview"))</h2>\n"
        out += "<p>\(g.documents.count) \(t("篇文档", "documents")) · \(g.nodeCount) \(t("个实体", "entities")) · \(g.edgeCount) \(t("条关系", "relations"))</p>\n"
        out += "<table class=\"counts\"><thead><tr><th>\(t("类型", "Type"))</th><th>\(t("数量", "Count"))</th></tr></thead><tbody>\n"
        for (type, n) in model.countsByType {
            out += "<tr><td>\(badge(type))</td><td>\(n)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        // The overview as pictures that read at page width: one per connected group (or province).
        let (parts, rest) = model.overviewParts()
        for part in parts {
            out += try diagram(part.diagram, caption: h(part.title) + (part.diagram.omissionSummary.map { "（\(h($0))）" } ?? ""))
        }
        if !rest.isEmpty {
            out += "<p class=\"meta\">\(t("其余 \(rest.count) 个较小的组未单独作图：", "\(rest.count) smaller groups without a picture: "))"
            out += rest.prefix(40).map { h($0.title) }.joined(separator: "；") + (rest.count > 40 ? "…" : "") + "</p>\n"
        }
        let isolated = g.entities.filter { (model.degrees[$0.id] ?? 0) == 0 }.count
        if isolated > 0 { out += "<p class=\"meta\">\(t("另有 \(isolated) 个实体暂无关系，见下表。", "\(isolated) entities without relations are listed below."))</p>\n" }
        out += "<h3>\(t("文档列表", "Documents"))</h3>\n<ul>\n"
        for doc in g.documentList {
            out += "<li><a href=\"#doc-\(Anchor.of(doc.id))\">\(h(doc.title ?? doc.id))</a> <span class=\"meta\">\(h([doc.date, doc.id, doc.origin].compactMap { $0 }.joined(separator: " · ")))</span></li>\n"
        }
        out += "</ul>\n<h3>\(t("实体一览", "All entities"))</h3>\n"
        out += "<table class=\"entities\"><thead><tr><th>\(t("名称", "Name"))</th><th>\(t("类型", "Type"))</th><th>\(t("别名", "Aliases"))</th><th>\(t("关系数", "Degree"))</th></tr></thead><tbody>\n"
        for e in model.entityRows {
            let name = model.profiledSet.contains(e.id) ? "<a href=\"#entity-\(Anchor.of(e.id))\">\(h(e.name))</a>" : h(e.name)
            out += "<tr id=\"row-\(Anchor.of(e.id))\"><td>\(name)</td><td>\(badge(e.type))</td><td>\(h(e.aliases.joined(separator: "、")))</td><td>\(model.degrees[e.id] ?? 0)</td></tr>\n"
        }
        out += "</tbody></table>\n</section>\n"
        out += findings()
        out += timeline()
        out += provinces()

        // Documents.
        out += "<section id=\"documents\"><h2>\(t("文档", "Documents"))</h2>\n"
        for section in model.documentSections {
            let doc = section.record
            out += "<section class=\"document\" id=\"doc-\(Anchor.of(doc.id))\"><h3>\(h(doc.title ?? doc.id))</h3>\n"
            var meta: [String] = []
            if let date = section.date { meta.append(t("日期：", "Date: ") + h(date)) }
            if !section.byline.isEmpty { meta.append(t("作者：", "Byline: ") + h(section.byline.joined(separator: "、"))) }
            meta.append(t("来源：", "Source: ") + "<code>\(h(doc.origin))</code>")
            if doc.source != nil { meta.append(t("文件：", "File: ") + "<code>\(h(doc.path))</code>") }
            out += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
            let d = section.diagram
            if d.graph.nodeCount > 0 { out += try diagram(d, caption: h(doc.title ?? doc.id)) }
            out += "<h4>\(t("实体", "Entities"))</h4>\n" + entityList(section.entities)
            out += "<h4>\(t("关系", "Relations"))</h4>\n" + relationList(d.graph.edges)
            out += "</section>\n"
        }
        out += "</section>\n"

        // Profiles.
        out += "<section id=\"profiles\"><h2>\(t("人物与机构", "Profiles"))</h2>\n"
        for id in model.profiled {
            guard let e = g.entity(id: id) else { continue }
            out += "<section class=\"profile\" id=\"entity-\(Anchor.of(id))\"><h3>\(h(e.name)) \(badge(e.type))</h3>\n<dl>\n"
            if !e.aliases.isEmpty { out += "<dt>\(t("别名", "Aliases"))</dt><dd>\(h(e.aliases.joined(separator: "、")))</dd>\n" }
            for p in e.posts {
                out += "<dt>\(t("职务", "Post"))</dt><dd>\(h(p.title))\(p.organization.map { "（\(h($0))）" } ?? "")</dd>\n"
            }
            out += "<dt>\(t("关系数", "Degree"))</dt><dd>\(model.degrees[id] ?? 0)</dd>\n</dl>\n"
            let ego = model.ego(id)
            out += try diagram(ego, caption: h(e.name) + (ego.omissionSummary.map { "（\(h($0))）" } ?? ""))
            out += "<h4>\(t("关系", "Relations"))</h4>\n" + relationList(model.relations(of: id))
            out += "<p><a href=\"#top\">↑ \(t("返回顶部", "Back to top"))</a></p></section>\n"
        }
        out += "</section>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Findings, timeline, provinces

    /// Key findings: most active officials, parks with most signings, policies and lists with
    /// who is selected into them, entities shared across documents.
    private func findings() -> String {
        var out = "<section id=\"findings\"><h2>\(t("要点", "Key findings"))</h2>\n"
        func ranked(_ title: String, _ rows: [ReportModel.Finding], unit: String) -> String {
            guard !rows.isEmpty else { return "" }
            var s = "<h3>\(title)</h3>\n<ol class=\"findings\">\n"
            for r in rows { s += "<li>\(link(r.id)) — \(r.count) \(unit)<span class=\"meta\">（\(h(r.detail))）</span></li>\n" }
            return s + "</ol>\n"
        }
        out += ranked(t("最活跃的官员", "Most active officials"), model.mostActiveOfficials(), unit: t("条事实", "facts"))
        out += ranked(t("签约、投资最多的园区", "Parks with most signings and investments"), model.parksWithMostSignings(), unit: t("项", "signings"))
        let selections = model.selections()
        if !selections.isEmpty {
            out += "<h3>\(t("政策、名单与入选者", "Policies and lists, and who is selected into them"))</h3>\n<ul>\n"
            for (target, members) in selections.prefix(20) {
                out += "<li>\(link(target))：\(members.map(link).joined(separator: "、"))</li>\n"
            }
            out += "</ul>\n"
        }
        let shared = model.sharedEntities()
        out += "<h3>\(t("多篇文档共有的实体", "Entities shared across documents"))</h3>\n"
        if shared.isEmpty { out += "<p class=\"meta\">\(t("（无：每个实体只见于一篇文档）", "(none: every entity appears in one document)"))</p>\n" }
        else {
            out += "<ul>\n"
            for (id, docs) in shared {
                out += "<li>\(link(id)) — \(docs.count) \(t("篇", "documents"))：\(docs.map { "<a href=\"#doc-\(Anchor.of($0))\">\(h(model.graph.documents[$0]?.title ?? $0))</a>" }.joined(separator: "、"))</li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    /// Documents in date order with how many facts each states.
    private func timeline() -> String {
        var out = "<section id=\"timeline\"><h2>\(t("时间线", "Timeline"))</h2>\n<table class=\"timeline\"><thead><tr><th>\(t("日期", "Date"))</th><th>\(t("文档", "Document"))</th><th>\(t("事实数", "Facts"))</th></tr></thead><tbody>\n"
        for (date, doc, facts) in model.timeline() {
            out += "<tr><td>\(h(date ?? t("无日期", "undated")))</td><td><a href=\"#doc-\(Anchor.of(doc.id))\">\(h(doc.title ?? doc.id))</a></td><td>\(facts)</td></tr>\n"
        }
        return out + "</tbody></table>\n<p class=\"meta\">\(t("月-日形式的日期：文中未写年份。", "Dates written month-day: the text gives no year."))</p></section>\n"
    }

    /// Entities grouped by the province they lie in (derived from names, located_in and the gazetteer).
    private func provinces() -> String {
        var out = "<section id=\"provinces\"><h2>\(t("按省份", "By province"))</h2>\n"
        out += "<p class=\"meta\">\(t("省份由名称、文中所述“位于”关系和行政区划表推得，并非文中直接陈述的关系。", "Provinces are derived from names, stated located_in relations and the gazetteer, not stated relations."))</p>\n"
        out += "<table class=\"provinces\"><thead><tr><th>\(t("省份", "Province"))</th>"
        let types: [EntityType] = [.park, .company, .organization, .project, .place]
        for ty in types { out += "<th>\(h(model.typeLabel(ty)))</th>" }
        out += "<th>\(t("园区", "Parks"))</th></tr></thead><tbody>\n"
        for (province, members) in model.entitiesByProvince {
            out += "<tr><td>\(h(province))</td>"
            for ty in types { out += "<td>\(members.filter { $0.type == ty }.count)</td>" }
            let parks = members.filter { $0.type == .park }.map(\.id)
            out += "<td>\(parks.prefix(12).map(link).joined(separator: "、"))\(parks.count > 12 ? "…" : "")</td></tr>\n"
        }
        return out + "</tbody></table>\n</section>\n"
    }

    // MARK: - Pieces

    private func t(_ zhText: String, _ en: String) -> String { zh ? zhText : en }
    private func h(_ s: String) -> String { ReportEscape.html(s) }

    private func badge(_ type: EntityType) -> String {
        "<span class=\"badge t-\(type.rawValue)\">\(h(model.typeLabel(type)))</span>"
    }

    /// A link to where an entity is described (profile or table row).
    private func link(_ id: String) -> String {
        "<a href=\"#\(model.anchor(for: id))\">\(h(model.name(id)))</a>"
    }

    private func entityList(_ entities: [Entity]) -> String {
        guard !entities.isEmpty else { return "<p class=\"meta\">\(t("（无）", "(none)"))</p>\n" }
        return "<ul class=\"entities\">\n" + entities.map { "<li>\(link($0.id)) \(badge($0.type))</li>\n" }.joined() + "</ul>\n"
    }

    private func relationList(_ relations: [Relation]) -> String {
        guard !relations.isEmpty else { return "<p class=\"meta\">\(t("（无）", "(none)"))</p>\n" }
        var out = "<ul class=\"relations\">\n"
        for r in relations {
            out += "<li>\(link(r.source)) <span class=\"rel\">—\(h(model.relationLabel(r.type)))→</span> \(link(r.target))\n"
            for ev in r.evidence {
                let source = model.graph.documents[ev.document].map { "<a href=\"#doc-\(Anchor.of($0.id))\">\(h($0.title ?? $0.id))</a>" } ?? h(ev.document)
                let date = ev.date ?? model.graph.documents[ev.document]?.date
                let amount = ev.amount.map { " · " + t("金额 ", "amount ") + h($0.text) } ?? ""
                out += "<blockquote>\(h(ev.sentence))<cite>\(source)\(date.map { " · " + h($0) } ?? "")\(amount)</cite></blockquote>\n"
            }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    /// A diagram as an inline SVG figure; node links point at profiles or table rows.
    private func figure(_ d: Diagram, prefix: String, caption: String) throws -> String {
        let model = self.model
        let anchors = Dictionary(uniqueKeysWithValues: d.graph.entities.map { ($0.id, model.anchor(for: $0.id)) })
        let options = DOTOptions(labels: model.options.labels, style: model.options.style, idPrefix: prefix,
                                 nodeURL: { anchors[$0.id].map { "#" + $0 } })
        let svg = try GraphvizRenderer.shared.render(d, format: .svg, options: options).data
        return "<figure>\n\(Self.inline(svg))\n<figcaption>\(caption)</figcaption></figure>\n"
    }

    /// Graphviz's SVG without its XML declaration, DOCTYPE and leading comments.
    static func inline(_ svg: Data) -> String {
        let text = String(decoding: svg, as: UTF8.self)
        guard let start = text.range(of: "<svg") else { return "" }
        return String(text[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func css(_ style: DiagramStyle) -> String {
        var css = """
        body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1f2937;line-height:1.55}
        h1{border-bottom:2px solid #e5e7eb;padding-bottom:.3rem}h2{margin-top:2.5rem;border-bottom:1px solid #e5e7eb}
        section.document,section.profile{border:1px solid #e5e7eb;border-radius:8px;padding:0 1rem 1rem;margin:1.5rem 0}
        section:target{outline:3px solid #f59e0b}tr:target{background:#fef3c7}
        figure{margin:1rem 0;overflow-x:auto;border:1px solid #f3f4f6;border-radius:6px;padding:.5rem}
        figure svg{max-width:100%;height:auto}figcaption{color:#6b7280;font-size:.9rem}
        table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #e5e7eb;padding:.25rem .6rem;text-align:left}
        blockquote{margin:.3rem 0 .6rem 1rem;padding-left:.8rem;border-left:3px solid #d1d5db;color:#374151}
        cite{display:block;font-size:.85rem;color:#6b7280;font-style:normal}.meta{color:#6b7280;font-size:.9rem}
        .rel{color:#4b5563}.badge{display:inline-block;border-radius:4px;padding:0 .35rem;font-size:.8rem;border:1px solid}
        a{color:#1d4ed8;text-decoration:none}a:hover{text-decoration:underline}
        ol.findings li,section#findings li{margin:.2rem 0}table.provinces td:last-child{font-size:.9rem}

        """
        for type in EntityType.allCases {
            css += ".t-\(type.rawValue){background:\(style.fillColor(for: type));border-color:\(style.strokeColor(for: type));color:\(style.strokeColor(for: type))}\n"
        }
        return css
    }
}
