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
  translate
} from "@yinfa/core"
import { ENUM_LABELS, normalizeText, splitList } from "./labels.js"
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

/** The volunteer roster's columns, in template order, with the names clerks' own sheets use. */
export const ROSTER_COLUMNS = [
  { key: "name", header: "姓名", synonyms: ["名字", "志愿者姓名"], required: true },
  { key: "gender", header: "性别", required: true },
  { key: "birthDate", header: "出生日期", synonyms: ["出生年月", "出生年月日", "生日"], required: true },
  { key: "idNumber", header: "身份证号码", synonyms: ["身份证号", "身份证", "证件号码", "证件号", "公民身份号码", "身份证件号码"] },
  { key: "phone", header: "手机号码", synonyms: ["手机号", "手机", "联系电话", "移动电话", "电话"] },
  { key: "region", header: "所属辖区", synonyms: ["辖区", "所在辖区", "所属地区", "县(市、区)", "县市区", "区县"], required: true },
  { key: "formerUnit", header: "原单位", synonyms: ["原工作单位", "退休前单位", "工作单位"] },
  { key: "formerPosition", header: "原职务", synonyms: ["职务", "原任职务"] },
  { key: "retirementType", header: "离休/退休", synonyms: ["离退休", "离退休类别", "离休退休", "离退休类型"] },
  { key: "partyMember", header: "是否党员", synonyms: ["党员", "政治面貌"] },
  { key: "expertise", header: "专长领域", synonyms: ["专长", "特长", "专业特长"] },
  { key: "interests", header: "服务意向", synonyms: ["意向", "服务方向", "兴趣方向", "意向类别"] },
  { key: "talentPool", header: "是否入库人才库", synonyms: ["人才库", "是否入库", "银发人才库", "是否入人才库"] },
  { key: "fitness", header: "身体状况", synonyms: ["健康状况"] },
  { key: "monthlyHours", header: "每月可服务时长", synonyms: ["每月服务时长", "可服务时长", "每月时长"] },
  { key: "channels", header: "可接受服务方式", synonyms: ["服务方式", "接受服务方式"] },
  { key: "consentAt", header: "同意时间", synonyms: ["本人同意时间", "同意日期", "知情同意时间"], required: true },
  { key: "healthDataConsentAt", header: "健康信息同意时间", synonyms: ["健康信息同意日期", "健康同意时间"] },
  { key: "joinedAt", header: "加入日期", synonyms: ["加入时间", "入库日期", "登记日期"] }
] as const satisfies ReadonlyArray<ColumnSpec>

export type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"]

export const ROSTER_HEADER: Readonly<Record<RosterKey, string>> = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as never

