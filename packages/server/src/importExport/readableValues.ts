import {
  Activities,
  AuditLog,
  type AuditEntry,
  BrandProjects,
  CATALOGUES,
  Certificates,
  type CurrentActor,
  Exemplars,
  ExperienceReports,
  type Locale,
  Organizations,
  PairingCheckIns,
  Pairings,
  Participations,
  Regions,
  ServiceHours,
  translateVerbatim,
  Users,
  Volunteers,
  YinfaConfig
} from "@yinfa/core"
import { type Context, Effect, Schema } from "effect"
import { type EnumName, enumLabel, expertiseWithYears, joinList, regionLabel, volunteerLabel, yesNo } from "./labels.js"
import { formatInstantLocal } from "./parseRoster.js"

/**
 * Stored values as people read them, wherever they leave the database for a person: list
 * exports' cells, the audit log's change sentences, the dashboard's table of an audit entry.
 * Codes become labels, ids of other records their names, instants the city's wall clock.
 */

type GetMany = { readonly getMany: (ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<any>, never, CurrentActor> }

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

const STATUS_ENUM: Partial<Record<string, EnumName>> = {
  volunteers: "volunteerStatus",
  activities: "activityStatus",
  participations: "participationStatus",
  pairings: "pairingStatus",
  "experience-reports": "reportStatus"
}

const KIND_ENUM: Partial<Record<string, EnumName>> = { organizations: "organizationKind", regions: "regionKind" }

export type Reference = {
  readonly tag: Context.Tag<any, any>
  /** The record's name, or "" when it has none of its own. */
  readonly label: (r: any, locale: Locale) => string
  /**
   * How a record without a name of its own is named by the records it names: the first of them
   * found (`first`: a pairing by the organisation it serves), or all of them (`all`: a sign-up by
   * its activity and its volunteer).
   */
  readonly namedBy?: {
    readonly join: "first" | "all"
    readonly through: ReadonlyArray<{ readonly field: string; readonly reference: Reference }>
    /** What of the record itself follows those names (a check-in's day). */
    readonly own?: (r: any) => string
  }
}

const organisationName: Reference = { tag: Organizations, label: (o) => o.name }
const activityTitle: Reference = { tag: Activities, label: (a) => a.title }
const volunteerName: Reference = { tag: Volunteers, label: volunteerLabel }
// A pairing by the young person it pairs a mentor with, else by the school or unit, else by the organisation it serves.
const pairingName: Reference = {
  tag: Pairings,
  label: (p) => p.menteeName || p.menteeUnit,
  namedBy: { join: "first", through: [{ field: "beneficiaryOrganizationId", reference: organisationName }] }
}

/** Between the names a record is named by: 开学第一课 · 王德明（YC2024000134）. */
const NAME_SEPARATOR = " · "

/** Fields naming another record: exported as that record's name (looked up through its scoped service). */
export const REFERENCES: Readonly<Record<string, Reference>> = {
  volunteerId: volunteerName,
  mentorId: volunteerName,
  activityId: activityTitle,
  organizerId: organisationName,
  ownerOrganizationId: organisationName,
  partyBranchId: organisationName,
  beneficiaryOrganizationId: organisationName,
  brandProjectId: { tag: BrandProjects, label: (b) => b.name },
  partnerIds: organisationName,
  activityIds: activityTitle,
  pairingId: pairingName,
  // A sign-up (an hour entry's 报名记录) by its activity and its volunteer.
  participationId: {
    tag: Participations,
    label: () => "",
    namedBy: {
      join: "all",
      through: [
        { field: "activityId", reference: activityTitle },
        { field: "volunteerId", reference: volunteerName }
      ]
    }
  },
  // A check-in (an hour entry's 帮带记录) by its pairing and its day: 李立新 · 2026-11-28.
  checkInId: {
    tag: PairingCheckIns,
    label: () => "",
    namedBy: { join: "all", through: [{ field: "pairingId", reference: pairingName }], own: (c) => c.date }
  },
  // Accounts are the city bureau's to read: other readers see the ids they cannot look up.
  recordedBy: { tag: Users, label: (u) => u.displayName },
  verifiedBy: { tag: Users, label: (u) => u.displayName },
  issuedBy: { tag: Users, label: (u) => u.displayName },
  authorId: { tag: Users, label: (u) => u.displayName }
}

/** Names of the records `ids` through `reference` (those the reader may see), in `locale`. */
export const lookUpNames = (
  reference: Reference,
  ids: ReadonlyArray<string>,
  locale: Locale
): Effect.Effect<Map<string, string>, never, any> =>
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
    const namedBy = reference.namedBy
    if (namedBy && unnamed.length > 0) {
      const parts: Array<Map<string, string>> = []
      for (const { field, reference: next } of namedBy.through) {
        const ids = [...new Set(unnamed.flatMap((r) => (typeof r[field] === "string" ? [r[field] as string] : [])))]
        parts.push(ids.length === 0 ? new Map() : yield* lookUpNames(next, ids, locale))
      }
      for (const r of unnamed) {
        const found = namedBy.through.flatMap(({ field }, i) => {
          const name = typeof r[field] === "string" ? parts[i].get(r[field]) : undefined
          return name === undefined ? [] : [name]
        })
        // All of them, or the record stays an id: half a name would read as a different record.
        const label = namedBy.join === "first" ? found[0] : found.length === namedBy.through.length ? found.join(NAME_SEPARATOR) : undefined
        if (label !== undefined) names.set(r.id, namedBy.own ? `${label}${NAME_SEPARATOR}${namedBy.own(r)}` : label)
      }
    }
    return names
  })

