import {
  CATEGORIES,
  EXPERTISE_FIELDS,
  type Locale,
  maskSensitive,
  type MessageParams,
  type Region,
  residentIdBirthDate,
  residentIdGender,
  residentIdProblem,
  translate,
  translateVerbatim
} from "@yinfa/core"
import { enumLabels, joinList, normalizeText, splitList, yesNo as yesNoWord } from "./labels.js"
import { type CellValue, type ColumnSpec, isBlank, readTable, type TableHeader, type TableRow, type TableSource } from "./table.js"

/** One problem of one row: the report a clerk reads (row as Excel numbers it, column by its header). */
export interface RowIssue {
  readonly row: number
  readonly column: string
  readonly key: string
  readonly params?: MessageParams
  readonly message: string
}

export const rowIssue = (locale: Locale, row: number, column: string, key: string, params?: MessageParams, message?: string): RowIssue => ({
  row,
  column,
  key,
  ...(params ? { params } : {}),
  message: message ?? translate(locale, key, params ?? {})
})

/** A column's header in `locale`, from the catalogue (`roster.header.*`, `attendance.header.*`). */
const headerIn = (sheet: "roster" | "attendance", key: string, locale: Locale): string =>
  translateVerbatim(locale, `${sheet}.header.${key}`)

/**
 * A column as the import matches it: the Chinese header of the template, the names clerks' own
 * sheets use, and the English header with the names English sheets use (an English export or
 * template is imported like a Chinese one).
 */
const column = <K extends string>(
  sheet: "roster" | "attendance",
  key: K,
  chinese: ReadonlyArray<string>,
  english: ReadonlyArray<string>
) => ({
  key,
  header: headerIn(sheet, key, "zh-CN"),
  synonyms: [...chinese, headerIn(sheet, key, "en"), ...english]
})

const required = { required: true } as const

/** The volunteer roster's columns, in template order. */
export const ROSTER_COLUMNS = [
  { ...column("roster", "name", ["名字", "志愿者姓名"], ["Full name", "Volunteer name"]), ...required },
  { ...column("roster", "gender", [], ["Sex"]), ...required },
  {
    ...column("roster", "birthDate", ["出生年月", "出生年月日", "生日"], ["Birth date", "Date of birth", "Birthday", "DOB"]),
    ...required
  },
  column(
    "roster",
    "idNumber",
    ["身份证号", "身份证", "证件号码", "证件号", "公民身份号码", "身份证件号码"],
    ["ID", "ID no.", "ID no", "ID card number", "Resident ID number"]
  ),
  column(
    "roster",
    "phone",
    ["手机号", "手机", "联系电话", "移动电话", "电话"],
    ["Phone", "Phone number", "Mobile", "Mobile phone", "Telephone"]
  ),
  {
    ...column("roster", "region", ["辖区", "所在辖区", "所属地区", "县(市、区)", "县市区", "区县"], ["District", "County", "Jurisdiction"]),
    ...required
  },
  column("roster", "formerUnit", ["原工作单位", "退休前单位", "工作单位"], ["Former employer", "Previous unit", "Work unit"]),
  column("roster", "formerPosition", ["职务", "原任职务"], ["Position", "Former post", "Previous position"]),
  column("roster", "retirementType", ["离退休", "离退休类别", "离休退休", "离退休类型"], ["Retirement", "Retirement status"]),
  column("roster", "partyMember", ["党员", "政治面貌"], ["Party membership", "CPC member"]),
  column("roster", "expertise", ["专长", "特长", "专业特长"], ["Expertise fields", "Fields of expertise", "Specialty", "Specialties"]),
  column("roster", "interests", ["意向", "服务方向", "兴趣方向", "意向类别"], ["Interests", "Service categories", "Categories"]),
  column(
    "roster",
    "talentPool",
    ["人才库", "是否入库", "银发人才库", "是否入人才库"],
    ["Talent pool", "Silver talent pool", "In talent pool"]
  ),
  column("roster", "fitness", ["健康状况"], ["Health", "Health status", "Physical condition"]),
  column(
    "roster",
    "monthlyHours",
    ["每月服务时长", "可服务时长", "每月时长"],
    ["Monthly hours", "Hours per month", "Hours available a month"]
  ),
  column("roster", "channels", ["服务方式", "接受服务方式"], ["Channels", "Service channels"]),
  {
    ...column("roster", "consentAt", ["本人同意时间", "同意日期", "知情同意时间"], ["Consent", "Consented on", "Date of consent"]),
    ...required
  },
  column("roster", "healthDataConsentAt", ["健康信息同意日期", "健康同意时间"], ["Health consent date", "Health data consent"]),
  column("roster", "joinedAt", ["加入时间", "入库日期", "登记日期"], ["Joined", "Join date", "Date joined"])
] as const satisfies ReadonlyArray<ColumnSpec>

