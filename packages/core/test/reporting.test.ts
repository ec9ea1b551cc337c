import { describe, expect, it } from "@effect/vitest"
import { makeMemoryStore } from "@yinfa/adapters/memory"
import { Effect, Layer } from "effect"
import { YinfaConfig } from "../src/config.js"
import { Store, type StoreService } from "../src/ports/Store.js"
import { Reporting } from "../src/services/Reporting.js"
import { ReportingLive } from "../src/services/ReportingLive.js"
import { activityRow, hourRow, insertAll, pairingRow, reportRow, volunteerRow } from "./reportingBuilders.js"
import { as, cityAdmin, seedRegions, testBase, tinghuAdmin, yanduAdmin } from "./support.js"

const layer = () => ReportingLive.pipe(Layer.provideMerge(testBase()))

const TINGHU = "320902"
const YANDU = "320903"
const Q1 = { from: "2024-01-01", to: "2024-03-31" }

/*
 * A small hand-built city. Comments say where each row falls for the first quarter of 2024
 * (ages on 2024-03-31); the expected figures in the tests are counted from them by hand.
 */
const v1 = volunteerRow({
  regionCode: TINGHU,
  birthDate: "1964-03-31",
  joinedAt: "2024-02-10",
  talentPool: true,
  interests: ["party-story"]
}) // 60 today: 60-64
const v2 = volunteerRow({ regionCode: TINGHU, birthDate: "1964-04-01", joinedAt: "2020-01-01", interests: ["new-generation"] }) // 59: 55-59
const v3 = volunteerRow({
  regionCode: TINGHU,
  birthDate: "1940-01-01",
  joinedAt: "2024-01-05",
  talentPool: true,
  interests: ["party-story", "new-generation"]
}) // 80+
const v4 = volunteerRow({
  regionCode: TINGHU,
  status: "archived",
  archiveReason: "moved",
  joinedAt: "2024-01-20",
  interests: ["party-story"]
}) // never counted
const v5 = volunteerRow({ regionCode: TINGHU, birthDate: "1950-01-01", joinedAt: "2024-05-01", talentPool: true }) // joined after Q1
const v6 = volunteerRow({
  regionCode: YANDU,
  birthDate: "1958-01-01",
  joinedAt: "2024-03-01",
  talentPool: true,
  interests: ["party-story"]
}) // 66: 65-69
const v7 = volunteerRow({ regionCode: TINGHU, birthDate: "1972-01-01", joinedAt: "2019-06-01" }) // 52: <55

const activities = [
  activityRow({
    regionCode: TINGHU,
    category: "party-story",
    startsAt: "2024-01-10T09:00",
    endsAt: "2024-01-10T11:00",
    beneficiaryCount: 30
  }),
  activityRow({
    regionCode: TINGHU,
    category: "new-generation",
    format: "mentoring",
    startsAt: "2024-03-31T19:00",
    endsAt: "2024-03-31T21:00",
    beneficiaryCount: 20
  }),
  activityRow({
    regionCode: TINGHU,
    category: "party-story",
    startsAt: "2024-04-01T00:00",
    endsAt: "2024-04-01T02:00",
    beneficiaryCount: 10
  }), // April
  activityRow({
    regionCode: TINGHU,
    category: "party-story",
    status: "published",
    startsAt: "2024-02-01T09:00",
    endsAt: "2024-02-01T10:00",
    beneficiaryCount: 99
  }), // not held
  activityRow({
    regionCode: YANDU,
    category: "party-story",
    startsAt: "2024-02-15T09:00",
    endsAt: "2024-02-15T12:00",
    beneficiaryCount: 50
  }),
  activityRow({
    regionCode: TINGHU,
    category: "party-story",
    startsAt: "2023-12-31T23:59",
    endsAt: "2024-01-01T01:00",
    beneficiaryCount: 7
  }) // 2023
]

const ledger = [
  hourRow({ volunteerId: v1.id, category: "party-story", serviceDate: "2024-01-10", hours: 2 }),
  hourRow({ volunteerId: v3.id, category: "party-story", serviceDate: "2024-01-10", hours: 2 }),
  hourRow({ volunteerId: v3.id, category: "party-story", source: "correction", serviceDate: "2024-01-10", hours: -0.5 }),
  hourRow({ volunteerId: v2.id, category: "new-generation", source: "check-in", serviceDate: "2024-02-20", hours: 1.5 }),
  hourRow({ volunteerId: v6.id, regionCode: YANDU, category: "party-story", serviceDate: "2024-02-15", hours: 3 }),
  hourRow({ volunteerId: v1.id, category: "new-generation", serviceDate: "2024-03-31", hours: 2 }),
  hourRow({ volunteerId: v1.id, category: "party-story", serviceDate: "2024-04-01", hours: 5 }), // April
  hourRow({ volunteerId: v7.id, category: "party-story", serviceDate: "2023-12-31", hours: 4 }) // 2023
]

