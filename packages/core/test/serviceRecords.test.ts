import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import type { Volunteer } from "../src/domain/volunteer.js"
import type { ServiceHour } from "../src/domain/serviceHour.js"
import { Participations } from "../src/services/Participations.js"
import { ParticipationsLive } from "../src/services/ParticipationsLive.js"
import { ServiceHours } from "../src/services/ServiceHours.js"
import { ServiceHoursLive } from "../src/services/ServiceHoursLive.js"
import { ServiceRecords } from "../src/services/ServiceRecords.js"
import { ServiceRecordsLive } from "../src/services/ServiceRecordsLive.js"
import { Q } from "../src/query.js"
import { Store } from "../src/ports/Store.js"
import { activityRow, serviceHourRow, volunteerRow } from "./builders.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = (config: Parameters<typeof testBase>[0] = {}) =>
  Layer.mergeAll(ServiceRecordsLive, ServiceHoursLive, ParticipationsLive).pipe(Layer.provideMerge(testBase(config)))

const addVolunteer = (overrides: Partial<Volunteer> = {}) =>
  Effect.flatMap(Store, (store) => store.insert("volunteers", volunteerRow(overrides)))

/** A volunteer with ledger entries of the given hours. */
const withHours = (entries: ReadonlyArray<Partial<ServiceHour> & { hours: number }>, volunteer: Partial<Volunteer> = {}) =>
  Effect.gen(function* () {
    const store = yield* Store
    const v = yield* addVolunteer(volunteer)
    yield* Effect.forEach(entries, (e) => store.insert("service-hours", serviceHourRow({ volunteerId: v.id, ...e })), { discard: true })
    return v
  })

const summaryOf = (v: Volunteer) => Effect.flatMap(ServiceRecords, (records) => records.summary(v.id).pipe(as(cityAdmin)))

