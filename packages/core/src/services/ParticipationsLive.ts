import type { StatusAction } from "../i18n/index.js"
import { Effect, Layer } from "effect"
import { CurrentActor, inScope } from "../actor.js"
import { YinfaConfig } from "../config.js"
import type { Activity } from "../domain/activity.js"
import { newId, type ParticipationId, type ServiceHourId, type UserId } from "../domain/ids.js"
import {
  HoursCorrection,
  type Participation,
  ParticipationAttend,
  ParticipationSignUp,
  type ParticipationStatus,
  ParticipationUpdate
} from "../domain/participation.js"
import { roundHours, type ServiceHour } from "../domain/serviceHour.js"
import type { Volunteer } from "../domain/volunteer.js"
import { type Conflict, conflict, invalid, NotFound } from "../errors.js"
import { Store } from "../ports/Store.js"
import { Q } from "../query.js"
import { addWorkingDays, hoursBetween, nowInstant, nowLocal, todayLocal } from "../time.js"
import {
  decodeInput,
  getManyScoped,
  getScoped,
  insertAudited,
  listScoped,
  requireWriteRow,
  updateAudited,
  writableInStatus
} from "./internal/crud.js"
import { exactHours } from "./internal/hours.js"
import { Participations } from "./Participations.js"
import { captureDeps, type ServiceDeps } from "./ResourceService.js"

/** Sign-ups that take one of the activity's places. */
const HOLDING_PLACE: ReadonlyArray<ParticipationStatus> = ["signed-up", "confirmed", "attended"]

/** Limits a volunteer may agree to go past (自觉自愿、量力而行); clashes are never among them. */
type Limit = "channel" | "fitness" | "capacity"

const durationOf = (activity: Activity) => hoursBetween(activity.startsAt, activity.endsAt)

const overlaps = (a: Activity, b: Activity) => a.startsAt < b.endsAt && b.startsAt < a.endsAt

const describeParticipation = (status: ParticipationStatus, action: StatusAction) =>
  `the participation is "${status}": "${action}" is not possible`

/** Loads a participation the actor may change and checks it is in a state the action starts from. */
const writableIn = (id: string, allowed: ReadonlyArray<ParticipationStatus>, action: StatusAction) =>
  writableInStatus("participations", id, allowed, action, describeParticipation)

/**
 * Channel and fitness against the activity (条例 §15). A hybrid activity suits anyone who can
 * take part one way or the other; elevated risk only matters to a `limited` volunteer when the
 * activity is wholly in person, since a hybrid one can be joined online. Unknown fitness (no
 * health-data consent) restricts nothing.
 */
const suitability = (volunteer: Volunteer, activity: Activity): { limit: Limit; error: Conflict } | null => {
  const online = volunteer.channels.includes("online")
  const inPerson = volunteer.channels.includes("offline") && volunteer.fitness !== "online-only"
  const fitnessRefusal = {
    limit: "fitness" as const,
    error: conflict("conflict.fitness", "the volunteer's fitness does not suit this offline activity")
  }
  const channelRefusal = {
    limit: "channel" as const,
    error: conflict("conflict.channel", `the volunteer does not accept "${activity.channel}" service`, { channel: activity.channel })
  }
  switch (activity.channel) {
    case "offline":
      if (volunteer.fitness === "online-only") return fitnessRefusal
      if (!inPerson) return channelRefusal
      if (volunteer.fitness === "limited" && activity.riskLevel === "elevated") return fitnessRefusal
      return null
    case "online":
      return online ? null : channelRefusal
    case "hybrid":
      return online || inPerson ? null : channelRefusal
  }
}

/** The volunteer's other confirmed activities, with the participation each came from. */
const confirmedActivities = (volunteerId: string, except: string | null) =>
  Effect.gen(function* () {
    const store = yield* Store
    const confirmed = yield* store.list(
      "participations",
      Q.all([Q.eq("volunteerId", volunteerId), Q.eq("status", "confirmed"), ...(except ? [Q.neq("id", except)] : [])])
    )
    return yield* store.getMany(
      "activities",
      confirmed.rows.map((p) => p.activityId)
    )
  })

