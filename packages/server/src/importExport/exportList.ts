import type { Writable } from "node:stream"
import {
  Activities,
  AuditLog,
  BrandProjects,
  Certificates,
  CurrentActor,
  Exemplars,
  ExperienceReports,
  forbidden,
  invalid,
  maskSensitive,
  Organizations,
  PairingCheckIns,
  Pairings,
  Participations,
  type Query,
  Regions,
  type ResourceName,
  RESOURCES,
  ServiceHours,
  translate,
  type Volunteer,
  Volunteers,
  YinfaConfig
} from "@yinfa/core"
import { Context, Effect } from "effect"
import ExcelJS from "exceljs"
import { ENUM_LABELS, type EnumName, enumLabel, volunteerLabel, yesNo } from "./labels.js"
import { formatInstantLocal, ROSTER_HEADER } from "./parseRoster.js"

/**
 * Any resource list, with the caller's filters and sort, as .xlsx (exceljs streaming writer) or
 * .csv (UTF-8 with BOM, so Excel on Chinese Windows opens it right), read page by page through
 * the scoped services: jurisdiction and masking are the services', never re-implemented here,
 * and 100 000 rows are never in memory at once.
 */

export type ExportFormat = "xlsx" | "csv"

/** A list service: what `list` needs from a ResourceService or ReadOnlyService. */
type Lister = {
  readonly list: (query: Query) => Effect.Effect<{ readonly rows: ReadonlyArray<any>; readonly total: number }, any, CurrentActor>
}
type GetMany = { readonly getMany: (ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<any>, never, CurrentActor> }

/** Exportable resources. Users and sessions are not (accounts are not a report). */
export const EXPORTABLE = {
  regions: Regions,
  organizations: Organizations,
  volunteers: Volunteers,
  activities: Activities,
  participations: Participations,
  "service-hours": ServiceHours,
  pairings: Pairings,
  "pairing-check-ins": PairingCheckIns,
  "experience-reports": ExperienceReports,
  "brand-projects": BrandProjects,
  exemplars: Exemplars,
  "audit-log": AuditLog,
  certificates: Certificates
} as const satisfies Partial<Record<ResourceName, Context.Tag<any, any>>>

export type ExportableResource = keyof typeof EXPORTABLE

export const isExportable = (s: string): s is ExportableResource => Object.hasOwn(EXPORTABLE, s)

/** Sheet and file names. */
export const RESOURCE_TITLES: Readonly<Record<ExportableResource, string>> = {
  regions: "辖区",
  organizations: "单位",
  volunteers: "志愿者名册",
  activities: "志愿服务活动",
  participations: "报名与出勤",
  "service-hours": "服务时长明细",
  pairings: "结对帮带",
  "pairing-check-ins": "帮带记录",
  "experience-reports": "经验报送",
  "brand-projects": "品牌项目",
  exemplars: "先进典型",
  "audit-log": "操作日志",
  certificates: "服务证明"
}

/** Chinese headers of fields that the core catalogue (`field.*`) does not name. */
const FIELD_HEADERS: Readonly<Record<string, string>> = {
  id: "记录ID",
  name: "名称",
  nameEn: "英文名称",
  kind: "类型",
  parentCode: "上级代码",
  sortOrder: "排序",
  contactName: "联系人",
  contactPhone: "联系电话",
  address: "地址",
  description: "简介",
  channel: "服务方式",
  volunteersNeeded: "需要人数",
  requiredExpertise: "所需专长",
  beneficiaryGroup: "服务对象",
  beneficiaryCount: "受益人数",
  riskLevel: "风险等级",
  safetyPlan: "安全预案",
  status: "状态",
  cancelReason: "取消原因",
  publishedAt: "发布时间",
  completedAt: "完成时间",
  createdAt: "创建时间",
  updatedAt: "更新时间",
  activityId: "活动",
  volunteerId: "志愿者",
  role: "角色",
  feedback: "反馈",
  verifiedBy: "核实人",
  recordedAt: "登记时间",
  recordedLate: "逾期登记",
  overrideReason: "本人同意超出限制的原因",
  signedUpAt: "报名时间",
  confirmedAt: "确认时间",
  withdrawnAt: "退出时间",
  source: "来源",
  participationId: "报名记录",
  pairingId: "结对",
  checkInId: "帮带记录",
  serviceDate: "服务日期",
  reason: "原因",
  recordedBy: "登记人",
  late: "逾期",
  mentorId: "导师",
  menteeType: "帮带对象类型",
  menteeName: "帮带对象",
  menteeUnit: "帮带对象单位",
  guardianContact: "监护人联系方式",
  beneficiaryOrganizationId: "对接单位",
  goals: "目标",
  startedOn: "开始日期",
  endedOn: "结束日期",
  endReason: "结束原因",
  endNote: "结束说明",
  date: "日期",
  mode: "方式",
  notes: "记录",
  body: "正文",
  activityIds: "关联活动",
  reviewerNotes: "审核意见",
  featured: "推荐",
  authorId: "填报人",
  submittedAt: "报送时间",
  reviewedAt: "审核时间",
  ownerOrganizationId: "牵头单位",
  yearStarted: "创办年份",
  level: "级别",
  year: "年度",
  citation: "事迹",
  at: "时间",
  actorId: "操作人ID",
  actorName: "操作人",
  actorRole: "操作人角色",
  resource: "资源",
  recordId: "记录",
  action: "操作",
  changes: "变更内容",
  note: "说明",
  volunteerName: "姓名",
  maskedIdNumber: "身份证号码（脱敏）",
  totalHours: "服务时长（小时）",
  starLevel: "星级",
  serviceSummary: "服务内容",
  periodFrom: "服务期间自",
  periodTo: "服务期间至",
  issuer: "出具单位",
  issuedBy: "出具人",
  issuedOn: "出具日期",
  hours: "服务时长（小时）",
  archiveReason: "归档原因",
  archiveNote: "归档说明",
  partyBranchId: "所属党支部",
  expertiseYears: "从业年限"
}

/** Which enumeration a field's values belong to, per resource where the same name differs. */
const FIELD_ENUMS: Readonly<Record<string, EnumName>> = {
  category: "category",
  gender: "gender",
  fitness: "fitness",
  channel: "channel",
  channels: "acceptedChannel",
  retirementType: "retirementType",
  archiveReason: "archiveReason",
  riskLevel: "riskLevel",
  endReason: "pairingEndReason",
  menteeType: "menteeType",
  mode: "checkInMode",
  level: "exemplarLevel",
  source: "serviceHourSource",
  actorRole: "role",
  expertise: "expertise",
  requiredExpertise: "expertise",
  interests: "category",
  format: "format"
}

const STATUS_ENUM: Partial<Record<ExportableResource, EnumName>> = {
  volunteers: "volunteerStatus",
  activities: "activityStatus",
  participations: "participationStatus",
  pairings: "pairingStatus",
  "experience-reports": "reportStatus"
}

const KIND_ENUM: Partial<Record<ExportableResource, EnumName>> = { organizations: "organizationKind", regions: "regionKind" }

/** Fields naming another record: exported as that record's name (looked up through its scoped service). */
const REFERENCES: Readonly<Record<string, { readonly tag: Context.Tag<any, any>; readonly label: (r: any) => string }>> = {
  volunteerId: { tag: Volunteers, label: volunteerLabel },
  mentorId: { tag: Volunteers, label: volunteerLabel },
  activityId: { tag: Activities, label: (a) => a.title },
  organizerId: { tag: Organizations, label: (o) => o.name },
  ownerOrganizationId: { tag: Organizations, label: (o) => o.name },
  partyBranchId: { tag: Organizations, label: (o) => o.name },
  beneficiaryOrganizationId: { tag: Organizations, label: (o) => o.name },
  brandProjectId: { tag: BrandProjects, label: (b) => b.name }
}

type Cell = string | number | null

interface Column {
  readonly header: string
  readonly value: (row: any, lookups: Lookups) => Cell
  /** Written as text in .xlsx (ID numbers, phones: never as numbers). */
  readonly text?: boolean
  readonly width?: number
}

type Lookups = ReadonlyMap<string, ReadonlyMap<string, string>>

const list = (values: unknown, enumName?: EnumName): string =>
  Array.isArray(values) ? values.map((v) => (enumName ? enumLabel(enumName, v) : String(v))).join("、") : ""

/**
 * The roster columns of a volunteer, written as the import template reads them, so that an
 * export can be corrected and imported again (and the round trip is tested).
 */
const volunteerColumns = (regionName: (code: string) => string, offset: number): ReadonlyArray<Column> => [
  { header: translate("zh-CN", "field.volunteerNumber"), value: (v: Volunteer) => v.volunteerNumber, width: 16 },
  { header: ROSTER_HEADER.name, value: (v: Volunteer) => v.name, width: 10 },
  { header: ROSTER_HEADER.gender, value: (v: Volunteer) => enumLabel("gender", v.gender), width: 6 },
  { header: ROSTER_HEADER.birthDate, value: (v: Volunteer) => v.birthDate, width: 12 },
  { header: ROSTER_HEADER.idNumber, value: (v: Volunteer) => v.idNumber, text: true, width: 21 },
  { header: ROSTER_HEADER.phone, value: (v: Volunteer) => v.phone, text: true, width: 13 },
  { header: ROSTER_HEADER.region, value: (v: Volunteer) => regionName(v.regionCode), width: 14 },
  { header: ROSTER_HEADER.formerUnit, value: (v: Volunteer) => v.formerUnit, width: 20 },
  { header: ROSTER_HEADER.formerPosition, value: (v: Volunteer) => v.formerPosition, width: 12 },
  { header: ROSTER_HEADER.retirementType, value: (v: Volunteer) => enumLabel("retirementType", v.retirementType) },
  { header: ROSTER_HEADER.partyMember, value: (v: Volunteer) => yesNo(v.partyMember) },
  {
    header: ROSTER_HEADER.expertise,
    value: (v: Volunteer) =>
      v.expertise
        .map((e) =>
          v.expertiseYears[e] !== undefined ? `${enumLabel("expertise", e)}（${v.expertiseYears[e]}年）` : enumLabel("expertise", e)
        )
        .join("、"),
    width: 24
  },
  { header: ROSTER_HEADER.interests, value: (v: Volunteer) => list(v.interests, "category"), width: 24 },
  { header: ROSTER_HEADER.talentPool, value: (v: Volunteer) => yesNo(v.talentPool) },
  // Masked fitness ("***") is shown as it is: the label would reveal it.
  {
    header: ROSTER_HEADER.fitness,
    value: (v: Volunteer) => (v.fitness === null ? "" : ((ENUM_LABELS.fitness as Record<string, string>)[v.fitness] ?? v.fitness))
  },
  { header: ROSTER_HEADER.monthlyHours, value: (v: Volunteer) => v.monthlyHours },
  {
    header: ROSTER_HEADER.channels,
    value: (v: Volunteer) => (v.channels.length === 2 ? "线上线下" : list(v.channels, "acceptedChannel"))
  },
  { header: ROSTER_HEADER.consentAt, value: (v: Volunteer) => formatInstantLocal(v.consentAt, offset), width: 20 },
  { header: ROSTER_HEADER.healthDataConsentAt, value: (v: Volunteer) => formatInstantLocal(v.healthDataConsentAt, offset), width: 20 },
  { header: ROSTER_HEADER.joinedAt, value: (v: Volunteer) => v.joinedAt, width: 12 },
  { header: FIELD_HEADERS.status, value: (v: Volunteer) => enumLabel("volunteerStatus", v.status) },
  { header: FIELD_HEADERS.archiveReason, value: (v: Volunteer) => enumLabel("archiveReason", v.archiveReason) }
]

const INSTANT_FIELDS = /At$|^at$/

/** Every stored field of a resource, rendered for people. */
const genericColumns = (resource: ExportableResource, regionName: (code: string) => string, offset: number): ReadonlyArray<Column> => {
  const descriptor = RESOURCES[resource]
  const sensitive = new Set(descriptor.sensitive)
  return descriptor.fields.map((f): Column => {
    const header = FIELD_HEADERS[f.name] ?? translate("zh-CN", `field.${f.name}`)
    const enumName = f.name === "status" ? STATUS_ENUM[resource] : f.name === "kind" ? KIND_ENUM[resource] : FIELD_ENUMS[f.name]
    const reference = REFERENCES[f.name]
    return {
      header: header.startsWith("field.") ? f.name : header,
      text: sensitive.has(f.name),
      value: (row, lookups) => {
        const raw = row[f.name]
        // Defence in depth: services mask what a reader may not see; nothing leaves here in clear.
        if (sensitive.has(f.name)) return (maskSensitive(f.name, raw) as string | null) ?? null
        if (raw === null || raw === undefined) return null
        if (reference) return lookups.get(f.name)?.get(String(raw)) ?? String(raw)
        if (f.name === "regionCode") return regionName(String(raw))
        if (f.name === "issuer" && typeof raw === "string") return raw.replace(/\n/g, "；")
        if (f.kind === "boolean") return yesNo(raw)
        if (f.kind === "string[]") return list(raw, enumName)
        if (f.kind === "json") return JSON.stringify(raw)
        if (enumName) return enumLabel(enumName, raw)
        if (f.kind === "string" && INSTANT_FIELDS.test(f.name) && /Z$/.test(String(raw))) return formatInstantLocal(String(raw), offset)
        return typeof raw === "number" ? raw : String(raw)
      }
    }
  })
}

export interface ExportOptions {
  readonly format: ExportFormat
  /** Filters and sort of the list the caller is looking at; its page is ignored. */
  readonly query?: Query
  /**
   * Volunteers only: ID numbers, phones, birth dates and fitness in clear, for admins who may
   * see them (each page read through `Volunteers.revealMany`, so each record is in the audit log).
   * Default: masked, as lists show them.
   */
  readonly reveal?: boolean
  /** Rows read per page (default 1000). */
  readonly pageSize?: number
  readonly onProgress?: (written: number, total: number) => void
}

/** Spreadsheet applications run cells that start like a formula (CSV injection): such text is quoted. */
const csvSafe = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)