/** The roster column a field path of VolunteerCreate belongs to (expertiseYears.x → 专长领域). */
export const rosterColumnOf = (path: string): string => {
  const top = path.split(".")[0]
  if (top === "regionCode") return ROSTER_HEADER.region
  if (top === "expertiseYears") return ROSTER_HEADER.expertise
  return (ROSTER_HEADER as Record<string, string>)[top] ?? ""
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

/** ID numbers and phones: full-width digits and letters, spaces and dashes people put in. */
export const normalizeIdentifier = (v: CellValue): Parsed<string> | null => {
  if (isBlank(v)) return null
  if (typeof v === "number") {
    // An 18-digit ID stored as a number has already lost its last digits to floating point.
    if (!Number.isSafeInteger(v)) return bad("import.idAsNumber")
    return { ok: String(v) }
  }
  if (typeof v === "object" && v !== null && !(v instanceof Date)) return bad("import.formulaError", { value: v.error })
  return {
    ok: text(v)
      .normalize("NFKC")
      .replace(/[\s\-‐－—_]+/g, "")
      .replace(/^'/, "")
      .toUpperCase()
  }
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

/**
 * A reader of labels (or codes) to their codes; the accepted labels are named in the message.
 * The labels are normalised once, not for every cell.
 */
const chooser = (choices: ReadonlyArray<readonly [string, ReadonlyArray<string>]>, sensitiveField?: string) => {
  const codes = new Map<string, string>()
  for (const [code, labels] of choices) for (const l of labels) if (!codes.has(normalizeText(l))) codes.set(normalizeText(l), code)
  const accepted = choices.map(([, labels]) => labels[0]).join("、")
  return (v: CellValue): Parsed<string> | null => {
    if (isBlank(v)) return null
    const code = codes.get(normalizeText(text(v)))
    if (code !== undefined) return { ok: code }
    // A health note is personal data: the report, which clerks pass around, says only that it was not understood.
    const value = sensitiveField ? String(maskSensitive(sensitiveField, text(v))) : text(v)
    return bad("import.badValue", { value, accepted })
  }
}

const YES = ["是", "Y", "yes", "true", "1", "√", "✓", "中共党员", "党员", "已入库"]
const NO = ["否", "N", "no", "false", "0", "×", "✗", "群众", "非党员", "未入库"]

const chooseYesNo = chooser([
  ["yes", YES],
  ["no", NO]
])

const yesNo = (v: CellValue): Parsed<boolean> | null => {
  if (typeof v === "boolean") return { ok: v }
  const c = chooseYesNo(v)
  return c === null || !("ok" in c) ? c : { ok: c.ok === "yes" }
}

const GENDERS = [
  ["male", [ENUM_LABELS.gender.male, "male", "M", "男性"]],
  ["female", [ENUM_LABELS.gender.female, "female", "F", "女性"]]
] as const
const RETIREMENT = [
  ["tuixiu", [ENUM_LABELS.retirementType.tuixiu, "tuixiu"]],
  ["lixiu", [ENUM_LABELS.retirementType.lixiu, "lixiu"]]
] as const
const FITNESS = [
  ["good", [ENUM_LABELS.fitness.good, "good", "健康", "好"]],
  ["limited", ["一般", ENUM_LABELS.fitness.limited, "limited", "受限", "较弱", "仅限轻度线下活动"]],
  ["online-only", [ENUM_LABELS.fitness["online-only"], "online-only", "只能线上", "仅限线上"]]
] as const

const chooseGender = chooser(GENDERS)
const chooseRetirement = chooser(RETIREMENT)
const chooseFitness = chooser(FITNESS, "fitness")

const channels = (v: CellValue): Parsed<ReadonlyArray<string>> | null => {
  if (isBlank(v)) return null
  const out = new Set<string>()
  for (const token of splitList(text(v))) {
    const t = normalizeText(token)
    if (["线上线下", "线上线下均可", "均可", "都可以", "不限", "线上+线下", "线上和线下", "线上线下结合"].includes(t)) {
      out.add("online")
      out.add("offline")
    } else if (t === "线上" || t === "online") out.add("online")
    else if (t === "线下" || t === "offline") out.add("offline")
    else return bad("import.badValue", { value: token, accepted: "线上、线下、线上线下" })
  }
  return { ok: [...out] }
}

const CATEGORY_LABELS = CATEGORIES.map((c) => ({ code: c.code, label: normalizeText(c.label["zh-CN"]) }))
const CATEGORIES_ACCEPTED = CATEGORIES.map((c) => c.label["zh-CN"]).join("、")

/** 讲好党的故事, 党的故事, 乡村振兴, a code: a token names the one category whose label holds it. */
const categories = (v: CellValue): Parsed<ReadonlyArray<string>> | null => {
  if (isBlank(v)) return null
  const out: Array<string> = []
  for (const token of splitList(text(v))) {
    const t = normalizeText(token)
    const hits = CATEGORY_LABELS.filter((c) => c.code === t || c.label.includes(t) || t.includes(c.label))
    if (hits.length !== 1 || t.length < 2) return bad("import.badValue", { value: token, accepted: CATEGORIES_ACCEPTED })
    if (!out.includes(hits[0].code)) out.push(hits[0].code)
  }
  return { ok: out }
}

/** Expertise fields by code and by normalised label. */
const EXPERTISE_CODES = new Map<string, string>(
  EXPERTISE_FIELDS.flatMap((e) => [[normalizeText(e.label["zh-CN"]), e.code] as const, [e.code, e.code] as const])
)
const EXPERTISE_ACCEPTED = EXPERTISE_FIELDS.map((e) => e.label["zh-CN"]).join("、")

/** 农业科技, 农业科技（30年）, 农业科技:30 → the field code and, when given, the years. */
const expertise = (v: CellValue): Parsed<{ fields: ReadonlyArray<string>; years: Record<string, number> }> | null => {
  if (isBlank(v)) return null
  const fields: Array<string> = []
  const years: Record<string, number> = {}
  for (const token of splitList(text(v))) {
    const m = /^(.+?)[(（:：]?\s*(\d{1,2})\s*年?[)）]?$/.exec(token)
    const label = normalizeText(m ? m[1] : token)
    const code = EXPERTISE_CODES.get(label)
    if (code === undefined) return bad("import.badValue", { value: token, accepted: EXPERTISE_ACCEPTED })
    if (!fields.includes(code)) fields.push(code)
    if (m) years[code] = Number(m[2])
  }
  return { ok: { fields, years } }
}

/** Regions by name (亭湖区, or 亭湖 without the suffix), code or latin short name. */
export const regionResolver = (regions: ReadonlyArray<Region>) => {
  const index = new Map<string, string>()
  for (const r of regions)
    for (const name of [r.name, r.code, r.slug, r.nameEn, r.name.replace(/(区|县|市)$/, "")])
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
  return (row: TableRow): ParsedRosterRow => {
    const issues: Array<RowIssue> = []
    const input: Record<string, unknown> = {}
    const cell = (key: RosterKey) => row.cells[key] ?? null
    const take = <A>(key: RosterKey, parsed: Parsed<A> | null, field: string = key, map: (a: A) => unknown = (a) => a) => {
      if (parsed === null) return
      if ("ok" in parsed) input[field] = map(parsed.ok)
      else issues.push(rowIssue(ctx.locale, row.row, ROSTER_HEADER[key], parsed.key, parsed.params))
    }
    const name = text(cell("name"))
    if (name !== "") input.name = name
    take("gender", chooseGender(cell("gender")))
    take("birthDate", parseDate(cell("birthDate")))
    take("idNumber", normalizeIdentifier(cell("idNumber")))
    take("phone", normalizeIdentifier(cell("phone")))
    const regionCell = region(cell("region"))
    if (ctx.forceRegion) {
      if (regionCell && "ok" in regionCell && regionCell.ok !== ctx.forceRegion)
        issues.push(rowIssue(ctx.locale, row.row, ROSTER_HEADER.region, "import.regionOutOfScope", { region: text(cell("region")) }))
      input.regionCode = ctx.forceRegion
    } else if (regionCell === null) {
      if (ctx.defaultRegion) input.regionCode = ctx.defaultRegion
    } else take("region", regionCell, "regionCode")
    for (const key of ["formerUnit", "formerPosition"] as const) {
      const s = text(cell(key))
      if (s !== "") input[key] = s
    }
    take("retirementType", chooseRetirement(cell("retirementType")))
    take("partyMember", yesNo(cell("partyMember")))
    const ex = expertise(cell("expertise"))
    take("expertise", ex, "expertise", (e) => e.fields)
    if (ex && "ok" in ex) input.expertiseYears = ex.ok.years
    take("interests", categories(cell("interests")))
    take("talentPool", yesNo(cell("talentPool")))
    take("fitness", chooseFitness(cell("fitness")))
    take("monthlyHours", number(cell("monthlyHours")))
    take("channels", channels(cell("channels")))
    take("consentAt", parseInstant(cell("consentAt"), ctx.utcOffsetMinutes))
    take("healthDataConsentAt", parseInstant(cell("healthDataConsentAt"), ctx.utcOffsetMinutes))
    take("joinedAt", parseDate(cell("joinedAt")))
    // A valid ID number already says when the person was born and whether a man or a woman.
    if (
      (input.birthDate === undefined || input.gender === undefined) &&
      typeof input.idNumber === "string" &&
      residentIdProblem(input.idNumber) === null
    ) {
      if (input.birthDate === undefined && !issues.some((i) => i.column === ROSTER_HEADER.birthDate))
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
  for await (const row of readTable(source, { spec: ROSTER_COLUMNS, requiredKeys, ...(onHeader ? { onHeader } : {}) })) yield parse(row)
}

// ---- attendance -----------------------------------------------------------------------------

export const ATTENDANCE_COLUMNS = [
  { key: "volunteerNumber", header: "志愿者编号", synonyms: ["编号", "志愿者号"] },
  { key: "idNumber", header: "身份证号码", synonyms: ["身份证号", "身份证", "证件号码", "公民身份号码"] },
  { key: "phone", header: "手机号码", synonyms: ["手机号", "手机", "联系电话"] },
  { key: "name", header: "姓名", synonyms: ["志愿者姓名"] },
  { key: "activity", header: "活动", synonyms: ["活动名称", "活动编号", "活动标题"], required: true },
  { key: "hours", header: "服务时长", synonyms: ["时长", "服务时长(小时)", "小时数"], required: true },
  { key: "note", header: "备注", synonyms: ["说明", "反馈"] }
] as const satisfies ReadonlyArray<ColumnSpec>

export type AttendanceKey = (typeof ATTENDANCE_COLUMNS)[number]["key"]
export const ATTENDANCE_HEADER: Readonly<Record<AttendanceKey, string>> = Object.fromEntries(
  ATTENDANCE_COLUMNS.map((c) => [c.key, c.header])
) as never

export interface ParsedAttendanceRow {
  readonly row: number
  readonly volunteerNumber: string | null
  readonly idNumber: string | null
  readonly phone: string | null
  readonly activity: string
  readonly hours: number | null
  readonly note: string
  readonly issues: ReadonlyArray<RowIssue>
}

export const parseAttendanceRow = (row: TableRow, locale: Locale): ParsedAttendanceRow => {
  const issues: Array<RowIssue> = []
  const ident = (key: "idNumber" | "phone") => {
    const p = normalizeIdentifier(row.cells[key] ?? null)
    if (p === null) return null
    if ("ok" in p) return p.ok
    issues.push(rowIssue(locale, row.row, ATTENDANCE_HEADER[key], p.key, p.params))
    return null
  }
  const hours = number(row.cells.hours ?? null)
  if (hours === null) issues.push(rowIssue(locale, row.row, ATTENDANCE_HEADER.hours, "validation.required"))
  else if (!("ok" in hours)) issues.push(rowIssue(locale, row.row, ATTENDANCE_HEADER.hours, hours.key, hours.params))
  const activity = text(row.cells.activity ?? null)
  if (activity === "") issues.push(rowIssue(locale, row.row, ATTENDANCE_HEADER.activity, "validation.required"))
  const volunteerNumber =
    text(row.cells.volunteerNumber ?? null)
      .normalize("NFKC")
      .toUpperCase() || null
  const idNumber = ident("idNumber")
  const phone = ident("phone")
  if (
    !volunteerNumber &&
    !idNumber &&
    !phone &&
    !issues.some((i) => i.column !== ATTENDANCE_HEADER.hours && i.column !== ATTENDANCE_HEADER.activity)
  )
    issues.push(rowIssue(locale, row.row, ATTENDANCE_HEADER.volunteerNumber, "import.identifyVolunteer"))
  return {
    row: row.row,
    volunteerNumber,
    idNumber,
    phone,
    activity,
    hours: hours && "ok" in hours ? hours.ok : null,
    note: text(row.cells.note ?? null),
    issues
  }
}
