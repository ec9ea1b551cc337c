import { Effect, Layer } from "effect"
import { type Actor, CurrentActor, requireWriter } from "../actor.js"
import { YinfaConfig } from "../config.js"
import { newId, type VolunteerId } from "../domain/ids.js"
import { residentIdBirthDate } from "../domain/residentId.js"
import { type Volunteer, VolunteerArchive, VolunteerCreate, VolunteerUpdate } from "../domain/volunteer.js"
import { conflict, forbidden, invalid, ValidationError, type ValidationIssue } from "../errors.js"
import { translate } from "../i18n/index.js"
import { Store } from "../ports/Store.js"
import { type Filter, Q, type Query } from "../query.js"
import { nowInstant, todayLocal } from "../time.js"
import { writeAudit } from "./internal/audit.js"
import {
  decodeInput,
  getManyScoped,
  getScoped,
  insertAudited,
  listScoped,
  removeAudited,
  requireWriteRow,
  updateAudited
} from "./internal/crud.js"
import { maskedVolunteerFields, maskVolunteer, VOLUNTEER_SENSITIVE_FIELDS } from "./internal/masking.js"
import { captureDeps, type ServiceLayer } from "./ResourceService.js"
import { Volunteers } from "./Volunteers.js"

type VolunteerFields = Omit<Volunteer, "id" | "volunteerNumber" | "status" | "archiveReason" | "archiveNote" | "createdAt" | "updatedAt">

const issue = (path: string, key: string, params?: Record<string, string>): ValidationIssue => ({
  path,
  key,
  message: translate("en", key, params),
  ...(params ? { params } : {})
})

/**
 * The rules a volunteer record must satisfy beyond its field schemas, checked on the whole
 * record (on update: the stored record with the changes applied) and reported together so a
 * form can mark every bad field at once.
 */
const ruleIssues = (v: VolunteerFields, now: string): Array<ValidationIssue> => {
  const issues: Array<ValidationIssue> = []
  const nowMs = Date.parse(now)
  if (Date.parse(v.consentAt) > nowMs) issues.push(issue("consentAt", "validation.consentInFuture"))
  if (v.healthDataConsentAt !== null && Date.parse(v.healthDataConsentAt) > nowMs)
    issues.push(issue("healthDataConsentAt", "validation.consentInFuture"))
  if (v.fitness !== null && v.healthDataConsentAt === null) issues.push(issue("fitness", "validation.fitnessNeedsConsent"))
  if (v.idNumber !== null && residentIdBirthDate(v.idNumber) !== v.birthDate)
    issues.push(issue("idNumber", "validation.idNumber.birthDateMismatch"))
  const chosen = new Set<string>(v.expertise)
  const stray = Object.keys(v.expertiseYears).filter((field) => !chosen.has(field))
  if (stray.length > 0) issues.push(issue(`expertiseYears.${stray[0]}`, "validation.expertiseYearsField"))
  if (v.channels.length === 0) issues.push(issue("channels", "validation.channels"))
  return issues
}

/** Rules that need the store: the region and the Party branch must exist. */
const referenceIssues = (v: VolunteerFields) =>
  Effect.gen(function* () {
    const store = yield* Store
    const issues: Array<ValidationIssue> = []
    const regions = yield* store.getMany("regions", [v.regionCode])
    if (regions.length === 0) issues.push(issue("regionCode", "validation.unknownRegion", { region: v.regionCode }))
    if (v.partyBranchId !== null) {
      const branches = yield* store.getMany("organizations", [v.partyBranchId])
      if (branches.length === 0 || branches[0].kind !== "party-branch") issues.push(issue("partyBranchId", "validation.partyBranchUnknown"))
    }
    return issues
  })

const requireValid = (v: VolunteerFields) =>
  Effect.gen(function* () {
    const issues = [...ruleIssues(v, yield* nowInstant), ...(yield* referenceIssues(v))]
    if (issues.length > 0) return yield* Effect.fail(new ValidationError({ issues }))
  })

