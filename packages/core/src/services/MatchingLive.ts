import { Effect, Layer, Schema } from "effect"
import { CurrentActor, scopeFilters } from "../actor.js"
import { YinfaConfig } from "../config.js"
import { Category, EXPERTISE_FIELDS, ExpertiseField } from "../domain/categories.js"
import { RegionCode } from "../domain/ids.js"
import { MenteeType } from "../domain/pairing.js"
import { Channel } from "../domain/primitives.js"
import type { Volunteer } from "../domain/volunteer.js"
import { Store } from "../ports/Store.js"
import { type Filter, Q } from "../query.js"
import { todayLocal } from "../time.js"
import { decodeInput, getScoped, requireRegion } from "./internal/crud.js"
import {
  activityNeed,
  explain,
  type Load,
  loadActivities,
  loadsAmong,
  MATCH_WEIGHTS,
  type Need,
  OTHER_REGION_SCORE,
  PAIRING_HOURS_PER_MONTH,
  rank,
  scoreUnexplained
} from "./internal/matchingScore.js"
import { type Candidate, Matching } from "./Matching.js"
import { captureDeps } from "./ResourceService.js"

export { MATCH_WEIGHTS, PAIRING_HOURS_PER_MONTH }

/** Volunteers are scored a page at a time so that a whole city never has to fit in memory. */
const PAGE_SIZE = 1_000
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 100

const Month = Schema.String.pipe(Schema.pattern(/^\d{4}-(0[1-9]|1[0-2])$/, { message: () => "validation.month" }))

/** A mentee or an organisation looking for a mentor (see `PairingNeed`). */
export const PairingNeedInput = Schema.Struct({
  category: Category,
  regionCode: RegionCode,
  /** Accepted for the record; the factors do not depend on it. */
  menteeType: Schema.optional(Schema.NullOr(MenteeType)),
  expertise: Schema.optional(Schema.Array(ExpertiseField)),
  channel: Schema.optional(Channel),
  month: Schema.optional(Month)
})

const clampLimit = (limit: number | undefined) =>
  Math.min(MAX_LIMIT, Math.max(1, Math.floor(Number.isFinite(limit) ? (limit as number) : DEFAULT_LIMIT)))

/** Expertise fields that earn the expertise factor: those asked for, or else those the taxonomy relates to the category. */
const relevantExpertise = (need: Need): ReadonlyArray<string> =>
  need.requiredExpertise.length > 0
    ? need.requiredExpertise
    : EXPERTISE_FIELDS.filter((e) => e.categories.includes(need.category)).map((e) => e.code)

/** Subsets of `xs` of size `m`. */
const subsets = <A>(xs: ReadonlyArray<A>, m: number): Array<Array<A>> =>
  m === 0 ? [[]] : xs.flatMap((x, i) => subsets(xs.slice(i + 1), m - 1).map((rest) => [x, ...rest]))

/** Up to this many required fields, the expertise levels are "exactly m of them" (at most 6 OR groups). */
const MAX_EXACT_FIELDS = 4

/**
 * A partition of the volunteers by how much expertise they can score, each part with its best
 * expertise score (0..1). Asked-for fields score at most matched/required, so splitting by the
 * number matched bounds each part tightly; the taxonomy's related fields score all or nothing.
 */
const expertiseLevels = (need: Need): ReadonlyArray<{ readonly filters: ReadonlyArray<Filter>; readonly best: number }> => {
  const relevant = relevantExpertise(need)
  // With no relevant field at all, nobody earns expertise: one level, scoring 0.
  if (relevant.length === 0) return [{ filters: [], best: 0 }]
  const none = { filters: [Q.includesNone("expertise", relevant)], best: 0 }
  const k = relevant.length
  const exact = need.requiredExpertise.length > 0 && k <= MAX_EXACT_FIELDS && new Set(relevant).size === k
  if (!exact) return [{ filters: [Q.includesAny("expertise", relevant)], best: 1 }, none]
  const levels = []
  for (let m = k; m >= 1; m--) {
    const groups = subsets(relevant, m).map((held) => [
      ...held.map((f) => Q.includes("expertise", f)),
      ...(m < k
        ? [
            Q.includesNone(
              "expertise",
              relevant.filter((f) => !held.includes(f))
            )
          ]
        : [])
    ])
    levels.push({ filters: groups.length === 1 ? groups[0] : [Q.or(...groups)], best: m / k })
  }
  return [...levels, none]
}

/**
 * A slice of the volunteers that the store can select and whose best possible score is known:
 * expertise scores only with an overlap with the relevant fields (and at most in proportion to
 * it), interest only with the category, region fully only in the need's region; channel,
 * fitness and capacity may always score in full.
 */
interface Tier {
  readonly filters: ReadonlyArray<Filter>
  /** No score of the tier exceeds it (after the score's rounding). */
  readonly bound: number
}