const pairings = [
  pairingRow({ mentorId: v3.id, category: "new-generation", status: "active", startedOn: "2024-01-15" }),
  pairingRow({ mentorId: v3.id, category: "new-generation", status: "active", startedOn: "2024-05-01" }), // starts after Q1
  pairingRow({ mentorId: v1.id, category: "party-story", status: "concluded", startedOn: "2023-06-01", endedOn: "2024-02-28" }),
  pairingRow({
    mentorId: v6.id,
    regionCode: YANDU,
    category: "new-generation",
    status: "concluded",
    startedOn: "2024-01-02",
    endedOn: "2024-03-31"
  }),
  pairingRow({ mentorId: v2.id, status: "proposed", startedOn: null })
]

/* Instants are UTC; the city is UTC+8, so a local day starts at 16:00 UTC the day before. */
const reports = [
  reportRow({ regionCode: TINGHU, status: "submitted", submittedAt: "2023-12-31T16:30:00Z" }), // local 2024-01-01 00:30
  reportRow({ regionCode: TINGHU, status: "accepted", submittedAt: "2024-02-01T02:00:00.000Z", reviewedAt: "2024-02-05T02:00:00Z" }),
  reportRow({
    regionCode: TINGHU,
    status: "published",
    submittedAt: "2024-01-10T02:00:00Z",
    reviewedAt: "2024-01-11T02:00:00Z",
    publishedAt: "2024-03-31T17:00:00Z"
  }), // published local 04-01
  reportRow({
    regionCode: YANDU,
    category: "new-generation",
    status: "published",
    submittedAt: "2024-02-01T00:00:00Z",
    reviewedAt: "2024-02-02T00:00:00Z",
    publishedAt: "2024-03-01T00:00:00Z"
  }),
  reportRow({ regionCode: TINGHU, status: "draft" }),
  reportRow({ regionCode: TINGHU, status: "returned", submittedAt: "2024-03-31T15:59:59Z" }), // local 03-31 23:59:59
  reportRow({ regionCode: TINGHU, status: "submitted", submittedAt: "2024-03-31T16:00:00Z" }) // local 04-01 00:00
]

const seed = Effect.gen(function* () {
  yield* insertAll("volunteers", [v1, v2, v3, v4, v5, v6, v7])
  yield* insertAll("activities", activities)
  yield* insertAll("service-hours", ledger)
  yield* insertAll("pairings", pairings)
  yield* insertAll("experience-reports", reports)
})

const bands = (counts: ReadonlyArray<number>) =>
  ["<55", "55-59", "60-64", "65-69", "70-74", "75-79", "80+"].map((band, i) => ({ band, count: counts[i] }))

