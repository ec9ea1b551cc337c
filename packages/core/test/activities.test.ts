import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import { Activities } from "../src/services/Activities.js"
import { ActivitiesLive } from "../src/services/ActivitiesLive.js"
import { Participations } from "../src/services/Participations.js"
import { ParticipationsLive } from "../src/services/ParticipationsLive.js"
import { Q } from "../src/query.js"
import { Store } from "../src/ports/Store.js"
import { activityRow, volunteerRow } from "./builders.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = () => Layer.mergeAll(ActivitiesLive, ParticipationsLive).pipe(Layer.provideMerge(testBase()))

/** Moves the TestClock to a wall-clock time in the city (UTC+8). */
const setLocalTime = (local: string) => TestClock.setTime(Date.parse(`${local}:00+08:00`))

const draft = {
  title: "农技下乡",
  category: "rural-revitalization",
  format: "technical-guidance",
  regionCode: "320902",
  channel: "offline",
  venue: "便仓镇",
  startsAt: "2026-03-10T09:00",
  endsAt: "2026-03-10T12:00",
  volunteersNeeded: 5
}

const fullPlan = {
  medicalAid: "卫生院随队",
  transport: "统一乘车",
  insurer: "",
  insurancePolicyNumber: "",
  epidemicMeasures: "佩戴口罩",
  risksDisclosed: "户外日晒"
}

/** A record's audit actions, sorted by name: the TestClock stands still, so timestamps tie. */
const auditActions = (recordId: string) =>
  Effect.flatMap(Store, (store) =>
    Effect.map(store.list("audit-log", Q.all([Q.eq("recordId", recordId)])), (r) => r.rows.map((a) => a.action).sort())
  )