export type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"]

const ROSTER_HEADERS_BY_LOCALE: Readonly<Record<Locale, Readonly<Record<RosterKey, string>>>> = {
  "zh-CN": Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, headerIn("roster", c.key, "zh-CN")])) as never,
  en: Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, headerIn("roster", c.key, "en")])) as never
}

/** The roster's headers in `locale` (the template's, an export's, the import report's); an import reads either language. */
export const rosterHeaders = (locale: Locale): Readonly<Record<RosterKey, string>> => ROSTER_HEADERS_BY_LOCALE[locale]

/** The roster's Chinese headers. */
export const ROSTER_HEADER: Readonly<Record<RosterKey, string>> = rosterHeaders("zh-CN")

/** The roster column a field path of VolunteerCreate belongs to (expertiseYears.x → 专长领域), by its header in `locale`. */
export const rosterColumnOf = (path: string, locale: Locale = "zh-CN"): string => {
  const headers = rosterHeaders(locale)
  const top = path.split(".")[0]
  if (top === "regionCode") return headers.region
  if (top === "expertiseYears") return headers.expertise
  return Object.hasOwn(headers, top) ? (headers as Record<string, string>)[top] : ""
}

// ---- values ---------------------------------------------------------------------------------

type Parsed<A> = { readonly ok: A } | { readonly key: string; readonly params?: MessageParams }

const bad = (key: string, params?: MessageParams): Parsed<never> => ({ key, ...(params ? { params } : {}) })