/** An activity's wall-clock times (2026-03-08T09:00) as a sheet writes times: 2026-03-08 09:00. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/

/** Names of other records by field, then by id: what a page of rows refers to, looked up once. */
export type Lookups = ReadonlyMap<string, ReadonlyMap<string, string>>

/** A reference (an id, or a list of ids) by the names found for it; an id without one stays the id. */
export const namedValue = (names: ReadonlyMap<string, string> | undefined, raw: unknown, locale: Locale): string => {
  const name = (id: unknown) => names?.get(String(id)) ?? String(id)
  return Array.isArray(raw) ? joinList(raw.map(name), locale) : name(raw)
}

/** The names of the records that `fields` refer to, by field (`idsIn` gives a field's ids): one look-up per field that names any. */
export const referenceLookups = (fields: ReadonlyArray<string>, idsIn: (field: string) => ReadonlyArray<string>, locale: Locale) =>
  Effect.gen(function* () {
    const lookups = new Map<string, Map<string, string>>()
    for (const field of fields) {
      const ids = [...new Set(idsIn(field))]
      if (ids.length > 0) lookups.set(field, yield* lookUpNames(REFERENCES[field], ids, locale))
    }
    return lookups as Lookups
  })

/** Regions by name in `locale`, as the reader's Regions service lists them; an unknown code stays the code. */
export const regionNamer = (locale: Locale) =>
  Effect.gen(function* () {
    const regions = (yield* (yield* Regions).list({ filters: [], sort: [] })).rows
    const names = new Map<string, string>(regions.map((r) => [r.code, regionLabel(r, locale)]))
    return (code: string) => names.get(code) ?? code
  })

/** A multi-valued cell: labels (or the values) joined as the language writes lists. */
export const list = (values: unknown, locale: Locale, enumName?: EnumName): string =>
  Array.isArray(values)
    ? joinList(
        values.map((v) => (enumName ? enumLabel(enumName, v, locale) : String(v))),
        locale
      )
    : ""

const INSTANT_FIELDS = /At$|^at$/

/** Which enumeration labels a field's values, where the same name means different things per resource. */
const enumOf = (resource: string, field: string): EnumName | undefined =>
  field === "status" ? STATUS_ENUM[resource] : field === "kind" ? KIND_ENUM[resource] : FIELD_ENUMS[field]

/**
 * A stored value (not null) of a field of `resource` as people read it, in a list's cell or in an
 * audit entry's changes: labels for codes, regions by name, times in the city's clock, lists
 * joined. Ids of other records stay ids here: naming them takes a look-up per page (`lookups`).
 */
