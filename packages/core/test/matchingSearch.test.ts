import { describe, expect, it } from "@effect/vitest"
import { makeMemoryStore } from "@yinfa/adapters/memory"
import { Effect, Layer } from "effect"
import { type Actor, scopeFilters } from "../src/actor.js"
import { YinfaConfig } from "../src/config.js"
import type { Activity } from "../src/domain/activity.js"
import type { Volunteer } from "../src/domain/volunteer.js"
import { Store, type StoreService } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { activityNeed, loadsOf, type Need, rank, scoreCandidate } from "../src/services/internal/matchingScore.js"
import { type Candidate, Matching } from "../src/services/Matching.js"
import { MatchingLive, PAIRING_HOURS_PER_MONTH } from "../src/services/MatchingLive.js"
import { activityRow, pairingRow, participationRow, volunteerRow } from "./reportingBuilders.js"
import { as, cityAdmin, seedRegions, tinghuAdmin } from "./support.js"

/**
 * The matching search reads the volunteers tier by tier and stops early; these tests hold it to
 * the exhaustive ranking — every active volunteer in scope scored and sorted — on generated
 * populations, and check that it does stop early when it can.
 */

/** The memory store, counting the volunteer rows that lists return. */
const countingLayer = () => {
  const inner = makeMemoryStore()
  const counter = { volunteerRows: 0 }
  const store: StoreService = {
    ...inner,
    list: (resource, query) =>
      Effect.tap(inner.list(resource, query), (result) =>
        Effect.sync(() => {
          if (resource === "volunteers") counter.volunteerRows += result.rows.length
        })
      )
  }
  const base = Layer.effectDiscard(seedRegions).pipe(Layer.provideMerge(Layer.merge(Layer.succeed(Store, store), YinfaConfig.layer({}))))
  return { layer: MatchingLive.pipe(Layer.provideMerge(base)), counter }
}

/** mulberry32: the same population on every run. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** Every active volunteer in the actor's scope not excluded, scored and sorted: what the search must equal. */
const exhaustive = (need: Need, actor: Actor, excluded: ReadonlySet<string>, limit: number) =>
  Effect.gen(function* () {
    const store = yield* Store
    const all = yield* store.list("volunteers", Q.all([...scopeFilters(actor, "volunteers"), Q.eq("status", "active")]))
    const pool = all.rows.filter((v) => !excluded.has(v.id))
    const loads = yield* loadsOf(
      need,
      pool.map((v) => v.id)
    )
    const scored: Array<Candidate> = pool.map((v) => scoreCandidate(v, need, loads.get(v.id)!))
    return scored.sort(rank).slice(0, limit)
  })

const MAY_ACTIVITY = {
  category: "rural-revitalization",
  channel: "offline",
  riskLevel: "elevated",
  requiredExpertise: ["agri-tech", "crop-livestock"],
  startsAt: "2024-05-10T09:00",
  endsAt: "2024-05-10T13:00",
  status: "published"
} as const