/** A cell as text; the quote our CSV export puts before formula-like text (=, +, -, @) comes off. */
const text = (v: CellValue): string =>
  v === null
    ? ""
    : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : typeof v === "object"
        ? ""
        : String(v)
            .trim()
            .replace(/^'(?=[=+\-@])/, "")

const pad = (n: number) => String(n).padStart(2, "0")

const calendarDate = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || y > 2100 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${y}-${pad(m)}-${pad(d)}`
}

/** A local date and time of day, as a clerk wrote it. */
interface LocalMoment {
  readonly date: string
  readonly time: string | null
}

/** Excel's 1900 date system: day 1 is 1900-01-01, with the phantom 1900-02-29 (hence 1899-12-30). */
const fromSerial = (serial: number): LocalMoment | null => {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80000) return null
  const ms = Math.round((serial * 86_400_000) / 1000) * 1000 + Date.UTC(1899, 11, 30)
  const d = new Date(ms)
  const time = ms % 86_400_000 === 0 ? null : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return { date: d.toISOString().slice(0, 10), time }
}

/**
 * Dates as clerks enter them: Excel date cells (exceljs gives the wall-clock value as UTC),
 * serial numbers, 2021-03-08, 2021/3/8, 2021.3.8, 2021年3月8日, 20210308, with an optional time.
 */
export const parseMoment = (v: CellValue): Parsed<LocalMoment> | null => {
  if (isBlank(v)) return null
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad("import.badDate", { value: "" })
    const iso = v.toISOString()
    const time = iso.slice(11, 19) === "00:00:00" ? null : iso.slice(11, 19)
    return { ok: { date: iso.slice(0, 10), time } }
  }
  if (typeof v === "object" && v !== null) return bad("import.formulaError", { value: (v as { error: string }).error })
  if (typeof v === "number") {
    const m = fromSerial(v)
    return m ? { ok: m } : bad("import.badDate", { value: String(v) })
  }
  const s = String(v).normalize("NFKC").trim()
  if (isMasked(s)) return bad("import.maskedValue", { value: s })
  const instant = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(s)
  if (instant) return { ok: { date: instant[1], time: `${instant[2]}Z` } }
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?秒?)?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) {
    const date = calendarDate(Number(m[1]), Number(m[2]), Number(m[3]))
    if (!date) return bad("import.badDate", { value: s })
    const time = m[4] !== undefined ? `${pad(Number(m[4]))}:${pad(Number(m[5]))}:${pad(Number(m[6] ?? 0))}` : null
    return { ok: { date, time } }
  }
  // A serial number that a CSV carried over as text.
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = fromSerial(Number(s))
    if (serial) return { ok: serial }
  }
  return bad("import.badDate", { value: s })
}

export const parseDate = (v: CellValue): Parsed<string> | null => {
  const m = parseMoment(v)
  return m === null ? null : "ok" in m ? { ok: m.ok.date } : m
}

/** A local moment as a UTC instant: consent given "2021-03-08" means that day in the city. */
export const parseInstant = (v: CellValue, utcOffsetMinutes: number): Parsed<string> | null => {
  const m = parseMoment(v)
  if (m === null || !("ok" in m)) return m
  if (m.ok.time?.endsWith("Z")) return { ok: `${m.ok.date}T${m.ok.time.slice(0, 8)}.000Z` }
  const local = Date.parse(`${m.ok.date}T${m.ok.time ?? "00:00:00"}Z`)
  return { ok: new Date(local - utcOffsetMinutes * 60_000).toISOString() }
}

/** The city's wall-clock rendering of an instant, as exports write it and imports read it back. */
export const formatInstantLocal = (instant: string | null | undefined, utcOffsetMinutes: number): string => {
  if (!instant) return ""
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return instant
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19).replace("T", " ")
}

/**
 * A value as yinfa shows it to readers who may not see it whole (3209**********833X, 136****9239,
 * 1946-**-**, ***): a roster exported without the full numbers. It can never be data, and saying
 * so is more use to the clerk than "an ID number has 18 characters".
 */
const isMasked = (s: string): boolean => s.includes("*")

/** ID numbers and phones: full-width digits and letters, spaces and dashes people put in. */
export const normalizeIdentifier = (v: CellValue): Parsed<string> | null => {
  if (isBlank(v)) return null
  if (typeof v === "number") {
    // An 18-digit ID stored as a number has already lost its last digits to floating point.
    if (!Number.isSafeInteger(v)) return bad("import.idAsNumber")
    return { ok: String(v) }
  }
  if (typeof v === "object" && v !== null && !(v instanceof Date)) return bad("import.formulaError", { value: v.error })
  const identifier = text(v)
    .normalize("NFKC")
    .replace(/[\s\-‐－—_]+/g, "")
    .replace(/^'/, "")
    .toUpperCase()
  return isMasked(identifier) ? bad("import.maskedValue", { value: identifier }) : { ok: identifier }
}

const number = (v: CellValue): Parsed<number> | null => {
  if (isBlank(v)) return null
  if (typeof v === "number") return { ok: v }
  const s = text(v)
    .normalize("NFKC")
    .replace(/(小时|h|hours?)$/i, "")
    .trim()
  const n = Number(s)
  return s !== "" && Number.isFinite(n) ? { ok: n } : bad("import.badNumber", { value: text(v) })
}

const isOk = <A>(p: Parsed<A>): p is { readonly ok: A } => "ok" in p

/** The words a value may be written with, per language; the first of each is the one messages name. */
type Words = Readonly<Record<Locale, ReadonlyArray<string>>>

/**
 * A reader of labels in either language (or codes) to their codes; the accepted labels are named
 * in the message, in the report's language. The labels are normalised once, not for every cell.
 */
const chooser = (choices: ReadonlyArray<readonly [string, Words]>, sensitiveField?: string) => {
  const codes = new Map<string, string>()
  for (const [code, words] of choices)
    for (const w of [...words["zh-CN"], ...words.en, code]) if (!codes.has(normalizeText(w))) codes.set(normalizeText(w), code)
  const acceptedIn = (locale: Locale) =>
    joinList(
      choices.map(([, words]) => words[locale][0]),
      locale
    )
  const accepted: Readonly<Record<Locale, string>> = { "zh-CN": acceptedIn("zh-CN"), en: acceptedIn("en") }
  return (word: string, locale: Locale): Parsed<string> => {
    const code = codes.get(normalizeText(word))
    if (code !== undefined) return { ok: code }
    if (sensitiveField && isMasked(word.normalize("NFKC"))) return bad("import.maskedValue", { value: word })
    // A health note is personal data: the report, which clerks pass around, says only that it was not understood.
    const value = sensitiveField ? String(maskSensitive(sensitiveField, word)) : word
    return bad("import.badValue", { value, accepted: accepted[locale] })
  }
}

/** A chooser applied to a whole cell. */
const oneOf =
  (choose: (word: string, locale: Locale) => Parsed<string>) =>
  (v: CellValue, locale: Locale): Parsed<string> | null =>
    isBlank(v) ? null : choose(text(v), locale)

/** Separators of multi-valued cells that no label contains ("/" is not one: 法律/调解). */
const LIST_SEPARATORS = /[、,，;；\n|｜]+/

/**
 * A multi-valued cell, value by value. Chinese sheets also separate values with spaces, but
 * English labels contain spaces ("Crops and livestock"): a piece between separators is read
 * whole first, and split at spaces only when it is not one value. When none of its words is a
 * value either, the message names the piece, not its first word.
 */
const readList = <A>(v: CellValue, readOne: (token: string) => Parsed<A>): Parsed<ReadonlyArray<A>> | null => {
  if (isBlank(v)) return null
  const out: Array<A> = []
  for (const piece of text(v).normalize("NFKC").split(LIST_SEPARATORS)) {
    const token = piece.trim()
    if (token === "") continue
    const whole = readOne(token)
    if (isOk(whole)) {
      out.push(whole.ok)
      continue
    }
    const parts = splitList(token).map(readOne)
    if (parts.length <= 1 || !parts.some(isOk)) return whole
    for (const part of parts) {
      if (!isOk(part)) return part
      out.push(part.ok)
    }
  }
  return { ok: out }
}

const YES_NO: ReadonlyArray<readonly [string, Words]> = [
  ["yes", { "zh-CN": [yesNoWord(true, "zh-CN"), "√", "✓", "中共党员", "党员", "已入库"], en: [yesNoWord(true, "en"), "Y", "true", "1"] }],
  ["no", { "zh-CN": [yesNoWord(false, "zh-CN"), "×", "✗", "群众", "非党员", "未入库"], en: [yesNoWord(false, "en"), "N", "false", "0"] }]
]

const chooseYesNo = oneOf(chooser(YES_NO))

const yesNo = (v: CellValue, locale: Locale): Parsed<boolean> | null => {
  if (typeof v === "boolean") return { ok: v }
  const c = chooseYesNo(v, locale)
  return c === null || !isOk(c) ? c : { ok: c.ok === "yes" }
}

const ZH = enumLabels("zh-CN")
const EN = enumLabels("en")

const GENDERS: ReadonlyArray<readonly [string, Words]> = [
  ["male", { "zh-CN": [ZH.gender.male, "男性"], en: [EN.gender.male, "M", "man"] }],
  ["female", { "zh-CN": [ZH.gender.female, "女性"], en: [EN.gender.female, "F", "woman"] }]
]
const RETIREMENT: ReadonlyArray<readonly [string, Words]> = [
  ["tuixiu", { "zh-CN": [ZH.retirementType.tuixiu], en: [EN.retirementType.tuixiu] }],
  ["lixiu", { "zh-CN": [ZH.retirementType.lixiu], en: [EN.retirementType.lixiu, "Lixiu"] }]
]
/** "一般" / "Limited" is how the template's list writes the middle one (its label is long). */
const FITNESS: ReadonlyArray<readonly [string, Words]> = [
  ["good", { "zh-CN": [ZH.fitness.good, "健康", "好"], en: [EN.fitness.good] }],
  [
    "limited",
    {
      "zh-CN": [translateVerbatim("zh-CN", "template.fitness.limitedShort"), ZH.fitness.limited, "受限", "较弱", "仅限轻度线下活动"],
      en: [translateVerbatim("en", "template.fitness.limitedShort"), EN.fitness.limited]
    }
  ],
  ["online-only", { "zh-CN": [ZH.fitness["online-only"], "只能线上", "仅限线上"], en: [EN.fitness["online-only"]] }]
]
/** "both" is not a channel: it stands for the two. */
const CHANNELS: ReadonlyArray<readonly [string, Words]> = [
  ["online", { "zh-CN": [ZH.acceptedChannel.online], en: [EN.acceptedChannel.online] }],
  ["offline", { "zh-CN": [ZH.acceptedChannel.offline], en: [EN.acceptedChannel.offline, "in-person", "face to face"] }],
  [
    "both",
    {
      "zh-CN": [
        translateVerbatim("zh-CN", "template.channels.both"),
        "线上线下均可",
        "均可",
        "都可以",
        "不限",
        "线上+线下",
        "线上和线下",
        "线上线下结合"
      ],
      en: [translateVerbatim("en", "template.channels.both"), "online and in person", "online or in person", "either", "any", "hybrid"]
    }
  ]
]

const chooseGender = oneOf(chooser(GENDERS))
const chooseRetirement = oneOf(chooser(RETIREMENT))
const chooseFitness = oneOf(chooser(FITNESS, "fitness"))
const chooseChannel = chooser(CHANNELS)

const channels = (v: CellValue, locale: Locale): Parsed<ReadonlyArray<string>> | null => {
  const read = readList(v, (token) => chooseChannel(token, locale))
  if (read === null || !isOk(read)) return read
  const out = new Set(read.ok.flatMap((c) => (c === "both" ? ["online", "offline"] : [c])))
  return { ok: [...out] }
}

const CATEGORY_LABELS = CATEGORIES.flatMap((c) =>
  [c.label["zh-CN"], c.label.en].map((label) => ({ code: c.code, label: normalizeText(label) }))
)
const CATEGORIES_ACCEPTED: Readonly<Record<Locale, string>> = {
  "zh-CN": joinList(CATEGORIES.map((c) => c.label["zh-CN"])),
  en: joinList(
    CATEGORIES.map((c) => c.label.en),
    "en"
  )
}

/**
 * 讲好党的故事, 党的故事, 乡村振兴, Rural revitalisation, Rural, a code: a token names the one
 * category whose label (in either language) holds it.
 */
const categories = (v: CellValue, locale: Locale): Parsed<ReadonlyArray<string>> | null => {
  const read = readList(v, (token): Parsed<string> => {
    const t = normalizeText(token)
    const hits = new Set(CATEGORY_LABELS.filter((c) => c.code === t || c.label.includes(t) || t.includes(c.label)).map((c) => c.code))
    if (hits.size !== 1 || t.length < 2) return bad("import.badValue", { value: token, accepted: CATEGORIES_ACCEPTED[locale] })
    return { ok: [...hits][0] }
  })
  return read === null || !isOk(read) ? read : { ok: [...new Set(read.ok)] }
}

/** Expertise fields by code and by normalised label in either language. */
const EXPERTISE_CODES = new Map<string, string>(
  EXPERTISE_FIELDS.flatMap((e) => [
    [normalizeText(e.label["zh-CN"]), e.code] as const,
    [normalizeText(e.label.en), e.code] as const,
    [e.code, e.code] as const
  ])
)
const EXPERTISE_ACCEPTED: Readonly<Record<Locale, string>> = {
  "zh-CN": joinList(EXPERTISE_FIELDS.map((e) => e.label["zh-CN"])),
  en: joinList(
    EXPERTISE_FIELDS.map((e) => e.label.en),
    "en"
  )
}

/** A field with the years of experience after it: 农业科技（30年）, Agricultural science (30 years), 农业科技:30. */
const WITH_YEARS = /^(.+?)\s*[(（:：]?\s*(\d{1,2})\s*(?:年|years?|yrs?)?\s*[)）]?$/i

/** Expertise cells → the field codes and, where given, the years. */
const expertise = (v: CellValue, locale: Locale): Parsed<{ fields: ReadonlyArray<string>; years: Record<string, number> }> | null => {
  const read = readList(v, (token): Parsed<{ code: string; years: number | null }> => {
    const m = WITH_YEARS.exec(token)
    const code = EXPERTISE_CODES.get(normalizeText(m ? m[1] : token))
    if (code === undefined) return bad("import.badValue", { value: token, accepted: EXPERTISE_ACCEPTED[locale] })
    return { ok: { code, years: m ? Number(m[2]) : null } }
  })
  if (read === null || !isOk(read)) return read
  const fields: Array<string> = []
  const years: Record<string, number> = {}
  for (const { code, years: y } of read.ok) {
    if (!fields.includes(code)) fields.push(code)
    if (y !== null) years[code] = y
  }
  return { ok: { fields, years } }
}

/** Regions by name (亭湖区, or 亭湖 without the suffix), English name (Tinghu District, or Tinghu), code or latin short name. */
export const regionResolver = (regions: ReadonlyArray<Region>) => {
  const index = new Map<string, string>()
  for (const r of regions)
    for (const name of [
      r.name,
      r.code,
      r.slug,
      r.nameEn,
      r.name.replace(/(区|县|市)$/, ""),
      r.nameEn.replace(/\s+(District|County|City)$/i, "")
    ])
      if (name) index.set(normalizeText(name), r.code)
  return (v: CellValue): Parsed<string> | null => {
    if (isBlank(v)) return null
    const code = index.get(normalizeText(text(v)))
    return code ? { ok: code } : bad("validation.unknownRegion", { region: text(v) })
  }
}

// ---- rows -----------------------------------------------------------------------------------

export interface RosterContext {
  readonly regions: ReadonlyArray<Region>
  readonly utcOffsetMinutes: number
  readonly locale: Locale
  /** Every row goes to this region (`--region`); the column, if present, must agree or be blank. */
  readonly forceRegion?: string | null
  /** The region of rows that leave it blank (a region admin's own). */
  readonly defaultRegion?: string | null
}

export interface ParsedRosterRow {
  readonly row: number
  /** Input for `Volunteers.create` (VolunteerCreate's encoded form); blank cells are left out so defaults apply. */
  readonly input: Record<string, unknown>
  readonly issues: ReadonlyArray<RowIssue>
}

/** One table row to a volunteer's input, with what could not be read in it. */
export const rosterRowParser = (ctx: RosterContext) => {
  const region = regionResolver(ctx.regions)
  const { locale } = ctx
  const headers = rosterHeaders(locale)
  return (row: TableRow): ParsedRosterRow => {
    const issues: Array<RowIssue> = []
    const input: Record<string, unknown> = {}
    const cell = (key: RosterKey) => row.cells[key] ?? null
    const take = <A>(key: RosterKey, parsed: Parsed<A> | null, field: string = key, map: (a: A) => unknown = (a) => a) => {
      if (parsed === null) return
      if ("ok" in parsed) input[field] = map(parsed.ok)
      else issues.push(rowIssue(locale, row.row, headers[key], parsed.key, parsed.params))
    }
    const name = text(cell("name"))
    if (name !== "") input.name = name
    take("gender", chooseGender(cell("gender"), locale))
    take("birthDate", parseDate(cell("birthDate")))
    take("idNumber", normalizeIdentifier(cell("idNumber")))
    take("phone", normalizeIdentifier(cell("phone")))
    const regionCell = region(cell("region"))
    if (ctx.forceRegion) {
      if (regionCell && "ok" in regionCell && regionCell.ok !== ctx.forceRegion)
        issues.push(rowIssue(locale, row.row, headers.region, "import.regionOutOfScope", { region: text(cell("region")) }))
      input.regionCode = ctx.forceRegion
    } else if (regionCell === null) {
      if (ctx.defaultRegion) input.regionCode = ctx.defaultRegion
    } else take("region", regionCell, "regionCode")
    for (const key of ["formerUnit", "formerPosition"] as const) {
      const s = text(cell(key))
      if (s !== "") input[key] = s
    }
    take("retirementType", chooseRetirement(cell("retirementType"), locale))
    take("partyMember", yesNo(cell("partyMember"), locale))
    const ex = expertise(cell("expertise"), locale)
    take("expertise", ex, "expertise", (e) => e.fields)
    if (ex && "ok" in ex) input.expertiseYears = ex.ok.years
    take("interests", categories(cell("interests"), locale))
    take("talentPool", yesNo(cell("talentPool"), locale))
    take("fitness", chooseFitness(cell("fitness"), locale))
    take("monthlyHours", number(cell("monthlyHours")))
    take("channels", channels(cell("channels"), locale))
    take("consentAt", parseInstant(cell("consentAt"), ctx.utcOffsetMinutes))
    take("healthDataConsentAt", parseInstant(cell("healthDataConsentAt"), ctx.utcOffsetMinutes))
    take("joinedAt", parseDate(cell("joinedAt")))
    // A valid ID number already says when the person was born and whether a man or a woman.
    if (
      (input.birthDate === undefined || input.gender === undefined) &&
      typeof input.idNumber === "string" &&
      residentIdProblem(input.idNumber) === null
    ) {
      if (input.birthDate === undefined && !issues.some((i) => i.column === headers.birthDate))
        input.birthDate = residentIdBirthDate(input.idNumber)
      if (input.gender === undefined && isBlank(cell("gender"))) input.gender = residentIdGender(input.idNumber)
    }
    return { row: row.row, input, issues }
  }
}

/** The roster's rows, parsed one at a time as they stream out of the file. */
export async function* readRoster(
  source: TableSource,
  ctx: RosterContext,
  onHeader?: (header: TableHeader) => void
): AsyncGenerator<ParsedRosterRow> {
  const parse = rosterRowParser(ctx)
  // With a forced or default region, the region column may be left out.
  const requiredKeys = ROSTER_COLUMNS.filter(
    (c) => "required" in c && c.required && !(c.key === "region" && (ctx.forceRegion || ctx.defaultRegion))
  ).map((c) => c.key)
  const options = { spec: ROSTER_COLUMNS, requiredKeys, headerNames: rosterHeaders(ctx.locale), ...(onHeader ? { onHeader } : {}) }
  for await (const row of readTable(source, options)) yield parse(row)
}

// ---- attendance -----------------------------------------------------------------------------

export const ATTENDANCE_COLUMNS = [
  column("attendance", "volunteerNumber", ["编号", "志愿者号"], ["Volunteer no.", "Volunteer no", "Volunteer ID"]),
  column("attendance", "idNumber", ["身份证号", "身份证", "证件号码", "公民身份号码"], ["ID", "ID no.", "ID no", "ID card number"]),
  column("attendance", "phone", ["手机号", "手机", "联系电话"], ["Phone", "Phone number", "Mobile", "Mobile phone"]),
  column("attendance", "name", ["志愿者姓名"], ["Full name", "Volunteer name"]),
  {
    ...column("attendance", "activity", ["活动名称", "活动编号", "活动标题"], ["Activity title", "Activity name", "Activity ID"]),
    ...required
  },
  { ...column("attendance", "hours", ["时长", "服务时长(小时)", "小时数"], ["Service hours", "Hours served", "Duration"]), ...required },
  column("attendance", "note", ["说明", "反馈"], ["Notes", "Remarks", "Comment", "Feedback"])
] as const satisfies ReadonlyArray<ColumnSpec>

export type AttendanceKey = (typeof ATTENDANCE_COLUMNS)[number]["key"]

const ATTENDANCE_HEADERS_BY_LOCALE: Readonly<Record<Locale, Readonly<Record<AttendanceKey, string>>>> = {
  "zh-CN": Object.fromEntries(ATTENDANCE_COLUMNS.map((c) => [c.key, headerIn("attendance", c.key, "zh-CN")])) as never,
  en: Object.fromEntries(ATTENDANCE_COLUMNS.map((c) => [c.key, headerIn("attendance", c.key, "en")])) as never
}

/** The attendance sheet's headers in `locale` (the template's, the import report's); an import reads either language. */
export const attendanceHeaders = (locale: Locale): Readonly<Record<AttendanceKey, string>> => ATTENDANCE_HEADERS_BY_LOCALE[locale]

/** The attendance sheet's Chinese headers. */
export const ATTENDANCE_HEADER: Readonly<Record<AttendanceKey, string>> = attendanceHeaders("zh-CN")

export interface ParsedAttendanceRow {
  readonly row: number
  readonly volunteerNumber: string | null
  readonly idNumber: string | null
  readonly phone: string | null
  readonly activity: string
  readonly hours: number | null
  readonly note: string
  /** The name the sheet gives, to check against the volunteer found ("" when left blank). */
  readonly name: string
  readonly issues: ReadonlyArray<RowIssue>
}

/** Names as compared when a sheet's name is checked: full-width forms, spaces and the middle dot people vary. */
export const comparableName = (name: string): string => name.normalize("NFKC").replace(/[\s·・.]+/g, "")

export const parseAttendanceRow = (row: TableRow, locale: Locale): ParsedAttendanceRow => {
  const issues: Array<RowIssue> = []
  const headers = attendanceHeaders(locale)
  const ident = (key: "idNumber" | "phone") => {
    const p = normalizeIdentifier(row.cells[key] ?? null)
    if (p === null) return null
    if ("ok" in p) return p.ok
    issues.push(rowIssue(locale, row.row, headers[key], p.key, p.params))
    return null
  }
  const hours = number(row.cells.hours ?? null)
  if (hours === null) issues.push(rowIssue(locale, row.row, headers.hours, "validation.required"))
  else if (!("ok" in hours)) issues.push(rowIssue(locale, row.row, headers.hours, hours.key, hours.params))
  const activity = text(row.cells.activity ?? null)
  if (activity === "") issues.push(rowIssue(locale, row.row, headers.activity, "validation.required"))
  const volunteerNumber =
    text(row.cells.volunteerNumber ?? null)
      .normalize("NFKC")
      .toUpperCase() || null
  const idNumber = ident("idNumber")
  const phone = ident("phone")
  if (!volunteerNumber && !idNumber && !phone && !issues.some((i) => i.column !== headers.hours && i.column !== headers.activity))
    issues.push(rowIssue(locale, row.row, headers.volunteerNumber, "import.identifyVolunteer"))
  return {
    row: row.row,
    volunteerNumber,
    idNumber,
    phone,
    activity,
    hours: hours && "ok" in hours ? hours.ok : null,
    note: text(row.cells.note ?? null),
    name: text(row.cells.name ?? null),
    issues
  }
}
