import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import { Store } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { ExperienceReports } from "../src/services/ExperienceReports.js"
import { ExperienceReportsLive } from "../src/services/ExperienceReportsLive.js"
import { insertActivity, snapshot } from "./pairingBuilders.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = () => ExperienceReportsLive.pipe(Layer.provideMerge(testBase()))

const draft = (extra: Record<string, unknown> = {}) => ({
  title: "“银发课堂”进乡村的做法",
  category: "rural-revitalization",
  regionCode: "320902",
  body: "亭湖区组织退休农技干部每月下村授课，累计培训农民三百余人次。",
  ...extra
})

const failure = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.flip(effect)

/** Moves the clock a minute so that consecutive audit entries have distinct times. */
const tick = TestClock.adjust("1 minute")

describe("ExperienceReports", () => {
  it.effect("a region admin drafts a report for their region, citing their region's activities", () =>
    Effect.gen(function* () {
      const reports = yield* ExperienceReports
      const store = yield* Store
      const activity = yield* insertActivity()
      const created = yield* reports.create(draft({ activityIds: [activity.id, activity.id] })).pipe(as(tinghuAdmin))
      expect(created).toMatchObject({
        status: "draft",
        authorId: "u-tinghu",
        featured: false,
        reviewerNotes: "",
        submittedAt: null,
        reviewedAt: null,
        publishedAt: null,
        activityIds: [activity.id]
      })
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", created.id)]))
      expect(audit.rows.map((a) => a.action)).toEqual(["create"])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses unknown or foreign activities, other regions, viewers and bad input, writing nothing", () =>
    Effect.gen(function* () {
      const reports = yield* ExperienceReports
      const yanduActivity = yield* insertActivity({ regionCode: "320903" as never })
      const before = yield* snapshot("experience-reports", "audit-log")

      const foreign = yield* failure(reports.create(draft({ activityIds: [yanduActivity.id] })).pipe(as(tinghuAdmin)))
      expect(foreign._tag === "ValidationError" && foreign.issues[0]).toMatchObject({
        path: "activityIds",
        key: "validation.reportActivities"
      })
      const unknown = yield* failure(reports.create(draft({ activityIds: ["no-such-activity"] })).pipe(as(cityAdmin)))
      expect(unknown._tag === "ValidationError" && unknown.issues[0].key).toBe("validation.reportActivities")

      expect(yield* failure(reports.create(draft({ regionCode: "320903" })).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.outOfRegion"
      })
      expect(yield* failure(reports.create(draft()).pipe(as(viewer)))).toMatchObject({ _tag: "Forbidden", key: "forbidden.readOnly" })
      const noTitle = yield* failure(reports.create(draft({ title: "  " })).pipe(as(tinghuAdmin)))
      expect(noTitle._tag === "ValidationError" && noTitle.issues[0]).toMatchObject({ path: "title", key: "validation.required" })
      const unknownRegion = yield* failure(reports.create(draft({ regionCode: "999999" })).pipe(as(cityAdmin)))
      expect(unknownRegion._tag === "ValidationError" && unknownRegion.issues[0].key).toBe("validation.unknownRegion")

      expect(yield* snapshot("experience-reports", "audit-log")).toEqual(before)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("draft → submitted → accepted → published, with times and audit actions", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-05-01T01:00:00Z"))
      const reports = yield* ExperienceReports
      const store = yield* Store
      const report = yield* reports.create(draft()).pipe(as(tinghuAdmin))
      yield* tick
      const submitted = yield* reports.submit(report.id).pipe(as(tinghuAdmin))
      expect(submitted).toMatchObject({ status: "submitted", submittedAt: "2026-05-01T01:01:00.000Z" })
      yield* tick
      const accepted = yield* reports.accept(report.id).pipe(as(cityAdmin))
      expect(accepted).toMatchObject({ status: "accepted", reviewedAt: "2026-05-01T01:02:00.000Z" })
      yield* tick
      const published = yield* reports.publish(report.id, { featured: true }).pipe(as(cityAdmin))
      expect(published).toMatchObject({ status: "published", featured: true, publishedAt: "2026-05-01T01:03:00.000Z" })

      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", report.id)], [{ field: "at", order: "ASC" }]))
      expect(audit.rows.map((a) => [a.action, a.actorId])).toEqual([
        ["create", "u-tinghu"],
        ["submit", "u-tinghu"],
        ["accept", "u-city"],
        ["publish", "u-city"]
      ])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("only city admins review: a region admin accepting, returning or publishing is Forbidden", () =>
    Effect.gen(function* () {
      const reports = yield* ExperienceReports
      const report = yield* reports.create(draft()).pipe(as(tinghuAdmin))
      yield* reports.submit(report.id).pipe(as(tinghuAdmin))
      const before = yield* snapshot("experience-reports", "audit-log")

      expect(yield* failure(reports.accept(report.id).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.cityAdminOnly"
      })
      expect((yield* failure(reports.return(report.id, { notes: "请补充数据" }).pipe(as(tinghuAdmin))))._tag).toBe("Forbidden")
      expect(yield* failure(reports.accept(report.id).pipe(as(viewer)))).toMatchObject({ _tag: "Forbidden", key: "forbidden.readOnly" })
      expect((yield* failure(reports.submit(report.id).pipe(as(viewer))))._tag).toBe("Forbidden")
      expect(yield* snapshot("experience-reports", "audit-log")).toEqual(before)

      yield* reports.accept(report.id).pipe(as(cityAdmin))
      expect((yield* failure(reports.publish(report.id, {}).pipe(as(tinghuAdmin))))._tag).toBe("Forbidden")
      expect((yield* reports.get(report.id).pipe(as(tinghuAdmin))).status).toBe("accepted")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("returning needs notes; a returned report is edited and submitted again", () =>
    Effect.gen(function* () {
      const reports = yield* ExperienceReports
      const store = yield* Store
      const report = yield* reports.create(draft()).pipe(as(tinghuAdmin))
      yield* reports.submit(report.id).pipe(as(tinghuAdmin))
      const before = yield* snapshot("experience-reports", "audit-log")

      const missing = yield* failure(reports.return(report.id, {}).pipe(as(cityAdmin)))
      expect(missing._tag === "ValidationError" && missing.issues[0].path).toBe("notes")
      const blank = yield* failure(reports.return(report.id, { notes: "   " }).pipe(as(cityAdmin)))
      expect(blank._tag === "ValidationError" && blank.issues[0]).toMatchObject({ path: "notes", key: "validation.required" })
      expect(yield* snapshot("experience-reports", "audit-log")).toEqual(before)

      const returned = yield* reports.return(report.id, { notes: "请补充受益人数和照片" }).pipe(as(cityAdmin))
      expect(returned).toMatchObject({ status: "returned", reviewerNotes: "请补充受益人数和照片" })
      expect(returned.reviewedAt).not.toBeNull()
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", report.id), Q.eq("action", "return")]))
      expect(audit.rows[0].note).toBe("请补充受益人数和照片")

      const edited = yield* reports.update(report.id, { body: "补充：累计培训农民 312 人次，覆盖 15 个村。" }).pipe(as(tinghuAdmin))
      expect(edited.status).toBe("returned")
      expect((yield* reports.submit(report.id).pipe(as(tinghuAdmin))).status).toBe("submitted")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("transitions from the wrong status are conflicts; only drafts and returned reports are edited", () =>
    Effect.gen(function* () {
      const reports = yield* ExperienceReports
      const report = yield* reports.create(draft()).pipe(as(tinghuAdmin))
      expect(yield* failure(reports.accept(report.id).pipe(as(cityAdmin)))).toMatchObject({
        _tag: "Conflict",
        key: "conflict.state",
        params: { status: "draft", action: "accept" }
      })
      expect((yield* failure(reports.publish(report.id, {}).pipe(as(cityAdmin))))._tag).toBe("Conflict")
      expect((yield* failure(reports.return(report.id, { notes: "x" }).pipe(as(cityAdmin))))._tag).toBe("Conflict")

      yield* reports.submit(report.id).pipe(as(tinghuAdmin))
      expect(yield* failure(reports.submit(report.id).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        params: { status: "submitted", action: "submit" }
      })
      expect(yield* failure(reports.update(report.id, { title: "改标题" }).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        params: { status: "submitted", action: "update" }
      })
      expect((yield* failure(reports.publish(report.id, {}).pipe(as(cityAdmin))))._tag).toBe("Conflict")

      yield* reports.accept(report.id).pipe(as(cityAdmin))
      expect((yield* failure(reports.accept(report.id).pipe(as(cityAdmin))))._tag).toBe("Conflict")
      expect((yield* failure(reports.update(report.id, { title: "改标题" }).pipe(as(cityAdmin))))._tag).toBe("Conflict")
      const published = yield* reports.publish(report.id, {}).pipe(as(cityAdmin))
      expect(published.featured).toBe(false)
      expect((yield* failure(reports.publish(report.id, {}).pipe(as(cityAdmin))))._tag).toBe("Conflict")
      expect((yield* reports.get(report.id).pipe(as(cityAdmin))).title).toBe(report.title)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("only drafts are deleted", () =>
    Effect.gen(function* () {
      const reports = yield* ExperienceReports
      const kept = yield* reports.create(draft()).pipe(as(tinghuAdmin))
      yield* reports.submit(kept.id).pipe(as(tinghuAdmin))
      expect(yield* failure(reports.remove(kept.id).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        params: { status: "submitted", action: "delete" }
      })
      yield* reports.return(kept.id, { notes: "请修改" }).pipe(as(cityAdmin))
      expect((yield* failure(reports.remove(kept.id).pipe(as(tinghuAdmin))))._tag).toBe("Conflict")
      expect((yield* reports.get(kept.id).pipe(as(tinghuAdmin))).status).toBe("returned")

      const gone = yield* reports.create(draft()).pipe(as(tinghuAdmin))
      expect((yield* failure(reports.remove(gone.id).pipe(as(viewer))))._tag).toBe("Forbidden")
      yield* reports.remove(gone.id).pipe(as(tinghuAdmin))
      expect((yield* failure(reports.get(gone.id).pipe(as(cityAdmin))))._tag).toBe("NotFound")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a region admin cannot read or act on another region's report", () =>
    Effect.gen(function* () {
      const reports = yield* ExperienceReports
      const yandu = yield* reports.create(draft({ regionCode: "320903" })).pipe(as(yanduAdmin))
      expect((yield* failure(reports.get(yandu.id).pipe(as(tinghuAdmin))))._tag).toBe("NotFound")
      expect((yield* failure(reports.submit(yandu.id).pipe(as(tinghuAdmin))))._tag).toBe("NotFound")
      expect((yield* failure(reports.update(yandu.id, { title: "x" }).pipe(as(tinghuAdmin))))._tag).toBe("NotFound")
      expect((yield* failure(reports.remove(yandu.id).pipe(as(tinghuAdmin))))._tag).toBe("NotFound")
      expect((yield* reports.list(Q.all()).pipe(as(tinghuAdmin))).total).toBe(0)
      expect(yield* reports.getMany([yandu.id]).pipe(as(tinghuAdmin))).toEqual([])
      expect((yield* reports.list(Q.all()).pipe(as(yanduAdmin))).total).toBe(1)
      expect((yield* reports.get(yandu.id).pipe(as(yanduAdmin))).status).toBe("draft")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("moving a report checks the new region and its cited activities", () =>
    Effect.gen(function* () {
      const reports = yield* ExperienceReports
      const activity = yield* insertActivity()
      const report = yield* reports.create(draft({ activityIds: [activity.id] })).pipe(as(tinghuAdmin))
      expect((yield* failure(reports.update(report.id, { regionCode: "320903" }).pipe(as(tinghuAdmin))))._tag).toBe("Forbidden")
      const orphaned = yield* failure(reports.update(report.id, { regionCode: "320903" }).pipe(as(cityAdmin)))
      expect(orphaned._tag === "ValidationError" && orphaned.issues[0].key).toBe("validation.reportActivities")
      const moved = yield* reports.update(report.id, { regionCode: "320903", activityIds: [] }).pipe(as(cityAdmin))
      expect(moved).toMatchObject({ regionCode: "320903", activityIds: [] })
    }).pipe(Effect.provide(layer()))
  )
})