/**
 * ID number and phone identify one person. The store enforces this too; asking first names the
 * field whatever the adapter, and spares a volunteer number on a refused registration.
 */
const requireUnique = (v: VolunteerFields, selfId: string | null) =>
  Effect.gen(function* () {
    const store = yield* Store
    for (const field of ["idNumber", "phone"] as const) {
      const value = v[field]
      if (value === null) continue
      const others = yield* store.list(
        "volunteers",
        Q.all([Q.eq(field, value), ...(selfId ? [Q.neq("id", selfId)] : [])], [], { offset: 0, limit: 1 })
      )
      if (others.total > 0) return yield* Effect.fail(conflict("conflict.unique", `duplicate ${field}`, { field }, field))
    }
  })

const filterFields = (filters: ReadonlyArray<Filter>): Array<string> =>
  filters.flatMap((f) => (f.op === "search" ? [] : f.op === "or" ? f.groups.flatMap(filterFields) : [f.field]))

/**
 * Filtering or sorting on a sensitive field discloses it one comparison at a time, so only those
 * who may reveal the record (admins; jurisdiction is added by the scope filters) may do it.
 */
const refuseSensitiveQueryForViewers = (actor: Actor, query: Query) => {
  if (actor.role !== "viewer") return Effect.void
  const sensitive = new Set<string>(VOLUNTEER_SENSITIVE_FIELDS)
  const uses = [
    ...filterFields(query.filters).map((field) => ({ field, use: "filter" })),
    ...query.sort.map((s) => ({ field: s.field, use: "sort" }))
  ]
  const refused = uses.find((u) => sensitive.has(u.field))
  return refused === undefined
    ? Effect.void
    : Effect.fail(invalid(refused.field, "validation.query.field", `field "${refused.field}" cannot be used for ${refused.use}`, refused))
}

/** An edit form sends back what it was shown: masked values mean "unchanged", not new data. */
const withoutMaskedEchoes = (input: unknown, before: Volunteer): unknown => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input
  const masked = maskedVolunteerFields(before)
  const out: Record<string, unknown> = { ...input }
  for (const field of VOLUNTEER_SENSITIVE_FIELDS) if (field in out && out[field] === masked[field]) delete out[field]
  return out
}

/** Service records and recognitions point at the volunteer; deleting would orphan them. */
const hasServiceRecord = (id: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const one = { offset: 0, limit: 1 }
    const results = yield* Effect.all([
      store.list("participations", Q.all([Q.eq("volunteerId", id)], [], one)),
      store.list("pairings", Q.all([Q.eq("mentorId", id)], [], one)),
      store.list("service-hours", Q.all([Q.eq("volunteerId", id)], [], one)),
      store.list("certificates", Q.all([Q.eq("volunteerId", id)], [], one)),
      store.list("exemplars", Q.all([Q.eq("volunteerId", id)], [], one))
    ])
    return results.some((r) => r.total > 0)
  })

const stateConflict = (v: Volunteer, action: string) =>
  Effect.fail(conflict("conflict.state", `the volunteer is ${v.status}: cannot ${action}`, { status: v.status, action }))

/**
 * Everything but `reveal` answers with masked records, writes included: an update of the name
 * must not hand back an ID number the caller never asked to see (and that no audit entry records).
 */
