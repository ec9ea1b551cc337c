import { Effect, Either, Layer } from "effect"
import { type Actor, CurrentActor, requireWriter } from "../actor.js"
import { YinfaConfig } from "../config.js"
import { newId, type VolunteerId } from "../domain/ids.js"
import {
  type Volunteer,
  VolunteerArchive,
  VolunteerCreate,
  type VolunteerFields,
  VolunteerStatus,
  VolunteerUpdate,
  withVolunteerDefaults
} from "../domain/volunteer.js"
import { volunteerRuleIssues } from "../domain/volunteerRules.js"
import { conflict, forbidden, ValidationError, type ValidationIssue } from "../errors.js"
import { catalogueIssue as issue, type StatusAction } from "../i18n/index.js"
import { Store } from "../ports/Store.js"
import { Q } from "../query.js"
import { nowInstant, todayLocal } from "../time.js"
import { type AuditInput, writeAudit, writeAuditMany } from "./internal/audit.js"
import {
  decodeInput,
  decodeInputEither,
  getManyScoped,
  getScoped,
  insertAudited,
  insertManyAudited,
  listScoped,
  removeAudited,
  requireStatus,
  requireWriteRow,
  updateAudited,
  writableInStatus,
  writeRowRefusal
} from "./internal/crud.js"
import { maskedVolunteerFields, maskVolunteer, VOLUNTEER_SENSITIVE_FIELDS } from "./internal/masking.js"
import { refuseSensitiveQueryForViewers } from "./internal/sensitiveQueries.js"
import { captureDeps, type ServiceLayer } from "./ResourceService.js"
import { type VolunteerRefusal, Volunteers } from "./Volunteers.js"

/** What the store holds of the references a volunteer names: region codes, ids of Party branches. */
interface StoredReferences {
  readonly regions: ReadonlySet<string>
  readonly branches: ReadonlySet<string>
}

/**
 * Every rule of a volunteer record, reported together: those on the record alone and those on
 * its references (the region and the Party branch must exist). The references are looked up
 * beforehand, so that a batch looks them up once.
 */
const recordIssues = (v: VolunteerFields, now: string, found: StoredReferences): Array<ValidationIssue> => {
  const issues = volunteerRuleIssues(v, now)
  if (!found.regions.has(v.regionCode)) issues.push(issue("regionCode", "validation.unknownRegion", { region: v.regionCode }))
  if (v.partyBranchId !== null && !found.branches.has(v.partyBranchId)) issues.push(issue("partyBranchId", "validation.partyBranchUnknown"))
  return issues
}

/** The stored regions among `codes` and the stored Party branches among `branchIds`. */
const lookUpReferences = (codes: ReadonlyArray<string>, branchIds: ReadonlyArray<string>): Effect.Effect<StoredReferences, never, Store> =>
  Effect.gen(function* () {
    const store = yield* Store
    const regions = codes.length === 0 ? [] : yield* store.getMany("regions", codes)
    const branches = branchIds.length === 0 ? [] : yield* store.getMany("organizations", branchIds)
    return {
      regions: new Set<string>(regions.map((r) => r.id)),
      branches: new Set(branches.filter((b) => b.kind === "party-branch").map((b) => b.id))
    }
  })

const requireValid = (v: VolunteerFields) =>
  Effect.gen(function* () {
    const found = yield* lookUpReferences([v.regionCode], v.partyBranchId === null ? [] : [v.partyBranchId])
    const issues = recordIssues(v, yield* nowInstant, found)
    if (issues.length > 0) return yield* Effect.fail(new ValidationError({ issues }))
  })

const UNIQUE_FIELDS = ["idNumber", "phone"] as const

const duplicate = (field: (typeof UNIQUE_FIELDS)[number]) => conflict("conflict.unique", `duplicate ${field}`, { field }, field)

/** Values per query: an `in` list stays far below every driver's parameter limit. */
const IN_CHUNK = 500

/**
 * Which of these volunteers' ID numbers or phones (of `field`) a stored volunteer other than
 * `except` (the record being edited) already has, one query per chunk.
 */