describe("Matching search: branch and bound equals the exhaustive ranking", () => {
  it.effect(
    "on a generated population of 3 000 with many ties, for activities and pairings, city and region admins, several limits",
    () => {
      const { layer } = countingLayer()
      return Effect.gen(function* () {
        const store = yield* Store
        const r = rng(7)
        const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(r() * xs.length)]
        const FIELDS = ["agri-tech", "crop-livestock", "education", "law-mediation"]
        // Few distinct values per attribute, so that scores tie often and the volunteer number decides.
        const volunteers: Array<Volunteer> = Array.from({ length: 3_000 }, () => {
          const expertise = FIELDS.filter(() => r() < 0.3)
          return volunteerRow({
            regionCode: pick(["320902", "320902", "320903"]),
            expertise,
            expertiseYears: Object.fromEntries(expertise.map((f) => [f, pick([0, 10, 20])])),
            interests: (["rural-revitalization", "new-generation"] as const).filter(() => r() < 0.4),
            fitness: pick([null, "good", "limited", "online-only"] as const),
            channels: pick([["online", "offline"], ["online"], ["offline"]] as const),
            monthlyHours: pick([4, 8, 12]),
            status: r() < 0.9 ? "active" : "paused"
          })
        })
        yield* store.insertMany("volunteers", volunteers)
        const target = activityRow(MAY_ACTIVITY)
        const open = activityRow({
          category: "new-generation",
          channel: "hybrid",
          requiredExpertise: [],
          startsAt: "2024-05-12T09:00",
          endsAt: "2024-05-12T11:00"
        })
        const yandu = activityRow({ ...MAY_ACTIVITY, regionCode: "320903", channel: "online", riskLevel: "low" })
        // Three asked-for fields: the search splits by how many are held ("exactly m of k" groups).
        const three = activityRow({ ...MAY_ACTIVITY, channel: "hybrid", requiredExpertise: ["agri-tech", "crop-livestock", "education"] })
        // More than it splits exactly: any-or-none.
        const five = activityRow({ ...MAY_ACTIVITY, requiredExpertise: [...FIELDS, "arts"] })
        const others: Array<Activity> = [
          activityRow({ startsAt: "2024-05-03T08:00", endsAt: "2024-05-03T14:00", status: "published" }),
          activityRow({ startsAt: "2024-05-10T12:00", endsAt: "2024-05-10T14:00", status: "published" })
        ]
        yield* store.insertMany("activities", [target, open, yandu, three, five, ...others])
        // Some load (hours in May, clashes), some sign-ups to exclude, some mentors at the limit.
        const participations = volunteers
          .filter(() => r() < 0.15)
          .map((v) =>
            participationRow({
              activityId: pick(others).id,
              volunteerId: v.id,
              status: pick(["confirmed", "confirmed", "signed-up"] as const)
            })
          )
        const signedUp = volunteers.filter(() => r() < 0.03)
        yield* store.insertMany("participations", [
          ...participations,
          ...signedUp.map((v) => participationRow({ activityId: target.id, volunteerId: v.id, status: "signed-up" }))
        ])
        yield* store.insertMany(
          "pairings",
          volunteers.filter(() => r() < 0.05).flatMap((v) => [1, 2, 3].map(() => pairingRow({ mentorId: v.id })))
        )
        const excluded = new Set(signedUp.map((v) => v.id))
        const matching = yield* Matching
        const config = yield* YinfaConfig
        let tiesSeen = 0
        for (const actor of [cityAdmin, tinghuAdmin]) {
          for (const limit of [1, 7, 20, 100]) {
            for (const activity of [target, open, yandu, three, five]) {
              if (actor === tinghuAdmin && activity === yandu) continue
              const found = yield* matching.candidatesForActivity(activity.id, { limit }).pipe(as(actor))
              const expected = yield* exhaustive(activityNeed(activity), actor, activity === target ? excluded : new Set(), limit)
              expect(found, `${actor.username} ${activity.category} ${limit}`).toEqual(expected)
              tiesSeen += found.filter((c, i) => i > 0 && c.score === found[i - 1].score).length
            }
            const pairingNeed: Need = {
              category: "new-generation",
              regionCode: "320903",
              channel: "offline",
              riskLevel: "low",
              requiredExpertise: ["education"],
              month: "2024-05",
              hoursNeeded: PAIRING_HOURS_PER_MONTH,
              slot: null,
              mentorLimit: config.maxActivePairingsPerMentor
            }
            const pairing = yield* matching
              .candidatesForPairing(
                { category: "new-generation", regionCode: "320903", expertise: ["education"], channel: "offline", month: "2024-05" },
                { limit }
              )
              .pipe(as(actor))
            expect(pairing, `${actor.username} pairing ${limit}`).toEqual(yield* exhaustive(pairingNeed, actor, new Set(), limit))
          }
        }
        // The data does exercise the tie-break, not only distinct scores.
        expect(tiesSeen).toBeGreaterThan(50)
      }).pipe(Effect.provide(layer))
    },
    120_000
  )

  it.effect("reads far fewer volunteers than the population when the top tier is rich, and still equals the exhaustive ranking", () => {
    const { layer, counter } = countingLayer()
    return Effect.gen(function* () {
      const store = yield* Store
      const strong = Array.from({ length: 300 }, () =>
        volunteerRow({ expertise: ["agri-tech", "crop-livestock"], interests: ["rural-revitalization"], fitness: "good", monthlyHours: 12 })
      )
      const rest = Array.from({ length: 2_700 }, (_, i) => volunteerRow({ interests: i % 2 === 0 ? ["rural-revitalization"] : [] }))
      yield* store.insertMany("volunteers", [...rest, ...strong])
      const activity = activityRow(MAY_ACTIVITY)
      yield* store.insertMany("activities", [activity])
      const matching = yield* Matching
      counter.volunteerRows = 0
      const found = yield* matching.candidatesForActivity(activity.id, { limit: 20 }).pipe(as(tinghuAdmin))
      const read = counter.volunteerRows
      // Only the top tier (full expertise, interest, same region): 300 rows of 3 000.
      expect(read).toBe(300)
      expect(found).toEqual(yield* exhaustive(activityNeed(activity), tinghuAdmin, new Set(), 20))
      expect(found.every((c) => c.eligible && strong.some((v) => v.id === c.volunteer.id))).toBe(true)
    }).pipe(Effect.provide(layer))
  })
})