/**
 * Every check a volunteer must pass to hold a place in the activity. `overrideReason` records
 * their agreement to go past their own limits; the limits it set aside are returned.
 */
const eligibility = (volunteer: Volunteer, activity: Activity, overrideReason: string | null, self: string | null) =>
  Effect.gen(function* () {
    const actor = yield* CurrentActor
    const overridden: Array<Limit> = []
    if (volunteer.status !== "active")
      return yield* Effect.fail(
        conflict("conflict.volunteerInactive", `the volunteer is "${volunteer.status}"`, {
          status: volunteer.status,
          resource: "volunteers"
        })
      )
    const unsuitable = suitability(volunteer, activity)
    if (unsuitable) {
      if (!overrideReason) return yield* Effect.fail(unsuitable.error)
      overridden.push(unsuitable.limit)
    }
    const others = (yield* confirmedActivities(volunteer.id, self)).filter((a) => a.id !== activity.id)
    const clashing = others.find((a) => overlaps(a, activity))
    if (clashing)
      // Another region's activity is not the actor's to read: say only that it exists.
      return yield* Effect.fail(
        inScope(actor, "activities", clashing)
          ? conflict("conflict.clash", `the volunteer is already confirmed for "${clashing.title}" at that time`, { title: clashing.title })
          : conflict("conflict.clashElsewhere", "the volunteer is already confirmed elsewhere at that time")
      )
    const month = activity.startsAt.slice(0, 7)
    const planned = roundHours(
      others.filter((a) => a.startsAt.slice(0, 7) === month).reduce((sum, a) => sum + durationOf(a), 0) + durationOf(activity)
    )
    if (planned > volunteer.monthlyHours) {
      if (!overrideReason)
        return yield* Effect.fail(
          conflict("conflict.capacity", `past the monthly capacity (${planned} h planned, limit ${volunteer.monthlyHours} h)`, {
            planned,
            limit: volunteer.monthlyHours
          })
        )
      overridden.push("capacity")
    }
    return overridden
  })

const overrideNote = (reason: string | null, overridden: ReadonlyArray<Limit>) =>
  reason ? (overridden.length > 0 ? `override (${overridden.join(", ")}): ${reason}` : `override: ${reason}`) : undefined

/** Volunteers are read from the store directly; outside the actor's jurisdiction they do not exist. */
const scopedVolunteer = (id: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const actor = yield* CurrentActor
    const volunteer = yield* store.get("volunteers", id)
    if (!inScope(actor, "volunteers", volunteer)) return yield* Effect.fail(new NotFound({ resource: "volunteers", id }))
    return volunteer
  })

const activityOf = (p: Participation) => Effect.flatMap(Store, (store) => Effect.orDie(store.get("activities", p.activityId)))

const isOpen = (activity: Activity) => Effect.map(nowLocal, (now) => activity.status === "published" && now < activity.endsAt)

const requireStarted = (activity: Activity) =>
  Effect.flatMap(nowLocal, (now) =>
    now < activity.startsAt ? Effect.fail(conflict("conflict.activityNotStarted", "the activity has not started yet")) : Effect.void
  )

const placesTaken = (activityId: string) =>
  Effect.flatMap(Store, (store) =>
    Effect.map(
      store.list("participations", Q.all([Q.eq("activityId", activityId), Q.in("status", HOLDING_PLACE)], [], { offset: 0, limit: 1 })),
      (r) => r.total
    )
  )

/**
 * Fills freed places from the wait list, earliest sign-up first, skipping anyone who no longer
 * passes the checks (they keep waiting). Runs inside the caller's transaction.
 */
const promoteFromWaitList = (activity: Activity) =>
  Effect.gen(function* () {
    const store = yield* Store
    if (!(yield* isOpen(activity))) return
    let free = activity.volunteersNeeded - (yield* placesTaken(activity.id))
    if (free <= 0) return
    const waiting = yield* store.list(
      "participations",
      Q.all(
        [Q.eq("activityId", activity.id), Q.eq("status", "waitlisted")],
        [
          { field: "signedUpAt", order: "ASC" },
          { field: "createdAt", order: "ASC" }
        ]
      )
    )
    for (const candidate of waiting.rows) {
      if (free <= 0) break
      const volunteer = yield* Effect.orDie(store.get("volunteers", candidate.volunteerId))
      const passes = yield* Effect.either(eligibility(volunteer, activity, candidate.overrideReason, candidate.id))
      if (passes._tag === "Left") continue
      yield* updateAudited(
        "participations",
        candidate,
        { status: "signed-up", updatedAt: yield* nowInstant },
        { action: "promote", ...(candidate.overrideReason ? { note: overrideNote(candidate.overrideReason, passes.right) } : {}) }
      )
      free--
    }
  })