export const readableValue = (
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

/** A field of an audit entry's changes in words; `before` is null where there was no value before. */
export const ReadableChange = Schema.Struct({
  field: Schema.String,
  /** The field's name in the reader's language. */
  label: Schema.String,
  before: Schema.NullOr(Schema.Union(Schema.String, Schema.Number)),
  after: Schema.Union(Schema.String, Schema.Number)
})
export type ReadableChange = typeof ReadableChange.Type

/**
 * An audit entry's changes as people read them, field by field: labels for codes, regions and
 * other records by name (`lookups`, where the reader may see them), times in the city's clock,
 * a safety plan's items by name. A created record's own id is left out: the entry's record id
 * names it. The export's sentence and the dashboard's table of an entry are both made from this.
 */
export const readableChanges = (
  entry: AuditEntry,
  lookups: Lookups,
  regionName: (code: string) => string,
  offset: number,
  locale: Locale
): ReadonlyArray<ReadableChange> =>
  Object.entries(entry.changes)
    .filter(([field]) => field !== "id")
    .map(([field, { before, after }]) => {
      const reference = REFERENCES[field] !== undefined
      const empty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)
      const shown = (v: unknown) =>
        empty(v)
          ? translateVerbatim(locale, "export.noValue")
          : reference
            ? namedValue(lookups.get(field), v, locale)
            : readableValue(entry.resource, field, v, regionName, offset, locale)
      return {
        field,
        label: fieldHeader(field, locale),
        before: before === null || before === undefined ? null : shown(before),
        after: shown(after)
      }
    })

/** An audit entry's changes as one line, for a cell: 状态：已确认 → 已参加；服务时长（小时）：3. */
export const changesSentence = (changes: ReadonlyArray<ReadableChange>, locale: Locale): string =>
  changes
    .map((c) => {
      // A safety plan's items are joined like the changes are: set off so they do not run together.
      const inCell = (v: string | number) =>
        c.field === "safetyPlan" ? translateVerbatim(locale, "export.nested", { value: String(v) }) : v
      const params = { field: c.label, before: c.before === null ? "" : inCell(c.before), after: inCell(c.after) }
      return translateVerbatim(locale, c.before === null ? "export.changeSet" : "export.change", params)
    })
    .join(translateVerbatim(locale, "export.changeSeparator"))

/** The names the changes of `entries` refer to, by field. */
export const changeLookups = (entries: ReadonlyArray<AuditEntry>, locale: Locale) =>
  referenceLookups(Object.keys(REFERENCES), (field) => entries.flatMap((entry) => changedIds(entry, field)), locale)

/** How the record an audit entry is about is named, by its resource: as the dashboard's audit list names it. */
const RECORD_NAMES: Readonly<Record<string, Reference>> = {
  volunteers: REFERENCES.volunteerId,
  activities: REFERENCES.activityId,
  participations: REFERENCES.participationId,
  // An hour entry by its volunteer and service day.
  "service-hours": {
    tag: ServiceHours,
    label: () => "",
    namedBy: { join: "all", through: [{ field: "volunteerId", reference: REFERENCES.volunteerId }], own: (h) => h.serviceDate }
  },
  pairings: REFERENCES.pairingId,
  "pairing-check-ins": REFERENCES.checkInId,
  organizations: REFERENCES.organizerId,
  "brand-projects": REFERENCES.brandProjectId,
  "experience-reports": { tag: ExperienceReports, label: (r) => r.title },
  exemplars: { tag: Exemplars, label: (e) => `${e.year} ${e.title}` },
  certificates: { tag: Certificates, label: (c) => c.certificateNumber },
  users: REFERENCES.recordedBy,
  regions: { tag: Regions, label: regionLabel }
}

/** The key under which `recordLookups` keeps the names of a resource's records. */
export const recordLookupKey = (resource: string) => `record:${resource}`

/** The names of the records `entries` are about (those the reader may see), under `recordLookupKey(resource)`. */
export const recordLookups = (entries: ReadonlyArray<AuditEntry>, locale: Locale) =>
  Effect.gen(function* () {
    const lookups = new Map<string, Map<string, string>>()
    const byResource = new Map<string, Set<string>>()
    for (const e of entries)
      if (RECORD_NAMES[e.resource]) byResource.set(e.resource, (byResource.get(e.resource) ?? new Set()).add(e.recordId))
    for (const [resource, ids] of byResource)
      lookups.set(recordLookupKey(resource), yield* lookUpNames(RECORD_NAMES[resource], [...ids], locale))
    return lookups as Lookups
  })

/**
 * One audit entry's changes as people read them, for the dashboard: the entry is read through
 * the scoped AuditLog service (a region admin sees their region's entries only), the records it
 * names looked up as the reader may see them.
 */
export const readableAuditEntry = (id: string, locale: Locale) =>
  Effect.gen(function* () {
    const entry = yield* (yield* AuditLog).get(id)
    const config = yield* YinfaConfig
    const regionName = yield* regionNamer(locale)
    const lookups = yield* changeLookups([entry], locale)
    return readableChanges(entry, lookups, regionName, config.utcOffsetMinutes, locale)
  })
