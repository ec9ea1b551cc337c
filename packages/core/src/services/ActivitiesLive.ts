import { Effect, Layer } from "effect"
import { CurrentActor } from "../actor.js"
import { type Activity, ActivityCancel, type ActivityStatus, ActivityCreate, ActivityUpdate, type SafetyPlan } from "../domain/activity.js"
import { categoryDef } from "../domain/categories.js"
import { type ActivityId, newId } from "../domain/ids.js"
import { type Conflict, conflict, ValidationError, type ValidationIssue } from "../errors.js"
import { catalogueIssue as issue, type StatusAction } from "../i18n/index.js"
import { YinfaConfig } from "../config.js"
import { Store } from "../ports/Store.js"
import { Q } from "../query.js"
import { nowInstant, nowLocal } from "../time.js"
import { Activities, type SafetyPlanPart } from "./Activities.js"
import {
  decodeInput,
  getManyScoped,
  getScoped,
  insertAudited,
  listScoped,
  removeAudited,
  requireRegion,
  requireStatus,
  requireWriteRow,
  updateAudited,
  writableInStatus
} from "./internal/crud.js"
import { writeAudit } from "./internal/audit.js"
import { captureDeps, type ServiceDeps } from "./ResourceService.js"

type Editable = Omit<Activity, "id" | "status" | "cancelReason" | "publishedAt" | "completedAt" | "createdAt" | "updatedAt">

/** Field rules that span several fields; all problems are reported at once so a form can show them together. */
const fieldProblems = (activity: Editable) =>
  Effect.gen(function* () {
    const config = yield* YinfaConfig
    const problems: Array<ValidationIssue> = []
    if (activity.endsAt <= activity.startsAt) problems.push(issue("endsAt", "validation.endBeforeStart"))
    if (activity.channel !== "online" && activity.venue.trim() === "") problems.push(issue("venue", "validation.venueRequired"))
    if (!categoryDef(config.categories, activity.category).formats.some((f) => f.code === activity.format))
      problems.push(issue("format", "validation.format", { format: activity.format }))
    return problems
  })

/**
 * Referenced records must exist. A missing one is the caller's input error on that field, not a
 * missing activity, so it is reported as a validation issue rather than NotFound. Organisations
 * and brand projects of any region may be referenced: city-level bureaus organise county events.
 */
const referenceProblems = (refs: Partial<Pick<Editable, "organizerId" | "partnerIds" | "brandProjectId">>) =>
  Effect.gen(function* () {
    const store = yield* Store
    const problems: Array<ValidationIssue> = []
    const orgIds = [...(refs.organizerId ? [refs.organizerId] : []), ...(refs.partnerIds ?? [])]
    const orgs = new Set((yield* store.getMany("organizations", orgIds)).map((o) => o.id as string))
    if (refs.organizerId && !orgs.has(refs.organizerId))
      problems.push(issue("organizerId", "validation.unknownReference", { id: refs.organizerId }))
    const missingPartner = (refs.partnerIds ?? []).find((id) => !orgs.has(id))
    if (missingPartner) problems.push(issue("partnerIds", "validation.unknownReference", { id: missingPartner }))
    if (refs.brandProjectId && (yield* store.getMany("brand-projects", [refs.brandProjectId])).length === 0)
      problems.push(issue("brandProjectId", "validation.unknownReference", { id: refs.brandProjectId }))
    return problems
  })

const failOn = (problems: ReadonlyArray<ValidationIssue>) =>
  problems.length > 0 ? Effect.fail(new ValidationError({ issues: problems })) : Effect.void

const SAFETY_PARTS: ReadonlyArray<SafetyPlanPart> = ["medicalAid", "transport", "epidemicMeasures", "risksDisclosed"]
const INSURANCE_PARTS: ReadonlyArray<SafetyPlanPart> = ["insurer", "insurancePolicyNumber"]

const missingParts = (plan: SafetyPlan | null, parts: ReadonlyArray<SafetyPlanPart>) =>
  parts.filter((part) => (plan?.[part] ?? "").trim() === "")

/**
 * What keeps an activity from being public (条例 §12, §17). `missing` is a comma list of
 * safety-plan part keys; each has a `safetyPlan.<part>` catalogue entry for rendering.
 */
export const publishProblem = (activity: Activity): Conflict | null => {
  if (activity.channel !== "online") {
    const missing = missingParts(activity.safetyPlan, SAFETY_PARTS)
    if (missing.length > 0)
      return conflict(
        "conflict.safetyPlanIncomplete",
        `an offline activity needs a complete safety plan before publishing: ${missing.join(", ")}`,
        { missing: missing.join(", ") },
        "safetyPlan"
      )
  }
  if (activity.riskLevel === "elevated") {
    const missing = missingParts(activity.safetyPlan, INSURANCE_PARTS)
    if (missing.length > 0)
      return conflict(
        "conflict.insuranceRequired",
        "an elevated-risk activity needs an insurer and policy number before publishing",
        { missing: missing.join(", ") },
        `safetyPlan.${missing[0]}`
      )
  }
  return null
}

