import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { en, zhCN } from "../src/i18n/index.js"
import { Store } from "../src/ports/Store.js"
import { type Candidate, Matching } from "../src/services/Matching.js"
import { MATCH_WEIGHTS, MatchingLive } from "../src/services/MatchingLive.js"
import { activityRow, insertAll, pairingRow, participationRow, volunteerRow } from "./reportingBuilders.js"
import { as, cityAdmin, testBase, tinghuAdmin } from "./support.js"

const layer = () => MatchingLive.pipe(Layer.provideMerge(testBase()))

/** A 4-hour, elevated-risk, in-person rural activity in Tinghu that needs two fields of expertise. */
const activity = activityRow({
  category: "rural-revitalization",
  format: "technical-guidance",
  channel: "offline",
  riskLevel: "elevated",
  requiredExpertise: ["agri-tech", "crop-livestock"],
  startsAt: "2024-05-10T09:00",
  endsAt: "2024-05-10T13:00",
  status: "published"
})
const otherMayActivity = activityRow({ startsAt: "2024-05-03T08:00", endsAt: "2024-05-03T14:00", status: "published" })
const yanduActivity = activityRow({ regionCode: "320903", startsAt: "2024-05-20T09:00", endsAt: "2024-05-20T12:00", status: "published" })
const aprilActivity = activityRow({ startsAt: "2024-04-30T09:00", endsAt: "2024-04-30T17:00", status: "completed" })
const overlapping = activityRow({ startsAt: "2024-05-10T12:00", endsAt: "2024-05-10T14:00", status: "published" })

const rural = { interests: ["rural-revitalization"] } as const
const v = {
  // Everything fits: score 100.
  best: volunteerRow({
    name: "最佳",
    expertise: ["agri-tech", "crop-livestock"],
    expertiseYears: { "agri-tech": 20 },
    fitness: "good",
    idNumber: "320902195506011234",
    phone: "13812345678",
    ...rural
  }),
  // Half the expertise with no years, limited fitness for elevated risk, 6 h of May already confirmed.
  busy: volunteerRow({ name: "忙碌", expertise: ["agri-tech"], fitness: "limited" }),
  // Would score 80 but cannot serve in person: ranks after every eligible candidate.
  onlineOnly: volunteerRow({
    name: "线上",
    expertise: ["agri-tech", "crop-livestock"],
    expertiseYears: { "agri-tech": 20 },
    fitness: "online-only",
    channels: ["online"],
    ...rural
  }),
  // Another region, 10 years in one field, 3 h of May already confirmed: 86.
  yandu: volunteerRow({
    name: "盐都",
    regionCode: "320903",
    expertise: ["agri-tech", "crop-livestock"],
    expertiseYears: { "crop-livestock": 10 },
    ...rural
  }),
  // Limited fitness and an elevated-risk, wholly in-person activity: the sign-up would refuse.
  frail: volunteerRow({ name: "体弱", fitness: "limited", ...rural }),
  // Already confirmed for an activity at the same time: the sign-up would refuse outright.
  clashing: volunteerRow({ name: "撞期", ...rural }),
  signedUp: volunteerRow({ name: "已报名", ...rural }),
  withdrew: volunteerRow({ name: "已退出", fitness: "good", ...rural }),
  twin: volunteerRow({ name: "同分", fitness: "good", ...rural }),
  paused: volunteerRow({ name: "暂停", status: "paused", ...rural }),
  archived: volunteerRow({ name: "归档", status: "archived", ...rural })
}

const seed = Effect.gen(function* () {
  yield* insertAll("activities", [activity, otherMayActivity, yanduActivity, aprilActivity, overlapping])
  yield* insertAll("volunteers", Object.values(v))
  yield* insertAll("participations", [
    participationRow({ activityId: otherMayActivity.id, volunteerId: v.busy.id, status: "confirmed" }),
    participationRow({ activityId: yanduActivity.id, volunteerId: v.yandu.id, regionCode: "320903", status: "confirmed" }),
    // Another month: does not reduce May's capacity.
    participationRow({ activityId: aprilActivity.id, volunteerId: v.best.id, status: "confirmed" }),
    participationRow({ activityId: overlapping.id, volunteerId: v.clashing.id, status: "confirmed" }),
    participationRow({ activityId: activity.id, volunteerId: v.signedUp.id, status: "signed-up" }),
    participationRow({ activityId: activity.id, volunteerId: v.withdrew.id, status: "withdrawn" })
  ])
})

const names = (cs: ReadonlyArray<Candidate>) => cs.map((c) => c.volunteer.name)
const factorOf = (c: Candidate, name: string) => c.factors.find((f) => f.factor === name)