const ledgerEntry = (
  p: Participation,
  activity: Activity,
  entry: Pick<ServiceHour, "source" | "hours" | "reason" | "late" | "recordedBy" | "recordedAt">
): ServiceHour => ({
  id: newId() as ServiceHourId,
  volunteerId: p.volunteerId,
  regionCode: activity.regionCode,
  category: activity.category,
  participationId: p.id,
  pairingId: null,
  checkInId: null,
  serviceDate: activity.startsAt.slice(0, 10),
  ...entry
})

const requireWithinDuration = (hours: number, activity: Activity) => {
  const max = roundHours(durationOf(activity))
  return hours > durationOf(activity)
    ? Effect.fail(invalid("hours", "validation.hours.exceedsDuration", `hours cannot exceed the activity's duration (${max} h)`, { max }))
    : Effect.void
}

export const ParticipationsLive: Layer.Layer<Participations, never, ServiceDeps> = Layer.effect(
  Participations,
  Effect.gen(function* () {
    const provide = yield* captureDeps

    /** Loads a participation the actor may change, whatever its status. */
    const writable = (id: string) =>
      Effect.gen(function* () {
        const actor = yield* CurrentActor
        const p = yield* getScoped("participations", id)
        yield* requireWriteRow(actor, "participations", p)
        return p
      })

    return {
      list: (query) => provide(listScoped("participations", query)),
      get: (id) => provide(getScoped("participations", id)),
      getMany: (ids) => provide(getManyScoped("participations", ids)),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const store = yield* Store
            const command = yield* decodeInput(ParticipationSignUp, input)
            const activity = yield* getScoped("activities", command.activityId)
            yield* requireWriteRow(actor, "activities", activity)
            const volunteer = yield* scopedVolunteer(command.volunteerId)
            if (!(yield* isOpen(activity)))
              return yield* Effect.fail(conflict("conflict.activityNotOpen", "the activity is not published or has ended"))
            const existing = yield* store.list(
              "participations",
              Q.all([Q.eq("activityId", activity.id), Q.eq("volunteerId", volunteer.id), Q.neq("status", "withdrawn")], [], {
                offset: 0,
                limit: 1
              })
            )
            if (existing.total > 0)
              return yield* Effect.fail(conflict("conflict.alreadySignedUp", "the volunteer has already signed up for this activity"))
            const overridden = yield* eligibility(volunteer, activity, command.overrideReason, null)
            const now = yield* nowInstant
            const note = overrideNote(command.overrideReason, overridden)
            return yield* store.transaction(
              Effect.gen(function* () {
                const full = (yield* placesTaken(activity.id)) >= activity.volunteersNeeded
                return yield* insertAudited(
                  "participations",
                  {
                    id: newId() as ParticipationId,
                    activityId: activity.id,
                    volunteerId: volunteer.id,
                    regionCode: activity.regionCode,
                    status: full ? "waitlisted" : "signed-up",
                    role: command.role,
                    hours: null,
                    feedback: "",
                    verifiedBy: null,
                    recordedAt: null,
                    recordedLate: false,
                    overrideReason: command.overrideReason,
                    signedUpAt: now,
                    confirmedAt: null,
                    withdrawnAt: null,
                    createdAt: now,
                    updatedAt: now
                  },
                  note ? { note } : {}
                )
              })
            )
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const patch = yield* decodeInput(ParticipationUpdate, input)
            const before = yield* writable(id)
            return yield* updateAudited("participations", before, { ...patch, updatedAt: yield* nowInstant })
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            yield* writable(id)
            return yield* Effect.fail(conflict("conflict.withdrawInstead", "sign-ups are not deleted: withdraw instead"))
          })
        ),
      confirm: (id) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const before = yield* writableIn(id, ["signed-up"], "confirm")
            const activity = yield* activityOf(before)
            const volunteer = yield* Effect.orDie(store.get("volunteers", before.volunteerId))
            // Other confirmations may have arrived since the sign-up; the recorded agreement still holds.
            const overridden = yield* eligibility(volunteer, activity, before.overrideReason, before.id)
            const now = yield* nowInstant
            const note = overridden.length > 0 ? overrideNote(before.overrideReason, overridden) : undefined
            return yield* updateAudited(
              "participations",
              before,
              { status: "confirmed", confirmedAt: now, updatedAt: now },
              { action: "confirm", ...(note ? { note } : {}) }
            )
          })
        ),
      attend: (id, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const store = yield* Store
            const config = yield* YinfaConfig
            const command = yield* decodeInput(ParticipationAttend, input)
            // Attendance proves participation, so an unconfirmed sign-up may be recorded too.
            const before = yield* writableIn(id, ["confirmed", "signed-up"], "attend")
            const activity = yield* activityOf(before)
            yield* requireStarted(activity)
            yield* requireWithinDuration(command.hours, activity)
            const deadline = addWorkingDays(activity.endsAt.slice(0, 10), config.lateRecordingWorkingDays, config)
            const late = (yield* todayLocal) > deadline
            const now = yield* nowInstant
            const verifier = actor.userId as UserId
            return yield* store.transaction(
              Effect.gen(function* () {
                const saved = yield* updateAudited(
                  "participations",
                  before,
                  {
                    status: "attended",
                    hours: command.hours,
                    feedback: command.feedback || before.feedback,
                    verifiedBy: verifier,
                    recordedAt: now,
                    recordedLate: late,
                    updatedAt: now
                  },
                  { action: "attend", ...(late ? { note: `recorded after ${deadline}` } : {}) }
                )
                yield* insertAudited(
                  "service-hours",
                  ledgerEntry(before, activity, {
                    source: "attendance",
                    hours: command.hours,
                    reason: "",
                    late,
                    recordedBy: verifier,
                    recordedAt: now
                  })
                )
                return saved
              })
            )
          })
        ),
      markAbsent: (id) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writableIn(id, ["confirmed", "signed-up"], "markAbsent")
            yield* requireStarted(yield* activityOf(before))
            return yield* updateAudited("participations", before, { status: "absent", updatedAt: yield* nowInstant }, { action: "absent" })
          })
        ),
      withdraw: (id) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const before = yield* writableIn(id, ["signed-up", "waitlisted", "confirmed"], "withdraw")
            const activity = yield* activityOf(before)
            const now = yield* nowInstant
            return yield* store.transaction(
              Effect.gen(function* () {
                const saved = yield* updateAudited(
                  "participations",
                  before,
                  { status: "withdrawn", withdrawnAt: now, updatedAt: now },
                  { action: "withdraw" }
                )
                if (before.status !== "waitlisted") yield* promoteFromWaitList(activity)
                return saved
              })
            )
          })
        ),
      correctHours: (id, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const store = yield* Store
            const command = yield* decodeInput(HoursCorrection, input)
            const before = yield* writableIn(id, ["attended"], "correctHours")
            const current = before.hours ?? 0
            if (command.hours === current)
              return yield* Effect.fail(conflict("conflict.sameHours", "the corrected hours equal the current hours", undefined, "hours"))
            const activity = yield* activityOf(before)
            yield* requireWithinDuration(command.hours, activity)
            const now = yield* nowInstant
            const recorder = actor.userId as UserId
            // §13: the earlier entries stay as they were; the difference is a new entry with its reason.
            return yield* store.transaction(
              Effect.gen(function* () {
                yield* insertAudited(
                  "service-hours",
                  ledgerEntry(before, activity, {
                    source: "correction",
                    hours: exactHours(command.hours - current),
                    reason: command.reason,
                    late: false,
                    recordedBy: recorder,
                    recordedAt: now
                  }),
                  { note: command.reason }
                )
                return yield* updateAudited(
                  "participations",
                  before,
                  { hours: command.hours, updatedAt: now },
                  { action: "correct-hours", note: command.reason }
                )
              })
            )
          })
        )
    }
  })
)
