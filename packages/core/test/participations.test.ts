import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import type { Actor } from "../src/actor.js"
import type { Activity } from "../src/domain/activity.js"
import type { Volunteer } from "../src/domain/volunteer.js"
import { Participations } from "../src/services/Participations.js"
import { ParticipationsLive } from "../src/services/ParticipationsLive.js"
import { Q } from "../src/query.js"
import { Store } from "../src/ports/Store.js"
import { activityRow, volunteerRow } from "./builders.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer } from "./support.js"

const layer = (config: Parameters<typeof testBase>[0] = {}) => ParticipationsLive.pipe(Layer.provideMerge(testBase(config)))

/** Moves the TestClock to a wall-clock time in the city (UTC+8). */
const setLocalTime = (local: string) => TestClock.setTime(Date.parse(`${local}:00+08:00`))

const addActivity = (overrides: Partial<Activity> = {}) =>
  Effect.flatMap(Store, (store) => store.insert("activities", activityRow(overrides)))
const addVolunteer = (overrides: Partial<Volunteer> = {}) =>
  Effect.flatMap(Store, (store) => store.insert("volunteers", volunteerRow(overrides)))

const signUp = (activity: Activity, volunteer: Volunteer, extra: Record<string, unknown> = {}, actor: Actor = tinghuAdmin) =>
  Effect.flatMap(Participations, (ps) => ps.create({ activityId: activity.id, volunteerId: volunteer.id, ...extra }).pipe(as(actor)))

const participationCount = Effect.flatMap(Store, (store) => Effect.map(store.list("participations", Q.all()), (r) => r.total))

const auditOf = (recordId: string) =>
  Effect.flatMap(Store, (store) => Effect.map(store.list("audit-log", Q.all([Q.eq("recordId", recordId)])), (r) => r.rows))

const ledger = Effect.flatMap(Store, (store) => Effect.map(store.list("service-hours", Q.all()), (r) => r.rows))