const storedValues = (field: (typeof UNIQUE_FIELDS)[number], volunteers: ReadonlyArray<VolunteerFields>, except: string | null = null) =>
  Effect.gen(function* () {
    const store = yield* Store
    const unique = [...new Set(volunteers.flatMap((v) => (v[field] === null ? [] : [v[field]])))]
    const found = new Set<string>()
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const filters = [Q.in(field, unique.slice(i, i + IN_CHUNK)), ...(except ? [Q.neq("id", except)] : [])]
      const rows = yield* store.list("volunteers", Q.all(filters))
      for (const row of rows.rows) if (row[field] !== null) found.add(row[field])
    }
    return found
  })

/**
 * ID number and phone identify one person. The store enforces this too; asking first names the
 * field whatever the adapter, and spares a volunteer number on a refused registration.
 */
const requireUnique = (v: VolunteerFields, selfId: string | null) =>
  Effect.gen(function* () {
    for (const field of UNIQUE_FIELDS) {
      if ((yield* storedValues(field, [v], selfId)).size > 0) return yield* Effect.fail(duplicate(field))
    }
  })

const decodeCreate = decodeInputEither(VolunteerCreate)

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

/** A new volunteer's stored row: the same for `create` and `createMany`. */
const newVolunteer = (fields: VolunteerFields, sequence: number, prefix: string, now: string): Volunteer => ({
  id: newId() as VolunteerId,
  volunteerNumber: `${prefix}${fields.joinedAt.slice(0, 4)}${String(sequence).padStart(6, "0")}`,
  ...fields,
  status: "active",
  archiveReason: null,
  archiveNote: "",
  createdAt: now,
  updatedAt: now
})

/** Sensitive details in clear are for administrators (of the record's region: scope sees to that). */
const refuseRevealToViewers = (actor: Actor) =>
  actor.role === "viewer"
    ? Effect.fail(forbidden("forbidden.revealSensitive", "only administrators may see sensitive details"))
    : Effect.void

/** The audit entry of a clear read: which sensitive fields the reader saw. */
const sensitiveRead = (row: Volunteer): AuditInput => ({
  resource: "volunteers",
  recordId: row.id,
  action: "read-sensitive",
  regionCode: row.regionCode,
  note: VOLUNTEER_SENSITIVE_FIELDS.filter((f) => row[f] !== null).join(", ")
})

const describeVolunteer = (status: VolunteerStatus, action: StatusAction) => `the volunteer is ${status}: cannot ${action}`

