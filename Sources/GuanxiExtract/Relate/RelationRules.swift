import GuanxiGraph

/// A sentence a rule must (or must not) read a relation from, and the two ends it names.
public struct RuleExample: Sendable, Hashable {
    public var text: String
    public var head: String
    public var tail: String
    public init(_ text: String, _ head: String, _ tail: String) { self.text = text; self.head = head; self.tail = tail }
}

/// One named relation rule of the ``Relator``: its id (recorded in ``Evidence/rule`` on every edge
/// it makes), the relation it emits, what it reads, and example sentences that run as tests
/// (`RelationRuleTests`): each `yes` example must give `head -relation-> tail` by this rule, each `no`
/// example must give no such edge at all.
public struct RelationRule: Sendable {
    public var id: String
    public var relation: RelationType
    public var reads: String
    public var yes: [RuleExample]
    public var no: [RuleExample]
    /// The pattern of a rule written as data (`Resources/relations.rules`); nil for a rule written in code.
    public var pattern: String?

    public init(id: String, relation: RelationType, reads: String, yes: [RuleExample], no: [RuleExample], pattern: String? = nil) {
        self.id = id; self.relation = relation; self.reads = reads; self.yes = yes; self.no = no; self.pattern = pattern
    }
}

/// Every relation rule, by id: the patterns of `Resources/relations.rules` (``RelationPatterns``) and
/// the rules written in code, where a pattern cannot say it (discourse state, nesting, lists that run
/// over sentences). The examples are written for these rules (invented companies and people in real
/// places); none is taken from an article of the development or held-out sets.
public enum RelationRules {
    /// Every rule: the code rules, then the shipped patterns.
    public static let all: [RelationRule] = code + RelationPatterns.shipped.patterns.map(\.rule)