const csvField = (v: Cell): string => {
  if (v === null) return ""
  if (typeof v === "number") return String(v)
  const s = csvSafe(v)
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

const write = (out: Writable, chunk: string | Uint8Array) =>
  Effect.async<void>((resume) => {
    if (out.write(chunk)) resume(Effect.void)
    else out.once("drain", () => resume(Effect.void))
  })

const end = (out: Writable) =>
  Effect.async<void>((resume) => {
    out.end(() => resume(Effect.void))
  })

/**
 * Streams the list to `out` and ends it. Fails before writing anything when the resource cannot
 * be exported, the query is refused by the service, or a viewer asks for clear values.
 */
export const exportList = (resource: string, out: Writable, options: ExportOptions) =>
  Effect.gen(function* () {
    if (!isExportable(resource))
      return yield* Effect.fail(invalid("resource", "validation.invalid", `cannot export ${resource}`, { detail: resource }))
    const actor = yield* CurrentActor
    const config = yield* YinfaConfig
    const service = (yield* EXPORTABLE[resource] as unknown as Effect.Effect<Lister>) as Lister
    const reveal = options.reveal === true && resource === "volunteers"
    if (reveal && actor.role === "viewer")
      return yield* Effect.fail(forbidden("forbidden.revealSensitive", "only administrators may see sensitive details"))
    const volunteers = reveal ? yield* Volunteers : null
    const regions = yield* Regions
    const regionRows = (yield* regions.list({ filters: [], sort: [] })).rows
    const names = new Map<string, string>(regionRows.map((r) => [r.code, r.name]))
    const regionName = (code: string) => names.get(code) ?? code
    const columns =
      resource === "volunteers"
        ? volunteerColumns(regionName, config.utcOffsetMinutes)
        : genericColumns(resource, regionName, config.utcOffsetMinutes)
    const referenced = resource === "volunteers" ? [] : RESOURCES[resource].fields.map((f) => f.name).filter((n) => REFERENCES[n])
    const pageSize = Math.max(1, options.pageSize ?? 1000)
    const query: Query = { filters: options.query?.filters ?? [], sort: options.query?.sort ?? [] }

    // The first page is read before anything is written, so a refused query writes no file.
    let page = yield* service.list({ ...query, page: { offset: 0, limit: pageSize } })
    const total = page.total

    let sheet: ExcelJS.Worksheet | null = null
    let workbook: ExcelJS.stream.xlsx.WorkbookWriter | null = null
    if (options.format === "xlsx") {
      workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
      sheet = workbook.addWorksheet(RESOURCE_TITLES[resource], { views: [{ state: "frozen", ySplit: 1 }] })
      sheet.columns = columns.map((c, i) => ({
        header: c.header,
        key: String(i),
        width: c.width ?? Math.max(10, c.header.length * 2 + 2),
        ...(c.text ? { style: { numFmt: "@" } } : {})
      }))
      sheet.getRow(1).font = { bold: true }
      sheet.getRow(1).commit()
    } else {
      yield* write(out, `\ufeff${columns.map((c) => csvField(c.header)).join(",")}\r\n`)
    }

    let offset = 0
    let written = 0
    for (;;) {
      let rows = page.rows
      if (rows.length === 0) break
      if (volunteers) rows = yield* volunteers.revealMany(rows.map((v: Volunteer) => v.id))
      const lookups = new Map<string, Map<string, string>>()
      for (const field of referenced) {
        const ids = [...new Set(rows.map((r) => r[field]).filter((x): x is string => typeof x === "string"))]
        if (ids.length === 0) continue
        const ref = REFERENCES[field]
        const target = (yield* ref.tag as unknown as Effect.Effect<GetMany>) as GetMany
        const found = yield* target.getMany(ids)
        lookups.set(field, new Map(found.map((r) => [r.id as string, ref.label(r)])))
      }
      if (sheet) {
        for (const row of rows) sheet.addRow(columns.map((c) => c.value(row, lookups))).commit()
      } else {
        yield* write(out, rows.map((row) => `${columns.map((c) => csvField(c.value(row, lookups))).join(",")}\r\n`).join(""))
      }
      written += rows.length
      options.onProgress?.(written, total)
      if (rows.length < pageSize) break
      offset += pageSize
      page = yield* service.list({ ...query, page: { offset, limit: pageSize } })
    }
    if (sheet && workbook) {
      sheet.commit()
      const wb = workbook
      yield* Effect.promise(() => wb.commit())
    } else yield* end(out)
    return { rows: written, total }
  })

/** A file name for the download: 志愿者名册-20260320.xlsx */
export const exportFileName = (resource: ExportableResource, format: ExportFormat, today: string): string =>
  `${RESOURCE_TITLES[resource]}-${today.replace(/-/g, "")}.${format}`