describe("Participations: signing up", () => {
  it.effect("only into a published activity that has not ended, only active volunteers, only once", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const draft = yield* addActivity({ status: "draft", publishedAt: null })
      const open = yield* addActivity()
      const volunteer = yield* addVolunteer()
      const paused = yield* addVolunteer({ status: "paused" })
      expect(yield* Effect.flip(signUp(draft, volunteer))).toMatchObject({ _tag: "Conflict", key: "conflict.activityNotOpen" })
      expect(yield* Effect.flip(signUp(open, paused))).toMatchObject({ key: "conflict.volunteerInactive", params: { status: "paused" } })
      const first = yield* signUp(open, volunteer, { role: "讲解员" })
      expect(first).toMatchObject({ status: "signed-up", role: "讲解员", regionCode: "320902", hours: null, overrideReason: null })
      expect(yield* Effect.flip(signUp(open, volunteer))).toMatchObject({ key: "conflict.alreadySignedUp" })
      yield* ps.withdraw(first.id).pipe(as(tinghuAdmin))
      expect((yield* signUp(open, volunteer)).status).toBe("signed-up")
      yield* setLocalTime("2026-03-10T12:00")
      const late = yield* addVolunteer()
      expect(yield* Effect.flip(signUp(open, late))).toMatchObject({ key: "conflict.activityNotOpen" })
      expect(yield* participationCount).toBe(2)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a region admin cannot sign anyone into another region's activity, nor sign up another region's volunteer; viewers never", () =>
    Effect.gen(function* () {
      const tinghuActivity = yield* addActivity()
      const yanduActivity = yield* addActivity({ regionCode: "320903" as Activity["regionCode"] })
      const tinghuVolunteer = yield* addVolunteer()
      const yanduVolunteer = yield* addVolunteer({ regionCode: "320903" as Volunteer["regionCode"] })
      expect(yield* Effect.flip(signUp(yanduActivity, tinghuVolunteer))).toMatchObject({ _tag: "NotFound", resource: "activities" })
      expect(yield* Effect.flip(signUp(tinghuActivity, yanduVolunteer))).toMatchObject({ _tag: "NotFound", resource: "volunteers" })
      expect(yield* Effect.flip(signUp(tinghuActivity, tinghuVolunteer, {}, viewer))).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.readOnly"
      })
      expect(yield* participationCount).toBe(0)
      // The city bureau may send a volunteer to serve in another county.
      const cross = yield* signUp(tinghuActivity, yanduVolunteer, {}, cityAdmin)
      expect(cross.regionCode).toBe("320902")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("checks channel and fitness; the volunteer's recorded agreement lets them go ahead", () =>
    Effect.gen(function* () {
      const store = yield* Store
      const offline = yield* addActivity()
      const online = yield* addActivity({ channel: "online", venue: "" })
      const hybrid = yield* addActivity({ channel: "hybrid" })
      const risky = yield* addActivity({ riskLevel: "elevated" })
      const riskyHybrid = yield* addActivity({ riskLevel: "elevated", channel: "hybrid" })
      const onlineOnly = yield* addVolunteer({ fitness: "online-only", channels: ["online"] })
      const webOnly = yield* addVolunteer({ channels: ["online"] })
      const inPersonOnly = yield* addVolunteer({ channels: ["offline"] })
      const limited = yield* addVolunteer({ fitness: "limited" })

      expect(yield* Effect.flip(signUp(offline, onlineOnly))).toMatchObject({ _tag: "Conflict", key: "conflict.fitness" })
      expect(yield* Effect.flip(signUp(offline, webOnly))).toMatchObject({ key: "conflict.channel", params: { channel: "offline" } })
      expect(yield* Effect.flip(signUp(online, inPersonOnly))).toMatchObject({ key: "conflict.channel", params: { channel: "online" } })
      expect(yield* Effect.flip(signUp(risky, limited))).toMatchObject({ key: "conflict.fitness" })
      expect(yield* participationCount).toBe(0)

      expect((yield* signUp(hybrid, onlineOnly)).status).toBe("signed-up")
      expect((yield* signUp(hybrid, inPersonOnly)).status).toBe("signed-up")
      expect((yield* signUp(riskyHybrid, limited)).status).toBe("signed-up")
      expect((yield* signUp(offline, limited)).status).toBe("signed-up")

      const agreed = yield* signUp(offline, onlineOnly, { overrideReason: "本人坚持到场讲解，家属同意" })
      expect(agreed).toMatchObject({ status: "signed-up", overrideReason: "本人坚持到场讲解，家属同意" })
      const audit = yield* auditOf(agreed.id)
      expect(audit[0].note).toContain("本人坚持到场讲解，家属同意")
      expect(audit[0].note).toContain("fitness")
      expect((yield* store.get("participations", agreed.id)).overrideReason).toBe("本人坚持到场讲解，家属同意")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses sign-ups past the monthly capacity unless the volunteer agreed", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const volunteer = yield* addVolunteer({ monthlyHours: 8 })
      const first = yield* addActivity({ startsAt: "2026-03-03T09:00", endsAt: "2026-03-03T12:00" })
      const second = yield* addActivity({ startsAt: "2026-03-05T09:00", endsAt: "2026-03-05T12:00" })
      const third = yield* addActivity({ startsAt: "2026-03-20T09:00", endsAt: "2026-03-20T12:00" })
      const april = yield* addActivity({ startsAt: "2026-04-01T09:00", endsAt: "2026-04-01T12:00" })
      yield* ps.confirm((yield* signUp(first, volunteer)).id).pipe(as(tinghuAdmin))
      // Sign-ups that are not yet confirmed do not fill the month.
      const pending = yield* signUp(second, volunteer)
      expect((yield* signUp(third, volunteer)).status).toBe("signed-up")
      yield* ps.confirm(pending.id).pipe(as(tinghuAdmin))

      const other = yield* addActivity({ startsAt: "2026-03-25T09:00", endsAt: "2026-03-25T12:00" })
      const before = yield* participationCount
      const refused = yield* Effect.flip(signUp(other, volunteer))
      expect(refused).toMatchObject({ _tag: "Conflict", key: "conflict.capacity", params: { planned: 9, limit: 8 } })
      expect(yield* participationCount).toBe(before)
      expect((yield* signUp(april, volunteer)).status).toBe("signed-up")

      const agreed = yield* signUp(other, volunteer, { overrideReason: "本人自愿多服务一次" })
      expect(agreed.overrideReason).toBe("本人自愿多服务一次")
      const [entry] = yield* auditOf(agreed.id)
      expect(entry.note).toBe("override (capacity): 本人自愿多服务一次")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses a clash with another confirmed activity, even with an agreement; confirming re-checks it", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const volunteer = yield* addVolunteer({ monthlyHours: 40 })
      const morning = yield* addActivity({ title: "上午党课", startsAt: "2026-03-10T09:00", endsAt: "2026-03-10T12:00" })
      const noon = yield* addActivity({ startsAt: "2026-03-10T11:00", endsAt: "2026-03-10T13:00" })
      const afternoon = yield* addActivity({ startsAt: "2026-03-10T12:00", endsAt: "2026-03-10T15:00" })
      const morningSignUp = yield* signUp(morning, volunteer)
      const noonSignUp = yield* signUp(noon, volunteer)
      yield* ps.confirm(morningSignUp.id).pipe(as(tinghuAdmin))
      const confirmClash = yield* ps.confirm(noonSignUp.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(confirmClash).toMatchObject({ key: "conflict.clash", params: { title: "上午党课" } })
      expect((yield* ps.get(noonSignUp.id).pipe(as(tinghuAdmin))).status).toBe("signed-up")

      yield* ps.withdraw(noonSignUp.id).pipe(as(tinghuAdmin))
      const clash = yield* Effect.flip(signUp(noon, volunteer, { overrideReason: "本人同意" }))
      expect(clash).toMatchObject({ _tag: "Conflict", key: "conflict.clash" })
      // Back to back is no clash.
      expect((yield* signUp(afternoon, volunteer)).status).toBe("signed-up")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a clash with another region's activity is reported without naming it", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const volunteer = yield* addVolunteer({ monthlyHours: 40 })
      const yandu = yield* addActivity({ title: "盐都机密活动", regionCode: "320903" as Activity["regionCode"] })
      const tinghu = yield* addActivity()
      yield* ps.confirm((yield* signUp(yandu, volunteer, {}, cityAdmin)).id).pipe(as(cityAdmin))
      const clash = yield* Effect.flip(signUp(tinghu, volunteer))
      expect(clash).toMatchObject({ key: "conflict.clashElsewhere" })
      expect(JSON.stringify(clash)).not.toContain("盐都机密活动")
    }).pipe(Effect.provide(layer()))
  )
})

describe("Participations: wait list", () => {
  it.effect("waitlists past the places and promotes the earliest who still passes the checks", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const store = yield* Store
      const activity = yield* addActivity({ volunteersNeeded: 2 })
      const volunteers = yield* Effect.forEach([1, 2, 3, 4, 5], () => addVolunteer())
      const signUps: Array<{ id: string; status: string }> = []
      for (const v of volunteers) {
        signUps.push(yield* signUp(activity, v))
        yield* TestClock.adjust("1 minute")
      }
      const [p1, p2, p3, p4, p5] = signUps
      expect(signUps.map((p) => p.status)).toEqual(["signed-up", "signed-up", "waitlisted", "waitlisted", "waitlisted"])
      const statusOf = (id: string) => Effect.map(store.get("participations", id), (p) => p.status)

      // A waitlisted withdrawal frees no place.
      yield* ps.withdraw(p5.id).pipe(as(tinghuAdmin))
      expect(yield* statusOf(p3.id)).toBe("waitlisted")

      yield* ps.withdraw(p1.id).pipe(as(tinghuAdmin))
      expect([yield* statusOf(p3.id), yield* statusOf(p4.id)]).toEqual(["signed-up", "waitlisted"])
      expect((yield* auditOf(p3.id)).map((a) => a.action).sort()).toEqual(["create", "promote"])

      // Someone who can no longer serve keeps waiting; the next in line moves up.
      const p6 = yield* signUp(activity, yield* addVolunteer())
      yield* store.update("volunteers", volunteers[3].id, { status: "paused" })
      yield* ps.withdraw(p2.id).pipe(as(tinghuAdmin))
      expect([yield* statusOf(p4.id), yield* statusOf(p6.id)]).toEqual(["waitlisted", "signed-up"])
      const waitlistedCannotConfirm = yield* ps.confirm(p4.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(waitlistedCannotConfirm).toMatchObject({ key: "conflict.state", params: { status: "waitlisted", action: "confirm" } })
    }).pipe(Effect.provide(layer()))
  )
})

describe("Participations: attendance and hours", () => {
  const attendable = Effect.gen(function* () {
    const ps = yield* Participations
    const activity = yield* addActivity()
    const volunteer = yield* addVolunteer()
    const p = yield* signUp(activity, volunteer)
    yield* ps.confirm(p.id).pipe(as(tinghuAdmin))
    return { activity, volunteer, p }
  })

  it.effect("records hours within 0 < h ≤ 24 and the activity's duration, after it started", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const store = yield* Store
      const { activity, p, volunteer } = yield* attendable
      const early = yield* ps.attend(p.id, { hours: 2 }).pipe(as(tinghuAdmin), Effect.flip)
      expect(early).toMatchObject({ _tag: "Conflict", key: "conflict.activityNotStarted" })
      yield* setLocalTime("2026-03-10T10:00")
      const zero = yield* ps.attend(p.id, { hours: 0 }).pipe(as(tinghuAdmin), Effect.flip)
      expect(zero._tag === "ValidationError" && zero.issues[0]).toMatchObject({ path: "hours", key: "validation.hours.positive" })
      const tooMany = yield* ps.attend(p.id, { hours: 25 }).pipe(as(tinghuAdmin), Effect.flip)
      expect(tooMany._tag === "ValidationError" && tooMany.issues[0]).toMatchObject({ path: "hours", key: "validation.hours.max24" })
      const overDuration = yield* ps.attend(p.id, { hours: 3.5 }).pipe(as(tinghuAdmin), Effect.flip)
      expect(overDuration._tag === "ValidationError" && overDuration.issues[0]).toMatchObject({
        path: "hours",
        key: "validation.hours.exceedsDuration",
        params: { max: 3 }
      })
      expect(yield* Effect.flip(ps.attend(p.id, { hours: 3 }).pipe(as(viewer)))).toMatchObject({ _tag: "Forbidden" })
      expect((yield* store.get("participations", p.id)).status).toBe("confirmed")
      expect(yield* ledger).toEqual([])

      const attended = yield* ps.attend(p.id, { hours: 3, feedback: "讲解细致" }).pipe(as(tinghuAdmin))
      expect(attended).toMatchObject({ status: "attended", hours: 3, feedback: "讲解细致", verifiedBy: "u-tinghu", recordedLate: false })
      expect(yield* ledger).toEqual([
        expect.objectContaining({
          volunteerId: volunteer.id,
          participationId: p.id,
          source: "attendance",
          hours: 3,
          regionCode: activity.regionCode,
          category: activity.category,
          serviceDate: "2026-03-10",
          late: false,
          recordedBy: "u-tinghu"
        })
      ])
      const again = yield* ps.attend(p.id, { hours: 3 }).pipe(as(tinghuAdmin), Effect.flip)
      expect(again).toMatchObject({ key: "conflict.state", params: { status: "attended", action: "attend" } })
      expect(yield* Effect.flip(ps.withdraw(p.id).pipe(as(tinghuAdmin)))).toMatchObject({ key: "conflict.state" })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("flags hours recorded more than the allowed working days after the activity", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const onTime = yield* attendable
      const late = yield* attendable
      // The activity ends Tuesday 2026-03-10; ten working days later is Tuesday 2026-03-24.
      yield* setLocalTime("2026-03-24T23:59")
      expect((yield* ps.attend(onTime.p.id, { hours: 2 }).pipe(as(tinghuAdmin))).recordedLate).toBe(false)
      yield* setLocalTime("2026-03-25T00:01")
      expect((yield* ps.attend(late.p.id, { hours: 2 }).pipe(as(tinghuAdmin))).recordedLate).toBe(true)
      const rows = yield* ledger
      expect(rows.find((r) => r.participationId === late.p.id)?.late).toBe(true)
      expect(rows.find((r) => r.participationId === onTime.p.id)?.late).toBe(false)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("counts holidays out of the recording window", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const { p } = yield* attendable
      yield* setLocalTime("2026-03-25T10:00")
      expect((yield* ps.attend(p.id, { hours: 2 }).pipe(as(tinghuAdmin))).recordedLate).toBe(false)
    }).pipe(Effect.provide(layer({ holidays: ["2026-03-12"] })))
  )

  it.effect("appends corrections as the difference and never rewrites earlier entries", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const { p } = yield* attendable
      const early = yield* ps.correctHours(p.id, { hours: 2, reason: "提前离开" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(early).toMatchObject({ key: "conflict.state", params: { status: "confirmed", action: "correctHours" } })
      yield* setLocalTime("2026-03-10T12:00")
      yield* ps.attend(p.id, { hours: 3 }).pipe(as(tinghuAdmin))
      const [original] = yield* ledger

      const same = yield* ps.correctHours(p.id, { hours: 3, reason: "核对" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(same).toMatchObject({ _tag: "Conflict", key: "conflict.sameHours" })
      const over = yield* ps.correctHours(p.id, { hours: 4, reason: "核对" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(over._tag === "ValidationError" && over.issues[0].key).toBe("validation.hours.exceedsDuration")
      const noReason = yield* ps.correctHours(p.id, { hours: 2 }).pipe(as(tinghuAdmin), Effect.flip)
      expect(noReason._tag === "ValidationError" && noReason.issues[0].path).toBe("reason")
      expect(yield* ledger).toHaveLength(1)

      const corrected = yield* ps.correctHours(p.id, { hours: 2.5, reason: "提前半小时离开" }).pipe(as(tinghuAdmin))
      expect(corrected.hours).toBe(2.5)
      yield* ps.correctHours(p.id, { hours: 2, reason: "再次核对签到表" }).pipe(as(tinghuAdmin))
      const rows = yield* ledger
      expect(rows.find((r) => r.id === original.id)).toEqual(original)
      const corrections = rows
        .filter((r) => r.source === "correction")
        .map((r) => [r.hours, r.reason])
        .sort()
      expect(corrections).toEqual([
        [-0.5, "再次核对签到表"],
        [-0.5, "提前半小时离开"]
      ])
      expect(rows.reduce((sum, r) => sum + r.hours, 0)).toBe(2)
      const actions = (yield* auditOf(p.id)).map((a) => a.action)
      expect(actions.filter((a) => a === "correct-hours")).toHaveLength(2)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("marks absence only once the activity has started", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const { p } = yield* attendable
      expect(yield* Effect.flip(ps.markAbsent(p.id).pipe(as(tinghuAdmin)))).toMatchObject({ key: "conflict.activityNotStarted" })
      yield* setLocalTime("2026-03-10T09:30")
      expect((yield* ps.markAbsent(p.id).pipe(as(tinghuAdmin))).status).toBe("absent")
      expect(yield* Effect.flip(ps.attend(p.id, { hours: 1 }).pipe(as(tinghuAdmin)))).toMatchObject({
        key: "conflict.state",
        params: { status: "absent", action: "attend" }
      })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("updates change only role and feedback; sign-ups are withdrawn, never deleted", () =>
    Effect.gen(function* () {
      const ps = yield* Participations
      const store = yield* Store
      const { p } = yield* attendable
      const updated = yield* ps.update(p.id, { role: "组长", status: "attended", hours: 3 }).pipe(as(tinghuAdmin))
      expect(updated).toMatchObject({ role: "组长", status: "confirmed", hours: null })
      expect(yield* Effect.flip(ps.remove(p.id).pipe(as(tinghuAdmin)))).toMatchObject({ _tag: "Conflict", key: "conflict.withdrawInstead" })
      expect(yield* Effect.flip(ps.remove(p.id).pipe(as(viewer)))).toMatchObject({ _tag: "Forbidden" })
      expect((yield* store.get("participations", p.id)).status).toBe("confirmed")
    }).pipe(Effect.provide(layer()))
  )
})