/** Every status but one: `archive` and `reactivate` are refused from a single status, whatever others exist. */
const allStatusesBut = (refused: VolunteerStatus): ReadonlyArray<VolunteerStatus> => VolunteerStatus.literals.filter((s) => s !== refused)

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
            yield* refuseSensitiveQueryForViewers("volunteers", yield* CurrentActor, query)
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
            yield* refuseRevealToViewers(actor)
            const store = yield* Store
            yield* store.transaction(writeAudit(sensitiveRead(row)))
            return row
          })
        ),
      findByIdentifier: (field, values) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const asked = [...new Set(values)]
            if (asked.length === 0) return []
            yield* refuseSensitiveQueryForViewers("volunteers", actor, Q.all([Q.in(field, asked)]))
            const found: Array<{ value: string; volunteer: Volunteer }> = []
            for (let i = 0; i < asked.length; i += IN_CHUNK) {
              const rows = (yield* listScoped("volunteers", Q.all([Q.in(field, asked.slice(i, i + IN_CHUNK))]))).rows
              for (const row of rows) {
                const value = row[field]
                if (value !== null) found.push({ value, volunteer: maskVolunteer(row) })
              }
            }
            return found
          })
        ),
      revealMany: (ids) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            yield* refuseRevealToViewers(actor)
            const found = new Map((yield* getManyScoped("volunteers", ids)).map((row) => [row.id as string, row]))
            const rows = ids.flatMap((id) => {
              const row = found.get(id)
              return row ? [row] : []
            })
            if (rows.length > 0) {
              const store = yield* Store
              yield* store.transaction(writeAuditMany(rows.map(sensitiveRead)))
            }
            return rows
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
            const fields = withVolunteerDefaults(command, yield* todayLocal)
            yield* requireValid(fields)
            yield* requireUnique(fields, null)
            const now = yield* nowInstant
            // The number is drawn inside the transaction so that a refused insert gives it back
            // where the store can (gaps are harmless: numbers only need to be unique).
            return yield* store.transaction(
              Effect.gen(function* () {
                const sequence = yield* store.nextSequence("volunteer-number")
                const saved = yield* insertAudited("volunteers", newVolunteer(fields, sequence, config.volunteerNumberPrefix, now))
                return maskVolunteer(saved)
              })
            )
          })
        ),
      createMany: (inputs) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const store = yield* Store
            const config = yield* YinfaConfig
            const now = yield* nowInstant
            const today = yield* todayLocal
            const results: Array<Either.Either<Volunteer, VolunteerRefusal> | null> = inputs.map(() => null)
            const refuse = (index: number, error: VolunteerRefusal) => {
              results[index] = Either.left(error)
            }

            // The checks of `create`, in its order (the first failing one answers): writer, schema,
            // jurisdiction, then the rules and references, then uniqueness.
            const writer = yield* Effect.either(requireWriter(actor))
            if (Either.isLeft(writer)) return inputs.map(() => Either.left(writer.left))
            const decoded: Array<{ readonly index: number; readonly fields: VolunteerFields }> = []
            for (let index = 0; index < inputs.length; index++) {
              const command = decodeCreate(inputs[index])
              if (Either.isLeft(command)) {
                refuse(index, command.left)
                continue
              }
              const refusal = writeRowRefusal(actor, "volunteers", command.right)
              if (refusal !== null) {
                refuse(index, refusal)
                continue
              }
              decoded.push({ index, fields: withVolunteerDefaults(command.right, today) })
            }

            const references = yield* lookUpReferences(
              [...new Set(decoded.map((d) => d.fields.regionCode))],
              [...new Set(decoded.flatMap((d) => (d.fields.partyBranchId === null ? [] : [d.fields.partyBranchId])))]
            )
            const valid = decoded.filter((d) => {
              const issues = recordIssues(d.fields, now, references)
              if (issues.length > 0) refuse(d.index, new ValidationError({ issues }))
              return issues.length === 0
            })

            // Against the store (one query per field), and against the inputs accepted before this
            // one: as if each earlier input had been created first. A refused input claims nothing.
            const validFields = valid.map((d) => d.fields)
            const taken = {
              idNumber: yield* storedValues("idNumber", validFields),
              phone: yield* storedValues("phone", validFields)
            }
            const accepted = valid.filter((d) => {
              const clash = UNIQUE_FIELDS.find((field) => d.fields[field] !== null && taken[field].has(d.fields[field]))
              if (clash !== undefined) {
                refuse(d.index, duplicate(clash))
                return false
              }
              for (const field of UNIQUE_FIELDS) if (d.fields[field] !== null) taken[field].add(d.fields[field])
              return true
            })

            // Numbers are drawn inside the transaction, as `create` draws them, in input order; one
            // block for the batch (a round trip per number cost ~0.3 ms a row on SQLite).
            if (accepted.length > 0)
              yield* store.transaction(
                Effect.gen(function* () {
                  const first = yield* store.reserveSequence("volunteer-number", accepted.length)
                  const rows = accepted.map((d, i) => newVolunteer(d.fields, first + i, config.volunteerNumberPrefix, now))
                  yield* insertManyAudited("volunteers", rows)
                  accepted.forEach((d, i) => {
                    results[d.index] = Either.right(maskVolunteer(rows[i]))
                  })
                })
              )
            return results as ReadonlyArray<Either.Either<Volunteer, VolunteerRefusal>>
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
            // The input is decoded before the status is checked, so this cannot be `writableInStatus`.
            const command = yield* decodeInput(VolunteerArchive, input)
            yield* requireStatus("volunteers", before, allStatusesBut("archived"), "archive", describeVolunteer)
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
            const before = yield* writableInStatus("volunteers", id, ["active"], "pause", describeVolunteer)
            return yield* changeStatus(before, { status: "paused" }, "pause")
          })
        ),
      reactivate: (id) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writableInStatus("volunteers", id, allStatusesBut("active"), "reactivate", describeVolunteer)
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