describe("Reporting.overview", () => {
  it.effect("gives the city's figures for a period", () =>
    Effect.gen(function* () {
      yield* seed
      const reporting = yield* Reporting
      const o = yield* reporting.overview(Q1).pipe(as(cityAdmin))
      expect(o.filter).toEqual({ ...Q1, regionCode: null, category: null })
      expect(o.volunteers).toEqual({ active: 5, inTalentPool: 3, joined: 3, byAgeBand: bands([1, 1, 1, 1, 0, 0, 1]) })
      expect(o.activitiesHeld).toBe(3)
      expect(o.beneficiariesReached).toBe(100)
      expect(o.participations).toBe(4)
      expect(o.serviceHours).toBe(10)
      expect(o.volunteersServing).toBe(4)
      expect(o.pairings).toEqual({ active: 1, concluded: 2, started: 2 })
      expect(o.reports).toEqual({ submitted: 5, accepted: 3, published: 1 })
      expect(o.hoursByCategory).toEqual([
        { category: "party-story", hours: 6.5 },
        { category: "rural-revitalization", hours: 0 },
        { category: "grassroots-governance", hours: 0 },
        { category: "tech-innovation", hours: 0 },
        { category: "new-generation", hours: 3.5 }
      ])
      expect(o.hoursByRegion).toEqual([
        { regionCode: TINGHU, hours: 7 },
        { regionCode: YANDU, hours: 3 }
      ])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a region admin's figures are their own region's, even when they ask for another", () =>
    Effect.gen(function* () {
      yield* seed
      const reporting = yield* Reporting
      const own = yield* reporting.overview(Q1).pipe(as(tinghuAdmin))
      const asked = yield* reporting.overview({ ...Q1, regionCode: YANDU }).pipe(as(tinghuAdmin))
      expect(asked).toEqual(own)
      expect(own.filter.regionCode).toBe(TINGHU)
      expect(own.volunteers).toEqual({ active: 4, inTalentPool: 2, joined: 2, byAgeBand: bands([1, 1, 1, 0, 0, 0, 1]) })
      expect(own.activitiesHeld).toBe(2)
      expect(own.beneficiariesReached).toBe(50)
      expect(own.participations).toBe(3)
      expect(own.serviceHours).toBe(7)
      expect(own.volunteersServing).toBe(3)
      expect(own.hoursByRegion).toEqual([{ regionCode: TINGHU, hours: 7 }])
      expect(own.pairings).toEqual({ active: 1, concluded: 1, started: 1 })
      expect(own.reports).toEqual({ submitted: 4, accepted: 2, published: 0 })

      const yandu = yield* reporting.overview(Q1).pipe(as(yanduAdmin))
      expect(yandu.serviceHours).toBe(3)
      expect(yandu.hoursByRegion).toEqual([{ regionCode: YANDU, hours: 3 }])
      // A city admin may narrow to one region.
      const cityOnYandu = yield* reporting.overview({ ...Q1, regionCode: YANDU }).pipe(as(cityAdmin))
      expect(cityOnYandu).toEqual(yandu)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a category narrows records by their category and volunteers by their interests", () =>
    Effect.gen(function* () {
      yield* seed
      const reporting = yield* Reporting
      const o = yield* reporting.overview({ ...Q1, category: "party-story" }).pipe(as(cityAdmin))
      expect(o.volunteers).toEqual({ active: 3, inTalentPool: 3, joined: 3, byAgeBand: bands([0, 0, 1, 1, 0, 0, 1]) })
      expect(o.activitiesHeld).toBe(2)
      expect(o.beneficiariesReached).toBe(80)
      expect(o.participations).toBe(3)
      expect(o.serviceHours).toBe(6.5)
      expect(o.volunteersServing).toBe(3)
      expect(o.hoursByCategory).toEqual([{ category: "party-story", hours: 6.5 }])
      expect(o.pairings).toEqual({ active: 0, concluded: 1, started: 0 })
      expect(o.reports).toEqual({ submitted: 4, accepted: 2, published: 0 })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses a period that ends before it starts, malformed dates and unknown categories", () =>
    Effect.gen(function* () {
      const reporting = yield* Reporting
      const reversed = yield* reporting.overview({ from: "2024-03-01", to: "2024-02-29" }).pipe(as(cityAdmin), Effect.flip)
      expect(reversed.issues).toMatchObject([{ path: "to", key: "validation.periodOrder" }])
      const malformed = yield* reporting.series({ from: "2024-13-01", to: "2024/12/31" }).pipe(as(cityAdmin), Effect.flip)
      expect(malformed.issues.map((i) => [i.path, i.key])).toEqual([
        ["from", "validation.date"],
        ["to", "validation.date"]
      ])
      const missing = yield* reporting.coverage({ from: "2024-01-01" }).pipe(as(cityAdmin), Effect.flip)
      expect(missing.issues.map((i) => i.path)).toEqual(["to"])
      const category = yield* reporting.overview({ ...Q1, category: "sports" }).pipe(as(cityAdmin), Effect.flip)
      expect(category.issues.map((i) => i.path)).toEqual(["category"])
      const tooLong = yield* reporting.series({ from: "2000-01-01", to: "2024-12-31" }).pipe(as(cityAdmin), Effect.flip)
      expect(tooLong.issues).toMatchObject([{ path: "to", key: "validation.periodTooLong", params: { max: 240 } }])
    }).pipe(Effect.provide(layer()))
  )
})

describe("Reporting.series", () => {
  it.effect("has one point per month, empty months included, and counts instants in local months", () =>
    Effect.gen(function* () {
      yield* seed
      const reporting = yield* Reporting
      const points = yield* reporting.series({ from: "2024-01-01", to: "2024-06-30" }).pipe(as(cityAdmin))
      const zero = {
        activitiesHeld: 0,
        participations: 0,
        serviceHours: 0,
        beneficiariesReached: 0,
        volunteersJoined: 0,
        pairingsStarted: 0,
        reportsSubmitted: 0
      }
      expect(points).toEqual([
        // The first report was sent at 00:30 on 1 January, local time (still 31 December in UTC).
        {
          month: "2024-01",
          activitiesHeld: 1,
          participations: 2,
          serviceHours: 3.5,
          beneficiariesReached: 30,
          volunteersJoined: 1,
          pairingsStarted: 2,
          reportsSubmitted: 2
        },
        {
          month: "2024-02",
          activitiesHeld: 1,
          participations: 1,
          serviceHours: 4.5,
          beneficiariesReached: 50,
          volunteersJoined: 1,
          pairingsStarted: 0,
          reportsSubmitted: 2
        },
        {
          month: "2024-03",
          activitiesHeld: 1,
          participations: 1,
          serviceHours: 2,
          beneficiariesReached: 20,
          volunteersJoined: 1,
          pairingsStarted: 0,
          reportsSubmitted: 1
        },
        {
          month: "2024-04",
          activitiesHeld: 1,
          participations: 1,
          serviceHours: 5,
          beneficiariesReached: 10,
          volunteersJoined: 0,
          pairingsStarted: 0,
          reportsSubmitted: 1
        },
        { ...zero, month: "2024-05", volunteersJoined: 1, pairingsStarted: 1 },
        { ...zero, month: "2024-06" }
      ])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a period starting and ending mid-month counts only its own days", () =>
    Effect.gen(function* () {
      yield* seed
      const reporting = yield* Reporting
      const points = yield* reporting.series({ from: "2024-01-11", to: "2024-02-15" }).pipe(as(tinghuAdmin))
      expect(points.map((p) => [p.month, p.activitiesHeld, p.serviceHours, p.reportsSubmitted, p.pairingsStarted])).toEqual([
        ["2024-01", 0, 0, 0, 1],
        ["2024-02", 0, 0, 1, 0]
      ])
    }).pipe(Effect.provide(layer()))
  )
})

describe("Reporting.coverage", () => {
  it.effect("shows every region in scope against every category, gaps included", () =>
    Effect.gen(function* () {
      yield* seed
      const reporting = yield* Reporting
      const rows = yield* reporting.coverage(Q1).pipe(as(cityAdmin))
      const cell = (regionCode: string, category: string) => rows.find((r) => r.regionCode === regionCode && r.category === category)
      expect(cell(TINGHU, "party-story")).toEqual({ regionCode: TINGHU, category: "party-story", activitiesHeld: 1, serviceHours: 3.5 })
      expect(cell(TINGHU, "new-generation")).toEqual({
        regionCode: TINGHU,
        category: "new-generation",
        activitiesHeld: 1,
        serviceHours: 3.5
      })
      expect(cell(YANDU, "party-story")).toEqual({ regionCode: YANDU, category: "party-story", activitiesHeld: 1, serviceHours: 3 })
      expect(cell("320904", "tech-innovation")).toEqual({
        regionCode: "320904",
        category: "tech-innovation",
        activitiesHeld: 0,
        serviceHours: 0
      })
      expect(new Set(rows.map((r) => r.category)).size).toBe(5)
      expect(rows.length % 5).toBe(0)

      const own = yield* reporting.coverage({ ...Q1, regionCode: YANDU, category: "party-story" }).pipe(as(tinghuAdmin))
      expect(own).toEqual([{ regionCode: TINGHU, category: "party-story", activitiesHeld: 1, serviceHours: 3.5 }])
    }).pipe(Effect.provide(layer()))
  )
})

/** The memory store, counting the reads that would load whole tables in a real database. */
const countingStore = () => {
  const inner = makeMemoryStore()
  const calls = { unpagedLists: [] as Array<string>, aggregates: 0 }
  const store: StoreService = {
    ...inner,
    list: (resource, query) => {
      // Regions are the handful of reference rows that label coverage; anything else is data.
      if (resource !== "regions" && (!query.page || query.page.limit > 1)) calls.unpagedLists.push(resource)
      return inner.list(resource, query)
    },
    aggregate: (resource, query) => {
      calls.aggregates++
      return inner.aggregate(resource, query)
    }
  }
  return { store, calls }
}

describe("Reporting reads", () => {
  it.effect("computes every figure with aggregates, never by loading rows", () => {
    const { store, calls } = countingStore()
    const base = Layer.effectDiscard(seedRegions).pipe(Layer.provideMerge(Layer.merge(Layer.succeed(Store, store), YinfaConfig.Default)))
    return Effect.gen(function* () {
      yield* seed
      const reporting = yield* Reporting
      const overview = yield* reporting.overview(Q1).pipe(as(cityAdmin))
      yield* reporting.series(Q1).pipe(as(cityAdmin))
      yield* reporting.coverage(Q1).pipe(as(cityAdmin))
      expect(overview.serviceHours).toBe(10)
      expect(calls.unpagedLists).toEqual([])
      expect(calls.aggregates).toBeGreaterThan(20)
    }).pipe(Effect.provide(ReportingLive.pipe(Layer.provideMerge(base))))
  })
})