describe("Activities", () => {
  it.effect("creates drafts; status, publication and completion cannot be set through the input", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const created = yield* activities
        .create({ ...draft, status: "published", publishedAt: "2026-01-01T00:00:00.000Z" })
        .pipe(as(tinghuAdmin))
      expect(created).toMatchObject({ status: "draft", publishedAt: null, completedAt: null, venue: "便仓镇", partnerIds: [] })
      const updated = yield* activities.update(created.id, { title: "农技下乡（二）", status: "completed" }).pipe(as(tinghuAdmin))
      expect(updated).toMatchObject({ title: "农技下乡（二）", status: "draft" })
      expect(yield* auditActions(created.id)).toEqual(["create", "update"])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses an end before the start, a missing venue and a format of another category, all at once", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const store = yield* Store
      const error = yield* activities
        .create({ ...draft, endsAt: "2026-03-10T08:00", venue: "", format: "party-class" })
        .pipe(as(cityAdmin), Effect.flip)
      expect(error._tag).toBe("ValidationError")
      if (error._tag !== "ValidationError") return
      expect(error.issues.map((i) => [i.path, i.key])).toEqual([
        ["endsAt", "validation.endBeforeStart"],
        ["venue", "validation.venueRequired"],
        ["format", "validation.format"]
      ])
      // An online activity needs no venue; a city's extra formats are accepted.
      const online = yield* activities.create({ ...draft, channel: "online", venue: "" }).pipe(as(cityAdmin))
      expect(online.venue).toBe("")
      expect((yield* store.list("activities", Q.all())).total).toBe(1)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses unknown regions, organisers, partners and brand projects as field errors", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const region = yield* activities.create({ ...draft, regionCode: "999999" }).pipe(as(cityAdmin), Effect.flip)
      expect(region._tag === "ValidationError" && region.issues[0]).toMatchObject({ path: "regionCode", key: "validation.unknownRegion" })
      const refs = yield* activities
        .create({ ...draft, organizerId: "no-such-org", partnerIds: ["nope"], brandProjectId: "no-such-project" })
        .pipe(as(cityAdmin), Effect.flip)
      expect(refs._tag === "ValidationError" && refs.issues.map((i) => [i.path, i.key])).toEqual([
        ["organizerId", "validation.unknownReference"],
        ["partnerIds", "validation.unknownReference"],
        ["brandProjectId", "validation.unknownReference"]
      ])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("region admins write only in their region; viewers never write", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const store = yield* Store
      const elsewhere = yield* activities.create({ ...draft, regionCode: "320903" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(elsewhere._tag).toBe("Forbidden")
      const denied = yield* activities.create(draft).pipe(as(viewer), Effect.flip)
      expect(denied._tag).toBe("Forbidden")
      const yandu = yield* activities.create({ ...draft, regionCode: "320903" }).pipe(as(yanduAdmin))
      expect((yield* activities.publish(yandu.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* activities.publish(yandu.id).pipe(as(viewer), Effect.flip))._tag).toBe("Forbidden")
      const moved = yield* activities.update(yandu.id, { regionCode: "320902" }).pipe(as(yanduAdmin), Effect.flip)
      expect(moved._tag).toBe("Forbidden")
      expect(yield* store.get("activities", yandu.id)).toMatchObject({ status: "draft", regionCode: "320903" })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("an offline activity is not published without a complete safety plan", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const store = yield* Store
      const created = yield* activities.create(draft).pipe(as(tinghuAdmin))
      const none = yield* activities.publish(created.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(none).toMatchObject({
        _tag: "Conflict",
        key: "conflict.safetyPlanIncomplete",
        params: { missing: "medicalAid, transport, epidemicMeasures, risksDisclosed" }
      })
      yield* activities.update(created.id, { safetyPlan: { ...fullPlan, transport: "  ", risksDisclosed: "" } }).pipe(as(tinghuAdmin))
      const partial = yield* activities.publish(created.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(partial).toMatchObject({ key: "conflict.safetyPlanIncomplete", params: { missing: "transport, risksDisclosed" } })
      expect(yield* store.get("activities", created.id)).toMatchObject({ status: "draft", publishedAt: null })
      expect(yield* auditActions(created.id)).toEqual(["create", "update"])

      yield* activities.update(created.id, { safetyPlan: fullPlan }).pipe(as(tinghuAdmin))
      const published = yield* activities.publish(created.id).pipe(as(tinghuAdmin))
      expect(published.status).toBe("published")
      expect(published.publishedAt).not.toBeNull()
      expect(yield* auditActions(created.id)).toEqual(["create", "publish", "update", "update"])
      // Once public, an edit cannot strip the plan, and it cannot be published twice.
      const stripped = yield* activities.update(created.id, { safetyPlan: null }).pipe(as(tinghuAdmin), Effect.flip)
      expect(stripped).toMatchObject({ key: "conflict.safetyPlanIncomplete" })
      const again = yield* activities.publish(created.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(again).toMatchObject({ key: "conflict.state", params: { status: "published", action: "publish" } })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("an online activity needs no safety plan, but elevated risk needs insurance on any channel", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const store = yield* Store
      const online = yield* activities.create({ ...draft, channel: "online", venue: "" }).pipe(as(cityAdmin))
      expect((yield* activities.publish(online.id).pipe(as(cityAdmin))).status).toBe("published")

      const risky = yield* activities.create({ ...draft, channel: "online", riskLevel: "elevated" }).pipe(as(cityAdmin))
      const uninsured = yield* activities.publish(risky.id).pipe(as(cityAdmin), Effect.flip)
      expect(uninsured).toMatchObject({ _tag: "Conflict", key: "conflict.insuranceRequired" })
      const offline = yield* activities
        .create({ ...draft, riskLevel: "elevated", safetyPlan: { ...fullPlan, insurer: "人保财险" } })
        .pipe(as(cityAdmin))
      const noPolicy = yield* activities.publish(offline.id).pipe(as(cityAdmin), Effect.flip)
      expect(noPolicy).toMatchObject({ key: "conflict.insuranceRequired", params: { missing: "insurancePolicyNumber" } })
      expect((yield* store.get("activities", offline.id)).status).toBe("draft")
      yield* activities
        .update(offline.id, { safetyPlan: { ...fullPlan, insurer: "人保财险", insurancePolicyNumber: "PICC-2026-001" } })
        .pipe(as(cityAdmin))
      expect((yield* activities.publish(offline.id).pipe(as(cityAdmin))).status).toBe("published")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("completes only a published activity whose start has passed", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const created = yield* activities.create({ ...draft, safetyPlan: fullPlan }).pipe(as(tinghuAdmin))
      const fromDraft = yield* activities.complete(created.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(fromDraft).toMatchObject({ key: "conflict.state", params: { status: "draft", action: "complete" } })
      yield* activities.publish(created.id).pipe(as(tinghuAdmin))
      yield* setLocalTime("2026-03-10T08:59")
      const early = yield* activities.complete(created.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(early).toMatchObject({ key: "conflict.completeBeforeStart" })
      yield* setLocalTime("2026-03-10T09:00")
      const done = yield* activities.complete(created.id).pipe(as(tinghuAdmin))
      expect(done.status).toBe("completed")
      expect(done.completedAt).toBe("2026-03-10T01:00:00.000Z")
      expect(yield* auditActions(created.id)).toEqual(["complete", "create", "publish"])
      const edit = yield* activities.update(created.id, { title: "改" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(edit).toMatchObject({ key: "conflict.state", params: { status: "completed", action: "update" } })
      const cancel = yield* activities.cancel(created.id, { reason: "天气" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(cancel).toMatchObject({ key: "conflict.state", params: { status: "completed", action: "cancel" } })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("cancelling withdraws every open sign-up and keeps the reason", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const participations = yield* Participations
      const store = yield* Store
      const activity = yield* store.insert("activities", activityRow({ volunteersNeeded: 1 }))
      const [a, b] = [volunteerRow(), volunteerRow()]
      yield* store.insert("volunteers", a)
      yield* store.insert("volunteers", b)
      const first = yield* participations.create({ activityId: activity.id, volunteerId: a.id }).pipe(as(tinghuAdmin))
      const second = yield* participations.create({ activityId: activity.id, volunteerId: b.id }).pipe(as(tinghuAdmin))
      expect([first.status, second.status]).toEqual(["signed-up", "waitlisted"])

      const missingReason = yield* activities.cancel(activity.id, { reason: " " }).pipe(as(tinghuAdmin), Effect.flip)
      expect(missingReason._tag).toBe("ValidationError")
      const cancelled = yield* activities.cancel(activity.id, { reason: "暴雨预警" }).pipe(as(tinghuAdmin))
      expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "暴雨预警" })
      const rows = yield* store.list("participations", Q.all([Q.eq("activityId", activity.id)]))
      expect(rows.rows.map((p) => p.status)).toEqual(["withdrawn", "withdrawn"])
      expect(yield* auditActions(first.id)).toEqual(["create", "withdraw"])
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", activity.id), Q.eq("action", "cancel")]))
      expect(audit.rows[0].note).toBe("暴雨预警")
      const again = yield* activities.cancel(activity.id, { reason: "再取消" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(again).toMatchObject({ key: "conflict.state", params: { status: "cancelled", action: "cancel" } })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("deletes drafts only", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const store = yield* Store
      const published = yield* store.insert("activities", activityRow())
      const refused = yield* activities.remove(published.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(refused).toMatchObject({ key: "conflict.state", params: { status: "published", action: "delete" } })
      expect((yield* store.list("activities", Q.all())).total).toBe(1)
      const created = yield* activities.create(draft).pipe(as(tinghuAdmin))
      yield* activities.remove(created.id).pipe(as(tinghuAdmin))
      expect((yield* activities.get(created.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect(yield* auditActions(created.id)).toEqual(["create", "delete"])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a published activity cannot move to another region", () =>
    Effect.gen(function* () {
      const activities = yield* Activities
      const store = yield* Store
      const published = yield* store.insert("activities", activityRow())
      const moved = yield* activities.update(published.id, { regionCode: "320903" }).pipe(as(cityAdmin), Effect.flip)
      expect(moved).toMatchObject({ key: "conflict.state", params: { action: "changeRegion" } })
      expect((yield* store.get("activities", published.id)).regionCode).toBe("320902")
    }).pipe(Effect.provide(layer()))
  )
})
