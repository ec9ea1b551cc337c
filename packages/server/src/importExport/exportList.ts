import type { Writable } from "node:stream"
import {
  Activities,
  AuditLog,
  BrandProjects,
  CATALOGUES,
  Certificates,
  CurrentActor,
  Exemplars,
  ExperienceReports,
  forbidden,
  invalid,
  type Locale,
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
  translateVerbatim,
  type AuditEntry,
  type Volunteer,
  Users,
  Volunteers,
  YinfaConfig
} from "@yinfa/core"
import { Context, Effect } from "effect"
import ExcelJS from "exceljs"
import { displayWidth, type EnumName, enumLabel, expertiseWithYears, joinList, regionLabel, volunteerLabel, yesNo } from "./labels.js"
import { formatInstantLocal, rosterHeaders } from "./parseRoster.js"

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

/** The sheet's title in `locale`; the file name is made from it too. */
export const resourceTitle = (resource: ExportableResource, locale: Locale = "zh-CN"): string =>
  translateVerbatim(locale, `export.title.${resource}`)

/** Sheet and file names in Chinese (what callers without a locale get). */
export const RESOURCE_TITLES: Readonly<Record<ExportableResource, string>> = Object.fromEntries(
  Object.keys(EXPORTABLE).map((r) => [r, resourceTitle(r as ExportableResource)])
) as never

/** English catalogue words are written for running text ("volunteer number"); a header starts with a capital. */
const headerCase = (s: string, locale: Locale): string => (locale === "en" ? s.charAt(0).toUpperCase() + s.slice(1) : s)

/**
 * A field's column header in `locale`: the list's own wording (`export.header.*`) first, then the
 * core's name of the field (`field.*`), else the field's name (a test sees that none is left so).
 */
export const fieldHeader = (field: string, locale: Locale = "zh-CN"): string => {
  const catalogue = CATALOGUES[locale]
  const own = catalogue[`export.header.${field}`] ?? catalogue[`field.${field}`]
  return own === undefined ? field : headerCase(own, locale)
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
  action: "auditAction",
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

type Reference = {
  readonly tag: Context.Tag<any, any>
  /** The record's name, or "" when it has none of its own. */
  readonly label: (r: any, locale: Locale) => string
  /** Where a record without a name of its own takes one from: another record it names. */
  readonly otherwise?: { readonly field: string; readonly reference: Reference }
}

/** Fields naming another record: exported as that record's name (looked up through its scoped service). */
const REFERENCES: Readonly<Record<string, Reference>> = {
  volunteerId: { tag: Volunteers, label: volunteerLabel },
  mentorId: { tag: Volunteers, label: volunteerLabel },
  activityId: { tag: Activities, label: (a) => a.title },
  organizerId: { tag: Organizations, label: (o) => o.name },
  ownerOrganizationId: { tag: Organizations, label: (o) => o.name },
  partyBranchId: { tag: Organizations, label: (o) => o.name },
  beneficiaryOrganizationId: { tag: Organizations, label: (o) => o.name },
  brandProjectId: { tag: BrandProjects, label: (b) => b.name },
  partnerIds: { tag: Organizations, label: (o) => o.name },
  activityIds: { tag: Activities, label: (a) => a.title },
  // A pairing by the young person it pairs a mentor with, else by the school or unit, else by the organisation it serves.
  pairingId: {
    tag: Pairings,
    label: (p) => p.menteeName || p.menteeUnit,
    otherwise: { field: "beneficiaryOrganizationId", reference: { tag: Organizations, label: (o) => o.name } }
  },
  // Accounts are the city bureau's to read: other readers see the ids they cannot look up.
  recordedBy: { tag: Users, label: (u) => u.displayName },
  verifiedBy: { tag: Users, label: (u) => u.displayName },
  issuedBy: { tag: Users, label: (u) => u.displayName },
  authorId: { tag: Users, label: (u) => u.displayName }
}

/** Names of the records `ids` through `reference` (those the reader may see), in `locale`. */
const lookUpNames = (reference: Reference, ids: ReadonlyArray<string>, locale: Locale): Effect.Effect<Map<string, string>, never, any> =>
  Effect.gen(function* () {
    const target = (yield* reference.tag as unknown as Effect.Effect<GetMany>) as GetMany
    const found = yield* target.getMany(ids)
    const names = new Map<string, string>()
    const unnamed: Array<any> = []
    for (const r of found) {
      const label = reference.label(r, locale)
      if (label !== "") names.set(r.id, label)
      else unnamed.push(r)
    }
    const otherwise = reference.otherwise
    if (otherwise && unnamed.length > 0) {
      const via = unnamed.filter((r) => typeof r[otherwise.field] === "string")
      const second = yield* lookUpNames(otherwise.reference, [...new Set(via.map((r) => r[otherwise.field] as string))], locale)
      for (const r of via) {
        const label = second.get(r[otherwise.field])
        if (label !== undefined) names.set(r.id, label)
      }
    }
    return names
  })

/** An activity's wall-clock times (2026-03-08T09:00) as a sheet writes times: 2026-03-08 09:00. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/

type Cell = string | number | null

interface Column {
  readonly header: string
  readonly value: (row: any, lookups: Lookups) => Cell
  /** Written as text in .xlsx (ID numbers, phones: never as numbers). */
  readonly text?: boolean
  readonly width?: number
}

