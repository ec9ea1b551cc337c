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
  sensitiveFieldsOf,
  ServiceHours,
  translateVerbatim,
  type Volunteer,
  Volunteers,
  YinfaConfig
} from "@yinfa/core"
import { Context, Effect } from "effect"
import ExcelJS from "exceljs"
import { displayWidth, enumLabel, expertiseWithYears, joinList, yesNo } from "./labels.js"
import { formatInstantLocal, rosterHeaders } from "./parseRoster.js"
import {
  changeLookups,
  changesSentence,
  fieldHeader,
  type Lookups,
  list,
  namedValue,
  REFERENCES,
  readableChanges,
  readableValue,
  recordLookupKey,
  recordLookups,
  referenceLookups,
  regionNamer
} from "./readableValues.js"

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

type Cell = string | number | null

interface Column {
  readonly header: string
  readonly value: (row: any, lookups: Lookups) => Cell
  /** Written as text in .xlsx (ID numbers, phones: never as numbers). */
  readonly text?: boolean
  readonly width?: number
}

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

/** Every stored field of a resource, rendered for people. */
const genericColumns = (
  resource: ExportableResource,
  regionName: (code: string) => string,
  offset: number,
  locale: Locale
): ReadonlyArray<Column> => {
  const sensitive = sensitiveFieldsOf(resource)
  return RESOURCES[resource].fields.map((f): Column => {
    const reference = REFERENCES[f.name]
    return {
      header: fieldHeader(f.name, locale),
      text: sensitive.has(f.name),
      value: (row, lookups) => {
        const raw = row[f.name]
        // Defence in depth: services mask what a reader may not see; nothing leaves here in clear.
        if (sensitive.has(f.name)) return (maskSensitive(f.name, raw) as string | null) ?? null
        if (raw === null || raw === undefined) return null
        if (reference) return namedValue(lookups.get(f.name), raw, locale)
        if (resource === "audit-log" && f.name === "resource") return CATALOGUES[locale][`export.title.${raw}`] ?? String(raw)
        if (resource === "audit-log" && f.name === "changes")
          return changesSentence(readableChanges(row, lookups, regionName, offset, locale), locale)
        if (f.name === "issuer" && typeof raw === "string") return raw.replace(/\n/g, translateVerbatim(locale, "export.issuerSeparator"))
        return readableValue(resource, f.name, raw, regionName, offset, locale)
      }
    }
  })
}

/**
 * The audit log's columns: its fields, and after the record's id the record's name (the
 * volunteer, the activity, a sign-up by activity and volunteer …), as the dashboard names it.
 */
const auditColumns = (regionName: (code: string) => string, offset: number, locale: Locale): ReadonlyArray<Column> => {
  const columns = [...genericColumns("audit-log", regionName, offset, locale)]
  const recordName: Column = {
    header: fieldHeader("recordName", locale),
    width: 30,
    value: (row, lookups) => lookups.get(recordLookupKey(String(row.resource)))?.get(String(row.recordId)) ?? null
  }
  const after = RESOURCES["audit-log"].fields.findIndex((f) => f.name === "recordId") + 1
  columns.splice(after, 0, recordName)
  return columns
}

const columnsOf = (
  resource: ExportableResource,
  regionName: (code: string) => string,
  offset: number,
  locale: Locale
): ReadonlyArray<Column> =>
  resource === "volunteers"
    ? volunteerColumns(regionName, offset, locale)
    : resource === "audit-log"
      ? auditColumns(regionName, offset, locale)
      : genericColumns(resource, regionName, offset, locale)

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
    const regionName = yield* regionNamer(locale)
    const columns = columnsOf(resource, regionName, config.utcOffsetMinutes, locale)
    // The audit log's own fields name no records; the changes it records do (changeLookups).
    const referenced =
      resource === "volunteers" || resource === "audit-log"
        ? []
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
      const lookups =
        resource === "audit-log"
          ? new Map([...(yield* changeLookups(rows, locale)), ...(yield* recordLookups(rows, locale))])
          : yield* referenceLookups(
              referenced,
              (field: string) => rows.flatMap((r) => r[field]).filter((x): x is string => typeof x === "string"),
              locale
            )
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