describe("Matching.candidatesForActivity", () => {
  it.effect("ranks eligible candidates first, then by score, then by volunteer number", () =>
    Effect.gen(function* () {
      yield* seed
      const matching = yield* Matching
      const all = yield* matching.candidatesForActivity(activity.id).pipe(as(cityAdmin))
      expect(names(all)).toEqual(["最佳", "盐都", "已退出", "同分", "线上", "体弱", "撞期", "忙碌"])
      expect(all.map((c) => c.score)).toEqual([100, 86, 65, 65, 80, 60, 55, 49])
      expect(all.map((c) => c.eligible)).toEqual([true, true, true, true, false, false, false, false])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a region admin sees only candidates of their region, and other regions' activities do not exist", () =>
    Effect.gen(function* () {
      yield* seed
      const matching = yield* Matching
      const tinghu = yield* matching.candidatesForActivity(activity.id).pipe(as(tinghuAdmin))
      expect(names(tinghu)).toEqual(["最佳", "已退出", "同分", "线上", "体弱", "撞期", "忙碌"])
      const outside = yield* matching.candidatesForActivity(yanduActivity.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(outside._tag).toBe("NotFound")
      const missing = yield* matching.candidatesForActivity("no-such-activity").pipe(as(cityAdmin), Effect.flip)
      expect(missing._tag).toBe("NotFound")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("explains every factor with a catalogue key, and computes capacity from the activity's month", () =>
    Effect.gen(function* () {
      yield* seed
      const matching = yield* Matching
      const all = yield* matching.candidatesForActivity(activity.id).pipe(as(cityAdmin))
      for (const c of all) {
        expect(c.factors.map((f) => f.factor)).toEqual(["expertise", "interest", "region", "channel", "fitness", "capacity"])
        for (const f of c.factors) {
          expect(f.key in zhCN && f.key in en).toBe(true)
          expect(f.weight).toBe(MATCH_WEIGHTS[f.factor])
          expect(f.explanation).not.toMatch(/\{\w+\}/)
        }
      }
      const busy = all.find((c) => c.volunteer.name === "忙碌") as Candidate
      expect(busy.remainingHours).toBe(2)
      expect(factorOf(busy, "capacity")).toMatchObject({ key: "matching.capacity.short", score: 0.5, params: { remaining: 2, needed: 4 } })
      expect(factorOf(busy, "fitness")).toMatchObject({ key: "matching.fitness.limitedElevated", score: 0.5 })
      expect(factorOf(busy, "expertise")).toMatchObject({ key: "matching.expertise.partial", score: 0.4 })
      const yandu = all.find((c) => c.volunteer.name === "盐都") as Candidate
      expect(yandu.remainingHours).toBe(5)
      expect(factorOf(yandu, "region")).toMatchObject({ key: "matching.region.other", score: 0.3 })
      expect(factorOf(yandu, "fitness")?.key).toBe("matching.fitness.notRecorded")
      const clashing = all.find((c) => c.volunteer.name === "撞期") as Candidate
      expect(factorOf(clashing, "capacity")).toMatchObject({ key: "matching.capacity.clash", score: 0 })
      const best = all[0]
      // April's activity is April's: May is untouched.
      expect(best.remainingHours).toBe(8)
      expect(factorOf(best, "expertise")).toMatchObject({
        key: "matching.expertise.full",
        score: 1,
        params: { matched: 2, required: 2, years: 20 }
      })
      const online = all.find((c) => c.volunteer.name === "线上") as Candidate
      expect(factorOf(online, "channel")?.key).toBe("matching.channel.notAccepted")
      expect(factorOf(online, "fitness")?.key).toBe("matching.fitness.onlineOnly")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("returns volunteers masked", () =>
    Effect.gen(function* () {
      yield* seed
      const matching = yield* Matching
      const [best] = yield* matching.candidatesForActivity(activity.id, { limit: 1 }).pipe(as(cityAdmin))
      expect(best.volunteer.idNumber).toBe("3209**********1234")
      expect(best.volunteer.phone).toBe("138****5678")
      expect(best.volunteer.birthDate).toBe("1955-**-**")
      expect(best.volunteer.fitness).not.toBe("good")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("with no expertise required, fields related to the category count", () =>
    Effect.gen(function* () {
      const open = activityRow({
        category: "grassroots-governance",
        format: "dispute-mediation",
        startsAt: "2024-05-10T09:00",
        endsAt: "2024-05-10T10:00",
        status: "published"
      })
      const mediator = volunteerRow({
        name: "调解员",
        expertise: ["law-mediation", "arts"],
        expertiseYears: { "law-mediation": 10, arts: 30 }
      })
      const artist = volunteerRow({ name: "文艺", expertise: ["arts"] })
      yield* insertAll("activities", [open])
      yield* insertAll("volunteers", [mediator, artist])
      const matching = yield* Matching
      const result = yield* matching.candidatesForActivity(open.id).pipe(as(cityAdmin))
      expect(names(result)).toEqual(["调解员", "文艺"])
      // Years count only in the related field: 0.8 + 0.2 × 10/20.
      expect(factorOf(result[0], "expertise")).toMatchObject({
        key: "matching.expertise.related",
        score: 0.9,
        params: { matched: 1, years: 10 }
      })
      expect(factorOf(result[1], "expertise")).toMatchObject({ key: "matching.expertise.unrelated", score: 0 })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("pages through the whole jurisdiction: the best candidate is found however far down the list", () =>
    Effect.gen(function* () {
      yield* insertAll("activities", [activity])
      // All in the search's first tier (some expertise, the interest, the region), more than two
      // pages of it; the best one, registered last, is on the last page.
      yield* Effect.flatMap(Store, (store) =>
        store.insertMany(
          "volunteers",
          Array.from({ length: 2_150 }, () => volunteerRow({ name: "一般", expertise: ["agri-tech"], ...rural }))
        )
      )
      yield* insertAll("volunteers", [volunteerRow({ name: "最后登记", expertise: ["agri-tech", "crop-livestock"], ...rural })])
      const matching = yield* Matching
      const result = yield* matching.candidatesForActivity(activity.id, { limit: 500 }).pipe(as(cityAdmin))
      expect(result).toHaveLength(100)
      expect(result[0].volunteer.name).toBe("最后登记")
      // Pages neither overlap nor skip: every candidate once.
      expect(new Set(result.map((c) => c.volunteer.id)).size).toBe(100)
      const numbers = result.slice(1).map((c) => c.volunteer.volunteerNumber)
      expect(numbers).toEqual([...numbers].sort())
      const defaulted = yield* matching.candidatesForActivity(activity.id).pipe(as(cityAdmin))
      expect(defaulted).toHaveLength(20)
    }).pipe(Effect.provide(layer()))
  )
})

describe("Matching.candidatesForPairing", () => {
  it.effect("scores a need without an activity, and a mentor at the pairing limit is not eligible", () =>
    Effect.gen(function* () {
      const teacher = volunteerRow({ name: "教师", expertise: ["education"], interests: ["new-generation"] })
      const fullMentor = volunteerRow({ name: "满额", expertise: ["education"], interests: ["new-generation"] })
      const homebound = volunteerRow({ name: "居家", fitness: "online-only", channels: ["online"], interests: ["new-generation"] })
      yield* insertAll("volunteers", [teacher, fullMentor, homebound])
      yield* insertAll(
        "pairings",
        [1, 2, 3].map(() => pairingRow({ mentorId: fullMentor.id }))
      )
      const matching = yield* Matching
      const need = {
        category: "new-generation",
        regionCode: "320902",
        menteeType: "pupil",
        expertise: ["education"],
        channel: "offline",
        month: "2024-05"
      }
      const result = yield* matching.candidatesForPairing(need).pipe(as(tinghuAdmin))
      expect(names(result)).toEqual(["教师", "满额", "居家"])
      expect(result.map((c) => c.eligible)).toEqual([true, false, false])
      expect(factorOf(result[1], "capacity")).toMatchObject({ key: "matching.capacity.mentorFull", score: 0, params: { count: 3, max: 3 } })
      expect(factorOf(result[0], "capacity")).toMatchObject({ key: "matching.capacity.enough", params: { needed: 4 } })

      const anyChannel = yield* matching.candidatesForPairing({ category: "new-generation", regionCode: "320903" }).pipe(as(cityAdmin))
      const home = anyChannel.find((c) => c.volunteer.name === "居家") as Candidate
      expect(home.eligible).toBe(true)
      expect(factorOf(home, "channel")?.key).toBe("matching.channel.any")
      expect(factorOf(home, "region")?.key).toBe("matching.region.other")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses a malformed need with field errors", () =>
    Effect.gen(function* () {
      const matching = yield* Matching
      const bad = yield* matching
        .candidatesForPairing({ category: "sports", regionCode: "320902", month: "2024-13" })
        .pipe(as(cityAdmin), Effect.flip)
      expect(bad.issues.map((i) => i.path)).toEqual(["category", "month"])
      expect(bad.issues[1].key).toBe("validation.month")
      const unknown = yield* matching
        .candidatesForPairing({ category: "party-story", regionCode: "999999" })
        .pipe(as(cityAdmin), Effect.flip)
      expect(unknown.issues[0]).toMatchObject({ path: "regionCode", key: "validation.unknownRegion" })
    }).pipe(Effect.provide(layer()))
  )
})