describe("ServiceRecords", () => {
  it.effect("earns stars exactly at the default thresholds", () =>
    Effect.gen(function* () {
      const almost = yield* summaryOf(yield* withHours([{ hours: 24 }, { hours: 24 }, { hours: 24 }, { hours: 24 }, { hours: 3.5 }]))
      expect(almost).toMatchObject({ totalHours: 99.5, starLevel: 0, hoursToNextStar: 0.5 })
      const one = yield* summaryOf(yield* withHours([{ hours: 99.5 }, { hours: 0.5 }]))
      expect(one).toMatchObject({ totalHours: 100, starLevel: 1, hoursToNextStar: 200 })
      const five = yield* summaryOf(yield* withHours([{ hours: 1500 }]))
      expect(five).toMatchObject({ starLevel: 5, hoursToNextStar: null })
      const four = yield* summaryOf(yield* withHours([{ hours: 1499.9 }]))
      expect(four.starLevel).toBe(4)
      const none = yield* summaryOf(yield* withHours([]))
      expect(none).toMatchObject({
        totalHours: 0,
        starLevel: 0,
        hoursToNextStar: 100,
        firstServiceDate: null,
        lastServiceDate: null,
        byCategory: []
      })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("uses the configured thresholds", () =>
    Effect.gen(function* () {
      const nine = yield* summaryOf(yield* withHours([{ hours: 9 }]))
      expect(nine).toMatchObject({ starLevel: 0, hoursToNextStar: 1 })
      const ten = yield* summaryOf(yield* withHours([{ hours: 10 }]))
      expect(ten).toMatchObject({ starLevel: 1, hoursToNextStar: 10 })
      const top = yield* summaryOf(yield* withHours([{ hours: 20 }]))
      expect(top).toMatchObject({ starLevel: 2, hoursToNextStar: null })
    }).pipe(Effect.provide(layer({ starThresholds: [10, 20] })))
  )

  it.effect("sums corrections, check-ins and every region's entries, by category and period", () =>
    Effect.gen(function* () {
      const v = yield* withHours([
        { hours: 3, serviceDate: "2026-03-10" },
        { hours: -0.5, source: "correction", reason: "提前离开", serviceDate: "2026-03-10" },
        { hours: 2, category: "new-generation", source: "check-in", serviceDate: "2026-01-05" },
        { hours: 4, category: "party-story", regionCode: "320903" as ServiceHour["regionCode"], serviceDate: "2026-05-01" }
      ])
      const summary = yield* ServiceRecords.pipe(Effect.flatMap((records) => records.summary(v.id).pipe(as(tinghuAdmin))))
      expect(summary).toMatchObject({
        volunteerId: v.id,
        totalHours: 8.5,
        checkInHours: 2,
        firstServiceDate: "2026-01-05",
        lastServiceDate: "2026-05-01",
        byCategory: [
          { category: "party-story", hours: 4 },
          { category: "rural-revitalization", hours: 2.5 },
          { category: "new-generation", hours: 2 }
        ]
      })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("counts attended activities recorded through the workflow", () =>
    Effect.gen(function* () {
      const store = yield* Store
      const ps = yield* Participations
      const v = yield* addVolunteer()
      const activity = yield* store.insert("activities", activityRow())
      const p = yield* ps.create({ activityId: activity.id, volunteerId: v.id }).pipe(as(tinghuAdmin))
      yield* TestClock.setTime(Date.parse("2026-03-10T12:00:00+08:00"))
      yield* ps.attend(p.id, { hours: 3 }).pipe(as(tinghuAdmin))
      yield* ps.correctHours(p.id, { hours: 2, reason: "核对签到表" }).pipe(as(tinghuAdmin))
      expect(yield* summaryOf(v)).toMatchObject({ totalHours: 2, activitiesAttended: 1, checkInHours: 0 })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a region admin cannot read the record of another region's volunteer", () =>
    Effect.gen(function* () {
      const records = yield* ServiceRecords
      const v = yield* withHours([{ hours: 5 }], { regionCode: "320903" as Volunteer["regionCode"] })
      expect(yield* Effect.flip(records.summary(v.id).pipe(as(tinghuAdmin)))).toMatchObject({ _tag: "NotFound", resource: "volunteers" })
      expect(yield* Effect.flip(records.summary("no-such-volunteer").pipe(as(cityAdmin)))).toMatchObject({ _tag: "NotFound" })
      expect((yield* records.summary(v.id).pipe(as(yanduAdmin))).totalHours).toBe(5)
      expect((yield* records.summary(v.id).pipe(as(viewer))).totalHours).toBe(5)
    }).pipe(Effect.provide(layer()))
  )
})

describe("ServiceHours", () => {
  it.effect("lists the ledger by where the service happened", () =>
    Effect.gen(function* () {
      const ledger = yield* ServiceHours
      yield* withHours([{ hours: 3 }, { hours: 4, regionCode: "320903" as ServiceHour["regionCode"] }])
      expect((yield* ledger.list(Q.all()).pipe(as(cityAdmin))).total).toBe(2)
      const tinghu = yield* ledger.list(Q.all()).pipe(as(tinghuAdmin))
      expect(tinghu.rows.map((r) => r.hours)).toEqual([3])
      const yanduRow = (yield* ledger.list(Q.all([Q.eq("regionCode", "320903")])).pipe(as(cityAdmin))).rows[0]
      expect(yield* Effect.flip(ledger.get(yanduRow.id).pipe(as(tinghuAdmin)))).toMatchObject({ _tag: "NotFound" })
      expect(yield* ledger.getMany([yanduRow.id]).pipe(as(tinghuAdmin))).toEqual([])
      expect(yield* Effect.flip(ledger.list(Q.all([Q.eq("nonsense", 1)])).pipe(as(cityAdmin)))).toMatchObject({ _tag: "ValidationError" })
    }).pipe(Effect.provide(layer()))
  )
})