type Lookups = ReadonlyMap<string, ReadonlyMap<string, string>>

const list = (values: unknown, locale: Locale, enumName?: EnumName): string =>
  Array.isArray(values)
    ? joinList(
        values.map((v) => (enumName ? enumLabel(enumName, v, locale) : String(v))),
        locale
      )
    : ""

const expertiseCell = (v: Volunteer, locale: Locale): string =>
  joinList(
    v.expertise.map((e) => {
      const label = enumLabel("expertise", e, locale)
      const years = v.expertiseYears[e]
      return years === undefined ? label : expertiseWithYears(label, years, locale)
    }),
    locale
  )

const channelsCell = (v: Volunteer, locale: Locale): string =>
  v.channels.length === 2
    ? translateVerbatim(locale, "export.bothChannels", {
        online: enumLabel("acceptedChannel", "online", locale),
        offline: enumLabel("acceptedChannel", "offline", locale)
      })
    : list(v.channels, locale, "acceptedChannel")

/**
 * The roster columns of a volunteer, written as the import template reads them, so that an
 * export can be corrected and imported again (and the round trip is tested).
 */
const volunteerColumns = (regionName: (code: string) => string, offset: number, locale: Locale): ReadonlyArray<Column> => {
  const roster = rosterHeaders(locale)
  return [
    { header: fieldHeader("volunteerNumber", locale), value: (v: Volunteer) => v.volunteerNumber, width: 16 },
    { header: roster.name, value: (v: Volunteer) => v.name, width: 10 },
    { header: roster.gender, value: (v: Volunteer) => enumLabel("gender", v.gender, locale), width: 6 },
    { header: roster.birthDate, value: (v: Volunteer) => v.birthDate, width: 12 },
    { header: roster.idNumber, value: (v: Volunteer) => v.idNumber, text: true, width: 21 },
    { header: roster.phone, value: (v: Volunteer) => v.phone, text: true, width: 13 },
    { header: roster.region, value: (v: Volunteer) => regionName(v.regionCode), width: 14 },
    { header: roster.formerUnit, value: (v: Volunteer) => v.formerUnit, width: 20 },
    { header: roster.formerPosition, value: (v: Volunteer) => v.formerPosition, width: 12 },
    { header: roster.retirementType, value: (v: Volunteer) => enumLabel("retirementType", v.retirementType, locale) },
    { header: roster.partyMember, value: (v: Volunteer) => yesNo(v.partyMember, locale) },
    { header: roster.expertise, value: (v: Volunteer) => expertiseCell(v, locale), width: 24 },
    { header: roster.interests, value: (v: Volunteer) => list(v.interests, locale, "category"), width: 24 },
    { header: roster.talentPool, value: (v: Volunteer) => yesNo(v.talentPool, locale) },
    // Masked fitness ("***") has no label and is shown as it is: a label would reveal it.
    { header: roster.fitness, value: (v: Volunteer) => (v.fitness === null ? "" : enumLabel("fitness", v.fitness, locale)) },
    { header: roster.monthlyHours, value: (v: Volunteer) => v.monthlyHours },
    { header: roster.channels, value: (v: Volunteer) => channelsCell(v, locale) },
    { header: roster.consentAt, value: (v: Volunteer) => formatInstantLocal(v.consentAt, offset), width: 20 },
    { header: roster.healthDataConsentAt, value: (v: Volunteer) => formatInstantLocal(v.healthDataConsentAt, offset), width: 20 },
    { header: roster.joinedAt, value: (v: Volunteer) => v.joinedAt, width: 12 },
    { header: fieldHeader("status", locale), value: (v: Volunteer) => enumLabel("volunteerStatus", v.status, locale) },
    { header: fieldHeader("archiveReason", locale), value: (v: Volunteer) => enumLabel("archiveReason", v.archiveReason, locale) }
  ]
}

const INSTANT_FIELDS = /At$|^at$/