    /// The rules written in code (`Relator.swift`, `OrganizationRules.swift`).
    public static let code: [RelationRule] = [
        RelationRule(id: "post.named-in-post", relation: .holdsPost,
                     reads: "the bodies, places and zones named in an official's post (`X市委副书记、市长张三`)",
                     yes: [RuleExample("桂林市委副书记、市长钟立新出席仪式。", "钟立新", "桂林市")],
                     no: [RuleExample("钟立新在桂林市考察。", "钟立新", "桂林市")]),
        RelationRule(id: "post.listed-after-body", relation: .holdsPost,
                     reads: "officials listed one after another after a body, their own posts naming no body or level, hold posts in the first one's body",
                     yes: [RuleExample("江苏恒通集团党委书记、董事长周明远，党委委员、副总经理陈立新等出席活动。", "陈立新", "江苏恒通集团"),
                           RuleExample("宜兴经济技术开发区陆建国主任、孙海涛书记参加了汇报会。", "孙海涛", "宜兴经济技术开发区")],
                     no: [RuleExample("宜兴市委书记陆建国，副市长孙海涛等出席活动。", "孙海涛", "宜兴市委")]),
        RelationRule(id: "post.listed-level", relation: .holdsPost,
                     reads: "a head of government named by level only (`代区长`, `市长`) listed right after an official of that place heads its government",
                     yes: [RuleExample("江宁区委书记孙立新、代区长陈海波出席活动。", "陈海波", "江宁区")],
                     no: [RuleExample("江宁区委书记孙立新、教授陈海波出席活动。", "陈海波", "江宁区")]),
        RelationRule(id: "post.implied", relation: .holdsPost,
                     reads: "a post named by level only (`市长`, `县委书记`) belongs to the document's own city or county",
                     yes: [RuleExample("柳州市召开工作会议。市长韦志成出席并讲话。", "韦志成", "柳州市")],
                     no: [RuleExample("柳州市召开工作会议。教授韦志成出席并讲话。", "韦志成", "柳州市")]),
        RelationRule(id: "accompany.verb", relation: .accompanied,
                     reads: "officials before 陪同 accompany the one after it, or the one before `在…陪同下`",
                     yes: [RuleExample("市委书记赵明远在副市长孙海波的陪同下来到宜兴经济技术开发区。", "孙海波", "赵明远"),
                           RuleExample("省长周立平到宜兴经济技术开发区调研。副市长孙海波陪同。", "孙海波", "周立平")],
                     no: [RuleExample("副市长孙海波与市委书记赵明远出席签约仪式。", "孙海波", "赵明远")]),
        RelationRule(id: "visit.verb", relation: .visited,
                     reads: "an official (or the group the article follows) and the sites listed after a visiting verb",
                     yes: [RuleExample("县委书记梁国栋先后走访江苏恒瑞纺织有限公司、宜兴环保科技工业园。", "梁国栋", "宜兴环保科技工业园"),
                           RuleExample("区领导马建华、高志远带队赴江阴市学习。考察组走访了江阴高新技术产业开发区。", "高志远", "江阴高新技术产业开发区"),
                           RuleExample("副县长王建平先后走访了涟水经济开发区管委会、淮安宏达纺织有限公司。", "王建平", "涟水经济开发区")],
                     no: [RuleExample("县委书记梁国栋表示，江苏恒瑞纺织有限公司发展势头良好。", "梁国栋", "江苏恒瑞纺织有限公司")]),
        RelationRule(id: "visit.opens-at-site", relation: .visited,
                     reads: "a sentence opening `在X，` at a site names what the official after it visited",
                     yes: [RuleExample("在常州华宇电机有限公司，市长顾晓东详细了解生产情况。", "顾晓东", "常州华宇电机有限公司")],
                     no: [RuleExample("常州华宇电机有限公司的产品，市长顾晓东十分关心。", "顾晓东", "常州华宇电机有限公司")]),
        RelationRule(id: "visit.on-site", relation: .visited,
                     reads: "`在X现场，` names the site the official visited",
                     yes: [RuleExample("在年产10万吨特种纸项目现场，副省长蒋立华听取项目进展汇报。", "蒋立华", "年产10万吨特种纸项目")],
                     no: [RuleExample("年产10万吨特种纸项目进展顺利，副省长蒋立华表示肯定。", "蒋立华", "年产10万吨特种纸项目")]),
        RelationRule(id: "lead.verb", relation: .leads,
                     reads: "an official and the body or project after 牵头/领衔, or `Y由X领衔`",
                     yes: [RuleExample("新型储能研究院由中国工程院院士罗振邦领衔。", "罗振邦", "新型储能研究院")],
                     no: [RuleExample("中国工程院院士罗振邦参观了新型储能研究院。", "罗振邦", "新型储能研究院")]),
        RelationRule(id: "locate.drawn-in", relation: .locatedIn,
                     reads: "the projects and companies listed after a zone draws them in (`X吸引/聚集了A、B`)",
                     yes: [RuleExample("南通经济技术开发区已聚集南通海星电子有限公司、江苏通润装备科技股份有限公司等企业。", "南通海星电子有限公司", "南通经济技术开发区")],
                     no: [RuleExample("南通海星电子有限公司与南通经济技术开发区举行座谈。", "南通海星电子有限公司", "南通经济技术开发区")]),
        RelationRule(id: "locate.drawn-in-list", relation: .locatedIn,
                     reads: "after a zone draws projects in, the next sentence listing projects with no verb of its own",
                     yes: [RuleExample("盐城高新技术产业开发区吸引了一批项目落地。年产5万吨锂电隔膜项目；年产200万套汽车座椅项目。", "年产5万吨锂电隔膜项目", "盐城高新技术产业开发区")],
                     no: [RuleExample("盐城高新技术产业开发区召开会议。年产5万吨锂电隔膜项目；年产200万套汽车座椅项目。", "年产5万吨锂电隔膜项目", "盐城高新技术产业开发区")]),
        RelationRule(id: "select.list-line", relation: .selectedInto,
                     reads: "a list named on a line of its own, then one item per line",
                     yes: [RuleExample("全省绿色工业园区名单\n一、开发区\n镇江经济技术开发区(新材料)\n泰州医药高新技术产业开发区(生物医药)", "镇江经济技术开发区", "全省绿色工业园区名单")],
                     no: [RuleExample("全省绿色工业园区名单\n镇江经济技术开发区召开了长达两个小时的专题会议，研究部署下一阶段的招商引资和项目建设工作，会议由管委会主任主持，各部门负责人参加。", "镇江经济技术开发区", "全省绿色工业园区名单")]),
        RelationRule(id: "select.table-after-list", relation: .selectedInto,
                     reads: "a list's name followed by the rows of a table flattened into the same line",
                     yes: [RuleExample("附件2024年江苏省智慧园区认定名单序号设区市园区名称1无锡无锡惠山经济开发区2常州常州天宁经济开发区3南通南通苏锡通科技产业园区", "常州天宁经济开发区", "2024年江苏省智慧园区认定名单")],
                     no: [RuleExample("附件2024年江苏省智慧园区认定名单。", "常州天宁经济开发区", "2024年江苏省智慧园区认定名单")]),
        RelationRule(id: "locate.table-column", relation: .locatedIn,
                     reads: "in such a table, the city column right before a row's zone",
                     yes: [RuleExample("附件2024年江苏省智慧园区认定名单序号设区市园区名称1无锡无锡惠山经济开发区2常州常州天宁经济开发区3南通南通苏锡通科技产业园区", "常州天宁经济开发区", "常州")],
                     no: [RuleExample("常州市领导考察了天宁经济开发区和惠山经济开发区。", "惠山经济开发区", "常州市")]),
        RelationRule(id: "build.named-in-project", relation: .builds,
                     reads: "a company named inside a project's name (a body named so is what the project builds)",
                     yes: [RuleExample("总投资50亿元的中天钢铁集团项目正式开工。", "中天钢铁集团", "中天钢铁集团项目")],
                     no: [RuleExample("宿迁市开工建设宿迁外国语学校项目。", "宿迁外国语学校", "宿迁外国语学校项目")]),
        RelationRule(id: "locate.verb", relation: .locatedIn,
                     reads: "X 位于/落户/选址 Y, and 位于 Y 的 X",
                     yes: [RuleExample("淮安智联汽车零部件有限公司位于淮安经济技术开发区。", "淮安智联汽车零部件有限公司", "淮安经济技术开发区")],
                     no: [RuleExample("淮安智联汽车零部件有限公司与淮安经济技术开发区座谈。", "淮安智联汽车零部件有限公司", "淮安经济技术开发区")]),
        RelationRule(id: "locate.zai-verb", relation: .locatedIn,
                     reads: "X 在 Y 投产/开工/建成: the project or company nearest before 在",
                     yes: [RuleExample("年产8万吨电子级硅材料项目在连云港经济技术开发区开工。", "年产8万吨电子级硅材料项目", "连云港经济技术开发区")],
                     no: [RuleExample("年产8万吨电子级硅材料项目的负责人在连云港经济技术开发区作报告。", "年产8万吨电子级硅材料项目", "连云港经济技术开发区")]),
        RelationRule(id: "locate.place-develops-zones", relation: .locatedIn,
                     reads: "a place building zones holds them (`我市加快建设A、B等园区`)",
                     yes: [RuleExample("近年来，徐州市加快建设徐州高端装备产业园、徐州新能源产业园等园区。", "徐州新能源产业园", "徐州市")],
                     no: [RuleExample("近年来，徐州市学习借鉴了苏州工业园区的经验。", "苏州工业园区", "徐州市")]),
        RelationRule(id: "issue.verb", relation: .issued,
                     reads: "bodies before 发布/印发/公布 and the policies after it",
                     yes: [RuleExample("近日，江苏省科学技术厅印发《江苏省科技企业孵化器管理办法》。", "江苏省科学技术厅", "《江苏省科技企业孵化器管理办法》")],
                     no: [RuleExample("近日，江苏省科学技术厅解读了《江苏省科技企业孵化器管理办法》。", "江苏省科学技术厅", "《江苏省科技企业孵化器管理办法》"),
                          RuleExample("经江苏省人民政府同意，江苏省工业和信息化厅印发《江苏省智能制造行动方案》。", "江苏省人民政府", "《江苏省智能制造行动方案》")]),
        RelationRule(id: "issue.bodies-before-title", relation: .issued,
                     reads: "bodies named right before a title (`省委、省政府《关于…的意见》`)",
                     yes: [RuleExample("为落实江苏省人民政府《关于加快培育先进制造业集群的意见》，我们召开了专题会议。", "江苏省人民政府", "《关于加快培育先进制造业集群的意见》")],
                     no: [RuleExample("江苏省人民政府召开会议，学习《关于加快培育先进制造业集群的意见》。", "江苏省人民政府", "《关于加快培育先进制造业集群的意见》")]),
        RelationRule(id: "issue.body-opens-title", relation: .issued,
                     reads: "a body opening a title issued it (`《国务院关于…的通知》`)",
                     yes: [RuleExample("会议学习了《国务院关于推动内河航运高质量发展的通知》。", "国务院", "《国务院关于推动内河航运高质量发展的通知》")],
                     no: [RuleExample("会议学习了《推动内河航运高质量发展的通知》，国务院有关负责同志出席。", "国务院", "《推动内河航运高质量发展的通知》")]),
        RelationRule(id: "issue.printed-in-title", relation: .issued,
                     reads: "a title `《X关于印发〈Y〉的通知》`: the body opening it issued the title printed inside it",
                     yes: [RuleExample("苏州工业园区管委会转发《苏州工业园区管委会关于印发〈苏州工业园区人才安居管理办法〉的通知》。", "苏州工业园区管委会", "《苏州工业园区人才安居管理办法》")],
                     no: [RuleExample("苏州工业园区管委会转发《苏州工业园区管委会关于学习〈苏州工业园区人才安居管理办法〉的通知》。", "苏州工业园区管委会", "《苏州工业园区人才安居管理办法》")]),
        RelationRule(id: "issue.approved-by", relation: .issued,
                     reads: "a policy approved by a body (`《方案》获得X批复`)",
                     yes: [RuleExample("《苏北沿海港口群发展方案》获得国家发展改革委批复。", "国家发展改革委", "《苏北沿海港口群发展方案》")],
                     no: [RuleExample("国家发展改革委调研组学习《苏北沿海港口群发展方案》。", "国家发展改革委", "《苏北沿海港口群发展方案》")]),
        RelationRule(id: "select.verb", relation: .selectedInto,
                     reads: "zones or companies 入选/获评 a list named here or just before, and `其中` lines after it",
                     yes: [RuleExample("江苏省工业和信息化厅公布第三批江苏省智能工厂名单，常州新创精工机械有限公司入选。", "常州新创精工机械有限公司", "第三批江苏省智能工厂名单")],
                     no: [RuleExample("江苏省工业和信息化厅公布第三批江苏省智能工厂名单。常州新创精工机械有限公司召开年会。", "常州新创精工机械有限公司", "第三批江苏省智能工厂名单")]),
        RelationRule(id: "implement.verb", relation: .implements,
                     reads: "a zone, body or place and the policy after 推进/实施/开展 (`我厅` is the body writing)",
                     yes: [RuleExample("昆山经济技术开发区深入实施“智改数转”行动。", "昆山经济技术开发区", "“智改数转”行动"),
                           RuleExample("江苏省科学技术厅召开会议。会议指出，我厅将牵头实施“创新提升”行动。", "江苏省科学技术厅", "“创新提升”行动")],
                     no: [RuleExample("昆山经济技术开发区负责人认为，“智改数转”行动意义重大。", "昆山经济技术开发区", "“智改数转”行动")]),
        RelationRule(id: "build.verb", relation: .builds,
                     reads: "a company, 新上/投资建设, the project",
                     yes: [RuleExample("江苏瑞丰光电有限公司投资建设年产1GW光伏组件项目。", "江苏瑞丰光电有限公司", "年产1GW光伏组件项目")],
                     no: [RuleExample("江苏瑞丰光电有限公司参观了年产1GW光伏组件项目。", "江苏瑞丰光电有限公司", "年产1GW光伏组件项目")]),
        RelationRule(id: "build.built-by", relation: .builds,
                     reads: "`该项目…由X控股建设`: the body after 由 builds the project named before",
                     yes: [RuleExample("年产6万吨高端铝箔项目由江苏鼎力铝业有限公司投资建设。", "江苏鼎力铝业有限公司", "年产6万吨高端铝箔项目")],
                     no: [RuleExample("年产6万吨高端铝箔项目由市领导揭牌，江苏鼎力铝业有限公司派员参加。", "江苏鼎力铝业有限公司", "年产6万吨高端铝箔项目")]),
        RelationRule(id: "invest.in-zone", relation: .investsIn,
                     reads: "X 在 园区 布局/投资",
                     yes: [RuleExample("无锡华晟半导体有限公司在无锡高新技术产业开发区投资20亿元。", "无锡华晟半导体有限公司", "无锡高新技术产业开发区")],
                     no: [RuleExample("无锡华晟半导体有限公司考察无锡高新技术产业开发区。", "无锡华晟半导体有限公司", "无锡高新技术产业开发区")]),
        RelationRule(id: "invest.investor", relation: .investsIn,
                     reads: "`投资方为X`: the company invests in the project of the sentence",
                     yes: [RuleExample("年产3000吨特种合金项目的投资方为江苏宏远金属材料有限公司。", "江苏宏远金属材料有限公司", "年产3000吨特种合金项目")],
                     no: [RuleExample("年产3000吨特种合金项目的设计方为江苏宏远金属材料有限公司。", "江苏宏远金属材料有限公司", "年产3000吨特种合金项目")]),
        RelationRule(id: "own.subsidiary", relation: .subsidiaryOf,
                     reads: "旗下/下属: subsidiary or part of the company before",
                     yes: [RuleExample("江苏海辰控股集团旗下的南京海辰物流有限公司正式运营。", "南京海辰物流有限公司", "江苏海辰控股集团")],
                     no: [RuleExample("江苏海辰控股集团与南京海辰物流有限公司签订协议。", "南京海辰物流有限公司", "江苏海辰控股集团")]),
        RelationRule(id: "cooperate.verb", relation: .cooperatesWith,
                     reads: "A 与 B … 合作/共建 (no company signing)",
                     yes: [RuleExample("南京理工大学与溧阳经济开发区共建新能源研究院。", "南京理工大学", "溧阳经济开发区")],
                     no: [RuleExample("南京理工大学的专家到溧阳经济开发区讲课。", "南京理工大学", "溧阳经济开发区")]),
        RelationRule(id: "sign.verb", relation: .signedWith,
                     reads: "a company 与 a zone, body or company … 签约/签署/签订",
                     yes: [RuleExample("江苏远航新能源科技有限公司与如皋经济技术开发区签约。", "江苏远航新能源科技有限公司", "如皋经济技术开发区")],
                     no: [RuleExample("江苏远航新能源科技有限公司在如皋经济技术开发区举行年会。", "江苏远航新能源科技有限公司", "如皋经济技术开发区")]),
        RelationRule(id: "invest.signed-project", relation: .investsIn,
                     reads: "the signing company invests in the one project signed (a body builds it)",
                     yes: [RuleExample("江苏远航新能源科技有限公司与如皋经济技术开发区签约年产2GWh储能电池项目。", "江苏远航新能源科技有限公司", "年产2GWh储能电池项目")],
                     no: [RuleExample("江苏远航新能源科技有限公司与如皋经济技术开发区签约。年产2GWh储能电池项目另行商定。", "江苏远航新能源科技有限公司", "年产2GWh储能电池项目")]),
        RelationRule(id: "invest.signed-respectively", relation: .investsIn,
                     reads: "`A、B分别与X签约P和Q`: each company invests in its project",
                     yes: [RuleExample("江苏博远电子有限公司、江苏恒泰化纤有限公司分别与海安高新技术产业开发区签约智能传感器项目和差别化纤维项目。", "江苏恒泰化纤有限公司", "差别化纤维项目")],
                     no: [RuleExample("江苏博远电子有限公司、江苏恒泰化纤有限公司分别与海安高新技术产业开发区签约智能传感器项目和差别化纤维项目。", "江苏恒泰化纤有限公司", "智能传感器项目")]),
        RelationRule(id: "cooperate.together", relation: .cooperatesWith,
                     reads: "`A、B携手…`: every two of the bodies listed before 携手/合作",
                     yes: [RuleExample("东南大学、苏州大学携手打造长三角集成电路创新平台。", "东南大学", "苏州大学")],
                     no: [RuleExample("东南大学学生参观苏州大学校园。", "东南大学", "苏州大学")]),
        RelationRule(id: "incubate.relying-on", relation: .incubatedBy,
                     reads: "`依托X…孵化的Y`",
                     yes: [RuleExample("依托南京大学微结构实验室孵化的南京微光科技有限公司已获融资。", "南京微光科技有限公司", "南京大学微结构实验室")],
                     no: [RuleExample("南京大学微结构实验室与南京微光科技有限公司的专家会面。", "南京微光科技有限公司", "南京大学微结构实验室")]),
        RelationRule(id: "incubate.verb", relation: .incubatedBy,
                     reads: "`X孵化Y`: a company incubated by the body before the verb",
                     yes: [RuleExample("常州先进材料研究院已孵化常州碳元新材料有限公司等企业。", "常州碳元新材料有限公司", "常州先进材料研究院")],
                     no: [RuleExample("常州先进材料研究院邀请常州碳元新材料有限公司参加论坛。", "常州碳元新材料有限公司", "常州先进材料研究院")]),
        RelationRule(id: "support.verb", relation: .supports,
                     reads: "a policy, body or place 支持/扶持 the zones, bodies or projects right after it",
                     yes: [RuleExample("江苏省财政厅支持苏州工业园区建设国际科技合作平台。", "江苏省财政厅", "苏州工业园区")],
                     no: [RuleExample("江苏省财政厅的干部到苏州工业园区挂职。", "江苏省财政厅", "苏州工业园区")]),
        RelationRule(id: "support.title-names", relation: .supports,
                     reads: "a policy whose title says it supports a named zone or body",
                     yes: [RuleExample("南京江北新区召开会议。江苏省出台《关于支持南京江北新区高质量发展的若干措施》。", "《关于支持南京江北新区高质量发展的若干措施》", "南京江北新区")],
                     no: [RuleExample("江苏省出台《关于推进制造业高质量发展的若干措施》，南京江北新区积极落实。", "《关于推进制造业高质量发展的若干措施》", "南京江北新区")]),
        RelationRule(id: "locate.zone-in-zone-name", relation: .locatedIn,
                     reads: "a zone named inside a longer zone's name lies in it",
                     yes: [RuleExample("常熟经济技术开发区医药消费品特色园区获评省级特色园区。", "常熟经济技术开发区医药消费品特色园区", "常熟经济技术开发区")],
                     no: [RuleExample("常熟经济技术开发区召开汽车零部件企业座谈会。", "常熟经济技术开发区", "汽车零部件企业")]),
    ]

    /// The rule with an id, if there is one.
    public static func rule(_ id: String) -> RelationRule? { all.first { $0.id == id } }
}
