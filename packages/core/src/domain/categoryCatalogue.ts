/**
 * The five categories, their activity formats and the expertise taxonomy, as plain data: no
 * Effect here, so a browser app showing their labels does not load the schema library (their
 * schemas are in categories.ts).
 */
/** The five focuses (五个聚力) of the plan. Fixed: a city may add formats, never categories. */
export const CATEGORY_CODES = ["party-story", "rural-revitalization", "grassroots-governance", "tech-innovation", "new-generation"] as const

/** One of the five categories. */
export type CategoryCode = (typeof CATEGORY_CODES)[number]

export interface Label {
  readonly "zh-CN": string
  readonly en: string
}

export interface ActivityFormatDef {
  readonly code: string
  readonly label: Label
}

export interface CategoryDef {
  readonly code: CategoryCode
  readonly label: Label
  readonly formats: ReadonlyArray<ActivityFormatDef>
}

const f = (code: string, zh: string, en: string): ActivityFormatDef => ({ code, label: { "zh-CN": zh, en } })

export const CATEGORIES: ReadonlyArray<CategoryDef> = [
  {
    code: "party-story",
    label: { "zh-CN": "讲好党的故事", en: "Telling the Party's story" },
    formats: [
      f("party-class", "党课培训", "Party class"),
      f("special-report", "专题报告", "Special report"),
      f("discussion", "座谈交流", "Discussion session"),
      f("dialect-talk", "乡音讲解", "Talk in local dialect"),
      f("performance", "文艺演出", "Performance"),
      f("exhibition", "展览展示", "Exhibition")
    ]
  },
  {
    code: "rural-revitalization",
    label: { "zh-CN": "促进乡村振兴", en: "Rural revitalisation" },
    formats: [
      f("technical-guidance", "技术指导", "Technical guidance"),
      f("experience-sharing", "经验传授", "Sharing experience"),
      f("village-planning", "村庄规划", "Village planning"),
      f("living-environment", "人居环境整治", "Living-environment clean-up"),
      f("specialty-industry", "特色产业", "Local specialty industry"),
      f("farmer-training", "农民培训", "Farmer training"),
      f("care-and-help", "关爱帮扶", "Care and help"),
      f("grassroots-party-building", "基层党建", "Grassroots Party building")
    ]
  },
  {
    code: "grassroots-governance",
    label: { "zh-CN": "完善基层治理", en: "Grassroots governance" },
    formats: [
      f("epidemic-prevention", "疫情防控", "Epidemic prevention"),
      f("public-safety", "平安创建", "Public-safety campaign"),
      f("civilisation-practice", "文明实践", "Civilisation practice"),
      f("community-management", "社区管理", "Community management"),
      f("legal-publicity", "法治宣传", "Legal publicity"),
      f("dispute-mediation", "矛盾调解", "Dispute mediation"),
      f("family-values", "家风建设", "Family values")
    ]
  },
  {
    code: "tech-innovation",
    label: { "zh-CN": "助推科技创新", en: "Science and technology innovation" },
    formats: [
      f("key-research", "科研攻关", "Key research problems"),
      f("project-rnd", "项目研发", "Project R&D"),
      f("technical-guidance", "技术指导", "Technical guidance"),
      f("consulting", "咨询顾问", "Consulting"),
      f("matchmaking", "牵线搭桥", "Matchmaking"),
      f("industry-university-research", "产学研合作", "Industry–university–research cooperation")
    ]
  },
  {
    code: "new-generation",
    label: { "zh-CN": "培育时代新人", en: "Raising the new generation" },
    formats: [
      f("moral-education", "思想道德教育", "Moral education"),
      f("history-tradition", "讲历史讲传统", "History and tradition"),
      f("mentoring", "结对帮带", "Pairing and mentoring"),
      f("targeted-care", "精准关爱帮扶", "Targeted care and help")
    ]
  }
]

/** The categories with a city's extra formats appended; the five themselves never change. */
export const withExtraFormats = (extra: Partial<Record<CategoryCode, ReadonlyArray<ActivityFormatDef>>>): ReadonlyArray<CategoryDef> =>
  CATEGORIES.map((c) => ({
    ...c,
    formats: [...c.formats, ...(extra[c.code] ?? []).filter((x) => !c.formats.some((y) => y.code === x.code))]
  }))

export const categoryDef = (categories: ReadonlyArray<CategoryDef>, code: CategoryCode): CategoryDef =>
  categories.find((c) => c.code === code) as CategoryDef

/** Expertise taxonomy of the silver talent pool (银发人才库). */
export const EXPERTISE_FIELDS: ReadonlyArray<{
  readonly code: string
  readonly label: Label
  readonly categories: ReadonlyArray<CategoryCode>
}> = [
  {
    code: "agri-tech",
    label: { "zh-CN": "农业科技", en: "Agricultural science" },
    categories: ["rural-revitalization", "tech-innovation"]
  },
  { code: "agri-business", label: { "zh-CN": "农业经营", en: "Farm management" }, categories: ["rural-revitalization"] },
  { code: "crop-livestock", label: { "zh-CN": "种植养殖", en: "Crops and livestock" }, categories: ["rural-revitalization"] },
  { code: "law-mediation", label: { "zh-CN": "法律/调解", en: "Law and mediation" }, categories: ["grassroots-governance"] },
  { code: "education", label: { "zh-CN": "教育", en: "Education" }, categories: ["new-generation", "party-story"] },
  { code: "medical-health", label: { "zh-CN": "医疗卫生", en: "Medicine and health" }, categories: ["grassroots-governance"] },
  { code: "rnd", label: { "zh-CN": "科技研发", en: "Research and development" }, categories: ["tech-innovation"] },
  {
    code: "enterprise-management",
    label: { "zh-CN": "企业管理", en: "Enterprise management" },
    categories: ["tech-innovation", "rural-revitalization"]
  },
  { code: "party-history", label: { "zh-CN": "党史宣讲", en: "Party history lectures" }, categories: ["party-story", "new-generation"] },
  { code: "arts", label: { "zh-CN": "文艺", en: "Arts and performance" }, categories: ["party-story"] },
  { code: "community-work", label: { "zh-CN": "社区工作", en: "Community work" }, categories: ["grassroots-governance"] },
  { code: "planning-construction", label: { "zh-CN": "规划建设", en: "Planning and construction" }, categories: ["rural-revitalization"] },
  { code: "finance-accounting", label: { "zh-CN": "财务会计", en: "Finance and accounting" }, categories: ["tech-innovation"] },
  {
    code: "publicity-writing",
    label: { "zh-CN": "宣传写作", en: "Publicity and writing" },
    categories: ["party-story", "grassroots-governance"]
  }
]