const describeActivity = (status: ActivityStatus, action: StatusAction) => `the activity is "${status}": "${action}" is not possible`

const writable = (id: string, allowed: ReadonlyArray<ActivityStatus>, action: StatusAction) =>
  writableInStatus("activities", id, allowed, action, describeActivity)

/** Sign-ups that still hold or wait for a place. */
const OPEN_PARTICIPATION = ["signed-up", "waitlisted", "confirmed"] as const

export const ActivitiesLive: Layer.Layer<Activities, never, ServiceDeps> = Layer.effect(
  Activities,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) => provide(listScoped("activities", query)),
      get: (id) => provide(getScoped("activities", id)),
      getMany: (ids) => provide(getManyScoped("activities", ids)),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const command = yield* decodeInput(ActivityCreate, input)
            yield* requireWriteRow(actor, "activities", command)
            yield* requireRegion("regionCode", command.regionCode)
            yield* failOn([...(yield* fieldProblems(command)), ...(yield* referenceProblems(command))])
            const now = yield* nowInstant
            return yield* insertAudited("activities", {
              id: newId() as ActivityId,
              ...command,
              status: "draft",
              cancelReason: "",
              publishedAt: null,
              completedAt: null,
              createdAt: now,
              updatedAt: now
            })
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            // Not `writable`: the edited record must be writable too (a move out of the actor's
            // region), and that, like a bad input, is reported ahead of the status.
            const actor = yield* CurrentActor
            const before = yield* getScoped("activities", id)
            const patch = yield* decodeInput(ActivityUpdate, input)
            yield* requireWriteRow(actor, "activities", before)
            const after = { ...before, ...patch }
            yield* requireWriteRow(actor, "activities", after)
            yield* requireStatus("activities", before, ["draft", "published"], "update", describeActivity)
            // Sign-ups carry the activity's region; moving a public activity would strand them.
            if (patch.regionCode && patch.regionCode !== before.regionCode)
              yield* requireStatus("activities", before, ["draft"], "changeRegion", describeActivity)
            if (patch.regionCode) yield* requireRegion("regionCode", patch.regionCode)
            // Only references the caller touches are checked, so an unrelated edit is not blocked.
            yield* failOn([...(yield* fieldProblems(after)), ...(yield* referenceProblems(patch))])
            // A published activity must stay publishable: an edit cannot strip its safety plan.
            if (before.status === "published") {
              const problem = publishProblem(after)
              if (problem) return yield* Effect.fail(problem)
            }
            return yield* updateAudited("activities", before, { ...patch, updatedAt: yield* nowInstant })
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const row = yield* writable(id, ["draft"], "delete")
            return yield* removeAudited("activities", row)
          })
        ),
      publish: (id) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writable(id, ["draft"], "publish")
            const problem = publishProblem(before)
            if (problem) return yield* Effect.fail(problem)
            const now = yield* nowInstant
            return yield* updateAudited(
              "activities",
              before,
              { status: "published", publishedAt: now, updatedAt: now },
              { action: "publish" }
            )
          })
        ),
      complete: (id) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writable(id, ["published"], "complete")
            if ((yield* nowLocal) < before.startsAt)
              return yield* Effect.fail(conflict("conflict.completeBeforeStart", "the activity has not started yet"))
            const now = yield* nowInstant
            return yield* updateAudited(
              "activities",
              before,
              { status: "completed", completedAt: now, updatedAt: now },
              { action: "complete" }
            )
          })
        ),
      cancel: (id, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const store = yield* Store
            // Not `writable`: a missing reason is reported ahead of a refusal or the status.
            const before = yield* getScoped("activities", id)
            const { reason } = yield* decodeInput(ActivityCancel, input)
            yield* requireWriteRow(actor, "activities", before)
            yield* requireStatus("activities", before, ["draft", "published"], "cancel", describeActivity)
            const now = yield* nowInstant
            return yield* store.transaction(
              Effect.gen(function* () {
                const open = yield* store.list("participations", Q.all([Q.eq("activityId", before.id), Q.in("status", OPEN_PARTICIPATION)]))
                yield* Effect.forEach(
                  open.rows,
                  (p) =>
                    Effect.gen(function* () {
                      const saved = yield* Effect.orDie(
                        store.update("participations", p.id, { status: "withdrawn", withdrawnAt: now, updatedAt: now })
                      )
                      yield* writeAudit({
                        resource: "participations",
                        recordId: p.id,
                        action: "withdraw",
                        regionCode: p.regionCode,
                        before: p,
                        after: saved,
                        note: reason
                      })
                    }),
                  { discard: true }
                )
                return yield* updateAudited(
                  "activities",
                  before,
                  { status: "cancelled", cancelReason: reason, updatedAt: now },
                  { action: "cancel", note: reason }
                )
              })
            )
          })
        )
    }
  })
)