/** Which enumeration labels a field's values, where the same name means different things per resource. */
const enumOf = (resource: string, field: string): EnumName | undefined =>
  field === "status"
    ? STATUS_ENUM[resource as ExportableResource]
    : field === "kind"
      ? KIND_ENUM[resource as ExportableResource]
      : FIELD_ENUMS[field]

/**
 * A stored value (not null) of a field of `resource` as people read it, in a list's cell or in an
 * audit entry's changes: labels for codes, regions by name, times in the city's clock, lists
 * joined. Ids of other records stay ids here: naming them takes a look-up per page (`lookups`).
 */
const readableValue = (
  resource: string,
  field: string,
  raw: unknown,
  regionName: (code: string) => string,
  offset: number,
  locale: Locale
): string | number => {
  const enumName = enumOf(resource, field)
  if (field === "regionCode") return regionName(String(raw))
  if (typeof raw === "boolean") return yesNo(raw, locale)
  if (Array.isArray(raw) && raw.every((v) => typeof v === "string")) return list(raw, locale, enumName)
  if (field === "expertiseYears" && typeof raw === "object")
    return joinList(
      Object.entries(raw as Record<string, number>).map(([code, years]) =>
        expertiseWithYears(enumLabel("expertise", code, locale), years, locale)
      ),
      locale
    )
  if (field === "safetyPlan" && typeof raw === "object")
    return Object.entries(raw as Record<string, unknown>)
      .filter(([, value]) => value !== null && value !== undefined && value !== "")
      .map(([item, value]) =>
        translateVerbatim(locale, "export.part", { label: translateVerbatim(locale, `safetyPlan.${item}`), value: String(value) })
      )
      .join(translateVerbatim(locale, "export.partSeparator"))
  if (typeof raw === "object") return JSON.stringify(raw)
  if (enumName) return enumLabel(enumName, raw, locale)
  if (typeof raw === "number") return raw
  const text = String(raw)
  if (INSTANT_FIELDS.test(field) && /Z$/.test(text)) return formatInstantLocal(text, offset)
  return LOCAL_DATE_TIME.test(text) ? text.replace(LOCAL_DATE_TIME, "$1 $2") : text
}

/** The ids an audit entry's changes hold in `field` (a reference, single or a list), before and after. */
const changedIds = (entry: AuditEntry, field: string): Array<string> => {
  const change = entry.changes[field]
  if (change === undefined) return []
  return [change.before, change.after].flat().filter((x): x is string => typeof x === "string")
}

/**
 * An audit entry's changes as one line: 状态：已确认 → 已参加；服务时长（小时）：3. Other
 * records are named as the list cells name them (`lookups`, by field), when the reader may see them.
 */
const changesCell = (entry: AuditEntry, lookups: Lookups, regionName: (code: string) => string, offset: number, locale: Locale): string =>
  Object.entries(entry.changes)
    // A created record's own id is the entry's record id, in its own column.
    .filter(([field]) => field !== "id")
    .map(([field, { before, after }]) => {
      const names = REFERENCES[field] ? lookups.get(field) : undefined
      const named = (v: unknown) => {
        const name = (id: unknown) => names?.get(String(id)) ?? String(id)
        return Array.isArray(v) ? joinList(v.map(name), locale) : name(v)
      }
      const readable = (v: unknown) => {
        const text = readableValue(entry.resource, field, v, regionName, offset, locale)
        // A safety plan's items are joined like the changes are: set off so they do not run together.
        return field === "safetyPlan" ? translateVerbatim(locale, "export.nested", { value: text }) : text
      }
      const shown = (v: unknown) =>
        v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)
          ? translateVerbatim(locale, "export.noValue")
          : names
            ? named(v)
            : readable(v)
      const params = { field: fieldHeader(field, locale), before: shown(before), after: shown(after) }
      return translateVerbatim(locale, before === null || before === undefined ? "export.changeSet" : "export.change", params)
    })
    .join(translateVerbatim(locale, "export.changeSeparator"))