export const VolunteersLive: ServiceLayer<Volunteers> = Layer.effect(
  Volunteers,
  Effect.gen(function* () {
    const provide = yield* captureDeps

    /** A volunteer the actor may change: in their jurisdiction, and they are an admin of it. */
    const writable = (id: string) =>
      Effect.gen(function* () {
        const actor = yield* CurrentActor
        const row = yield* getScoped("volunteers", id)
        yield* requireWriteRow(actor, "volunteers", row)
        return row
      })

    const changeStatus = (before: Volunteer, patch: Partial<Volunteer>, action: string, note?: string) =>
      Effect.map(
        Effect.flatMap(nowInstant, (now) =>
          updateAudited("volunteers", before, { ...patch, updatedAt: now }, { action, ...(note ? { note } : {}) })
        ),
        maskVolunteer
      )

    return {
      list: (query) =>
        provide(
          Effect.gen(function* () {
            yield* refuseSensitiveQueryForViewers(yield* CurrentActor, query)
            const result = yield* listScoped("volunteers", query)
            return { ...result, rows: result.rows.map(maskVolunteer) }
          })
        ),
      get: (id) => provide(Effect.map(getScoped("volunteers", id), maskVolunteer)),
      getMany: (ids) => provide(Effect.map(getManyScoped("volunteers", ids), (rows) => rows.map(maskVolunteer))),
      reveal: (id) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const row = yield* getScoped("volunteers", id)
            // getScoped already confines region admins to their own region.
            if (actor.role === "viewer")
              return yield* Effect.fail(forbidden("forbidden.revealSensitive", "only administrators may see sensitive details"))
            const shown = VOLUNTEER_SENSITIVE_FIELDS.filter((f) => row[f] !== null)
            const store = yield* Store
            yield* store.transaction(
              writeAudit({
                resource: "volunteers",
                recordId: row.id,
                action: "read-sensitive",
                regionCode: row.regionCode,
                note: shown.join(", ")
              })
            )
            return row
          })
        ),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const store = yield* Store
            const config = yield* YinfaConfig
            yield* requireWriter(actor)
            const command = yield* decodeInput(VolunteerCreate, input)
            yield* requireWriteRow(actor, "volunteers", command)
            const fields: VolunteerFields = { ...command, joinedAt: command.joinedAt ?? (yield* todayLocal) }
            yield* requireValid(fields)
            yield* requireUnique(fields, null)
            const now = yield* nowInstant
            // The number is drawn inside the transaction so that a refused insert gives it back
            // where the store can (gaps are harmless: numbers only need to be unique).
            return yield* store.transaction(
              Effect.gen(function* () {
                const sequence = yield* store.nextSequence("volunteer-number")
                const saved = yield* insertAudited("volunteers", {
                  id: newId() as VolunteerId,
                  volunteerNumber: `${config.volunteerNumberPrefix}${fields.joinedAt.slice(0, 4)}${String(sequence).padStart(6, "0")}`,
                  ...fields,
                  status: "active",
                  archiveReason: null,
                  archiveNote: "",
                  createdAt: now,
                  updatedAt: now
                })
                return maskVolunteer(saved)
              })
            )
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const before = yield* writable(id)
            if (before.status === "archived")
              return yield* Effect.fail(conflict("conflict.volunteerArchived", "archived volunteers cannot be changed; reactivate first"))
            const patch = yield* decodeInput(VolunteerUpdate, withoutMaskedEchoes(input, before))
            const merged = { ...before, ...patch }
            yield* requireWriteRow(actor, "volunteers", merged)
            yield* requireValid(merged)
            yield* requireUnique(merged, before.id)
            const saved = yield* updateAudited("volunteers", before, { ...patch, updatedAt: yield* nowInstant })
            return maskVolunteer(saved)
          })
        ),
      archive: (id, input) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writable(id)
            const command = yield* decodeInput(VolunteerArchive, input)
            if (before.status === "archived") return yield* stateConflict(before, "archive")
            return yield* changeStatus(
              before,
              { status: "archived", archiveReason: command.reason, archiveNote: command.note },
              "archive",
              command.note
            )
          })
        ),
      pause: (id) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writable(id)
            if (before.status !== "active") return yield* stateConflict(before, "pause")
            return yield* changeStatus(before, { status: "paused" }, "pause")
          })
        ),
      reactivate: (id) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writable(id)
            if (before.status === "active") return yield* stateConflict(before, "reactivate")
            // The archive reason is history now; the audit log keeps it.
            return yield* changeStatus(before, { status: "active", archiveReason: null, archiveNote: "" }, "reactivate")
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const row = yield* writable(id)
            if (yield* hasServiceRecord(id))
              return yield* Effect.fail(conflict("conflict.inUse", "the volunteer has a service record; archive instead"))
            return maskVolunteer(yield* removeAudited("volunteers", row))
          })
        )
    }
  })
)