const tiersFor = (need: Need, scope: ReadonlyArray<Filter>): ReadonlyArray<Tier> => {
  // The actor's jurisdiction is one region (or none): a tier of the other side of the region
  // split would select nothing, so it is not queried at all.
  const scopeRegion = scope.find((f) => f.op === "eq" && f.field === "regionCode")
  const tiers: Array<Tier> = []
  for (const expertise of expertiseLevels(need)) {
    for (const interest of [true, false]) {
      for (const sameRegion of [true, false]) {
        if (scopeRegion?.op === "eq" && (scopeRegion.value === need.regionCode) !== sameRegion) continue
        const best =
          MATCH_WEIGHTS.expertise * expertise.best +
          (interest ? MATCH_WEIGHTS.interest : 0) +
          MATCH_WEIGHTS.region * (sameRegion ? 1 : OTHER_REGION_SCORE) +
          MATCH_WEIGHTS.channel +
          MATCH_WEIGHTS.fitness +
          MATCH_WEIGHTS.capacity
        tiers.push({
          // The cheap, selective tests first: SQLite evaluates a row's terms in this order.
          filters: [
            sameRegion ? Q.eq("regionCode", need.regionCode) : Q.neq("regionCode", need.regionCode),
            interest ? Q.includes("interests", need.category) : Q.includesNone("interests", [need.category]),
            ...expertise.filters
          ],
          // Each factor is rounded to 3 decimals (up to 0.0005 over its bound, 0.05 points
          // over all the weights) and the sum to 0.1 (0.05 more); a hair more covers floating
          // point. Slack only makes the search read a tier more, never miss a candidate.
          bound: 100 * best + 0.1 + 1e-9
        })
      }
    }
  }
  // Sorted, so that every tier after the current one is bounded by the next one's bound.
  return tiers.sort((a, b) => b.bound - a.bound)
}

/**
 * Active volunteers in the actor's jurisdiction, best `limit` first: eligible before ineligible,
 * then score, then volunteer number. Exact, without scoring everyone: tiers are visited in
 * descending order of their best possible score, each read page by page; once `limit` eligible
 * candidates all score strictly above what the next tier could reach, no unread volunteer can
 * enter the result (nor tie with its last member), so the search stops. Until then it carries
 * on to the lower tiers, down to the last, which gives the exhaustive ranking.
 */
const rankCandidates = (need: Need, excludedIds: ReadonlyArray<string>, limit: number) =>
  Effect.gen(function* () {
    const store = yield* Store
    const actor = yield* CurrentActor
    const scope = scopeFilters(actor, "volunteers")
    const base: ReadonlyArray<Filter> = [...scope, Q.eq("status", "active")]
    const exclusion: ReadonlyArray<Filter> = excludedIds.length > 0 ? [Q.notIn("id", excludedIds)] : []
    const tiers = tiersFor(need, scope)
    const activities = yield* loadActivities(need)
    let kept: ReadonlyArray<Candidate> = []
    for (let t = 0; t < tiers.length; t++) {
      // Keyset paging on the unique volunteer number: each page starts where the last ended,
      // instead of the database skipping an ever longer offset.
      let after: string | null = null
      for (;;) {
        const page: { readonly rows: ReadonlyArray<Volunteer> } = yield* store.list(
          "volunteers",
          Q.all(
            [...base, ...(after === null ? [] : [Q.gt("volunteerNumber", after)]), ...tiers[t].filters, ...exclusion],
            [{ field: "volunteerNumber", order: "ASC" }],
            { offset: 0, limit: PAGE_SIZE }
          )
        )
        if (page.rows.length === 0) break
        const loads = yield* loadsAmong(
          need,
          page.rows.map((v) => v.id),
          activities
        )
        const scored = page.rows.map((v) => scoreUnexplained(v, need, loads.get(v.id) as Load))
        kept = [...kept, ...scored].sort(rank).slice(0, limit)
        if (page.rows.length < PAGE_SIZE) break
        after = page.rows[page.rows.length - 1].volunteerNumber
      }
      const next = tiers[t + 1]
      const last = kept[kept.length - 1]
      if (next && kept.length === limit && last.eligible && last.score > next.bound) break
    }
    return kept.map(explain)
  })

export const MatchingLive = Layer.effect(
  Matching,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      candidatesForActivity: (activityId, options) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const activity = yield* getScoped("activities", activityId)
            // Only the volunteer ids are wanted: grouped, the store returns just those, instead of
            // every participation (hundreds for a big activity) decoded.
            const signedUp = yield* store.aggregate("participations", {
              filters: [Q.eq("activityId", activity.id), Q.neq("status", "withdrawn")],
              groupBy: [{ field: "volunteerId", as: "volunteerId" }],
              measures: [{ fn: "count", as: "n" }]
            })
            return yield* rankCandidates(
              activityNeed(activity),
              signedUp.map((p) => String(p.volunteerId)),
              clampLimit(options?.limit)
            )
          })
        ),
      candidatesForPairing: (input, options) =>
        provide(
          Effect.gen(function* () {
            const config = yield* YinfaConfig
            const need = yield* decodeInput(PairingNeedInput, input)
            yield* requireRegion("regionCode", need.regionCode)
            const month = need.month ?? (yield* todayLocal).slice(0, 7)
            return yield* rankCandidates(
              {
                category: need.category,
                regionCode: need.regionCode,
                channel: need.channel ?? null,
                riskLevel: "low",
                requiredExpertise: need.expertise ?? [],
                month,
                hoursNeeded: PAIRING_HOURS_PER_MONTH,
                slot: null,
                mentorLimit: config.maxActivePairingsPerMentor
              },
              [],
              clampLimit(options?.limit)
            )
          })
        )
    }
  })
)