/** Every stored field of a resource, rendered for people. */
const genericColumns = (
  resource: ExportableResource,
  regionName: (code: string) => string,
  offset: number,
  locale: Locale
): ReadonlyArray<Column> => {
  const descriptor = RESOURCES[resource]
  const sensitive = new Set(descriptor.sensitive)
  return descriptor.fields.map((f): Column => {
    const reference = REFERENCES[f.name]
    return {
      header: fieldHeader(f.name, locale),
      text: sensitive.has(f.name),
      value: (row, lookups) => {
        const raw = row[f.name]
        // Defence in depth: services mask what a reader may not see; nothing leaves here in clear.
        if (sensitive.has(f.name)) return (maskSensitive(f.name, raw) as string | null) ?? null
        if (raw === null || raw === undefined) return null
        if (reference) {
          const name = (id: unknown) => lookups.get(f.name)?.get(String(id)) ?? String(id)
          return Array.isArray(raw) ? joinList(raw.map(name), locale) : name(raw)
        }
        if (resource === "audit-log" && f.name === "resource") return CATALOGUES[locale][`export.title.${raw}`] ?? String(raw)
        if (resource === "audit-log" && f.name === "changes") return changesCell(row, lookups, regionName, offset, locale)
        if (f.name === "issuer" && typeof raw === "string") return raw.replace(/\n/g, translateVerbatim(locale, "export.issuerSeparator"))
        return readableValue(resource, f.name, raw, regionName, offset, locale)
      }
    }
  })
}

const columnsOf = (
  resource: ExportableResource,
  regionName: (code: string) => string,
  offset: number,
  locale: Locale
): ReadonlyArray<Column> =>
  resource === "volunteers" ? volunteerColumns(regionName, offset, locale) : genericColumns(resource, regionName, offset, locale)

/** The column headers an export of `resource` writes in `locale`, in order. */
export const exportHeaders = (resource: ExportableResource, locale: Locale = "zh-CN"): ReadonlyArray<string> =>
  columnsOf(resource, (code) => code, 0, locale).map((c) => c.header)

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
  /** Language of the titles, headers and labels (default zh-CN); data values are written as stored. */
  readonly locale?: Locale
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
    const locale = options.locale ?? "zh-CN"
    const actor = yield* CurrentActor
    const config = yield* YinfaConfig
    const service = (yield* EXPORTABLE[resource] as unknown as Effect.Effect<Lister>) as Lister
    const reveal = options.reveal === true && resource === "volunteers"
    if (reveal && actor.role === "viewer")
      return yield* Effect.fail(forbidden("forbidden.revealSensitive", "only administrators may see sensitive details"))
    const volunteers = reveal ? yield* Volunteers : null
    const regions = yield* Regions
    const regionRows = (yield* regions.list({ filters: [], sort: [] })).rows
    const names = new Map<string, string>(regionRows.map((r) => [r.code, regionLabel(r, locale)]))
    const regionName = (code: string) => names.get(code) ?? code
    const columns = columnsOf(resource, regionName, config.utcOffsetMinutes, locale)
    // The audit log's own fields name no records through REFERENCES; the changes it records do.
    const referenced =
      resource === "volunteers"
        ? []
        : resource === "audit-log"
          ? Object.keys(REFERENCES)
          : RESOURCES[resource].fields.map((f) => f.name).filter((n) => REFERENCES[n])
    const pageSize = Math.max(1, options.pageSize ?? 1000)
    // Without a sort the rows come in the order the dashboard's list opens in, not by record id.
    const sort = options.query?.sort?.length ? options.query.sort : [RESOURCES[resource].defaultSort]
    const query: Query = { filters: options.query?.filters ?? [], sort }

    // The first page is read before anything is written, so a refused query writes no file.
    let page = yield* service.list({ ...query, page: { offset: 0, limit: pageSize } })
    const total = page.total

    let sheet: ExcelJS.Worksheet | null = null
    let workbook: ExcelJS.stream.xlsx.WorkbookWriter | null = null
    if (options.format === "xlsx") {
      workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
      sheet = workbook.addWorksheet(resourceTitle(resource, locale), { views: [{ state: "frozen", ySplit: 1 }] })
      sheet.columns = columns.map((c, i) => ({
        header: c.header,
        key: String(i),
        width: c.width ?? Math.min(40, Math.max(10, displayWidth(c.header) + 2)),
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
        const ids = [
          ...new Set(
            resource === "audit-log"
              ? rows.flatMap((entry: AuditEntry) => changedIds(entry, field))
              : rows.flatMap((r) => r[field]).filter((x): x is string => typeof x === "string")
          )
        ]
        if (ids.length === 0) continue
        lookups.set(field, yield* lookUpNames(REFERENCES[field], ids, locale))
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

/**
 * A file name for the download: 志愿者名册-20260320.xlsx in Chinese; in English the title made
 * ASCII-safe, with the date as ISO writes it: volunteers-2026-03-20.xlsx.
 */
export const exportFileName = (resource: ExportableResource, format: ExportFormat, today: string, locale: Locale = "zh-CN"): string => {
  if (locale === "zh-CN") return `${resourceTitle(resource, locale)}-${today.replace(/-/g, "")}.${format}`
  const slug = resourceTitle(resource, locale)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
  return `${slug || resource}-${today}.${format}`
}
