import { Effect } from "effect"
import type { Activity, RiskLevel } from "../../domain/activity.js"
import { type Category, EXPERTISE_FIELDS } from "../../domain/categories.js"
import type { Channel } from "../../domain/primitives.js"
import type { Volunteer } from "../../domain/volunteer.js"
import type { MessageParams } from "../../errors.js"
import { translate } from "../../i18n/index.js"
import { Store } from "../../ports/Store.js"
import { Q } from "../../query.js"
import { hoursBetween } from "../../time.js"
import type { Candidate, FactorScore, MatchFactor } from "../Matching.js"
import { maskVolunteer } from "./masking.js"

/**
 * The scoring of matching, apart from the search (MatchingLive): what every factor gives, who is
 * eligible, the ranking order and what a volunteer has already taken on. Internal, so that the
 * tests can rank a population exhaustively and compare with the search.
 */

/**
 * How much each factor counts. They sum to 1, so a candidate's score reads as a percentage.
 * Expertise weighs most because it is what a need cannot do without (因人制宜); interest next,
 * because people serve best where they want to; the rest are practicalities.
 */
export const MATCH_WEIGHTS: Readonly<Record<MatchFactor, number>> = {
  expertise: 0.35,
  interest: 0.2,
  region: 0.15,
  channel: 0.1,
  fitness: 0.1,
  capacity: 0.1
}

/** Cross-region help is welcome but costs travel and coordination. */
export const OTHER_REGION_SCORE = 0.3
/** Share of the expertise score earned by years of experience in the matching fields. */
const YEARS_SHARE = 0.2
const YEARS_FOR_FULL_CREDIT = 20
/** What a mentoring pair or a matchmaking asks of a mentor in a month (about two meetings). */
export const PAIRING_HOURS_PER_MONTH = 4

/** When an activity runs (local date-times). */
type Slot = { readonly startsAt: string; readonly endsAt: string }

/** What every factor is computed against, whether the need is an activity or a pairing. */
export interface Need {
  readonly category: Category
  readonly regionCode: string
  /** null: any way of serving will do. */
  readonly channel: Channel | null
  readonly riskLevel: RiskLevel
  readonly requiredExpertise: ReadonlyArray<string>
  /** YYYY-MM */
  readonly month: string
  readonly hoursNeeded: number
  /** An activity's time, against which other confirmed activities clash; null for pairings. */
  readonly slot: Slot | null
  /** For pairings: the most active pairings one mentor may hold. */
  readonly mentorLimit: number | null
}

/** What a volunteer has already taken on. */
export interface Load {
  /** Durations of their confirmed activities in the need's month, as the sign-up counts them. */
  readonly plannedHours: number
  readonly clash: boolean
  readonly activePairings: number
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

/** The explanation is filled in by `explain`, for the few candidates that are returned. */
const factor = (name: MatchFactor, score: number, key: string, params: MessageParams = {}): FactorScore => ({
  factor: name,
  score: round(score, 3),
  weight: MATCH_WEIGHTS[name],
  key,
  params,
  explanation: ""
})

const longestYears = (v: Volunteer, fields: ReadonlyArray<string>) => fields.reduce((max, f) => Math.max(max, v.expertiseYears[f] ?? 0), 0)

const withYears = (base: number, years: number) =>
  base * (1 - YEARS_SHARE + (YEARS_SHARE * Math.min(years, YEARS_FOR_FULL_CREDIT)) / YEARS_FOR_FULL_CREDIT)

const expertiseFactor = (v: Volunteer, need: Need): FactorScore => {
  const required = need.requiredExpertise
  if (required.length > 0) {
    const matched = required.filter((f) => v.expertise.includes(f))
    const years = longestYears(v, matched)
    const params = { matched: matched.length, required: required.length, years, fields: matched.join(",") }
    if (matched.length === 0) return factor("expertise", 0, "matching.expertise.none", params)
    const key = matched.length === required.length ? "matching.expertise.full" : "matching.expertise.partial"
    return factor("expertise", withYears(matched.length / required.length, years), key, params)
  }
  // Nothing asked for in particular: any field the taxonomy relates to the category counts.
  const related = v.expertise.filter((f) => EXPERTISE_FIELDS.some((e) => e.code === f && e.categories.includes(need.category)))
  const years = longestYears(v, related)
  const params = { matched: related.length, years, fields: related.join(",") }
  return related.length === 0
    ? factor("expertise", 0, "matching.expertise.unrelated", params)
    : factor("expertise", withYears(1, years), "matching.expertise.related", params)
}

const interestFactor = (v: Volunteer, need: Need): FactorScore =>
  v.interests.includes(need.category)
    ? factor("interest", 1, "matching.interest.yes", { category: need.category })
    : factor("interest", 0, "matching.interest.no", { category: need.category })

const regionFactor = (v: Volunteer, need: Need): FactorScore =>
  v.regionCode === need.regionCode
    ? factor("region", 1, "matching.region.same", { region: v.regionCode })
    : factor("region", OTHER_REGION_SCORE, "matching.region.other", { region: v.regionCode, needRegion: need.regionCode })

const channelFactor = (v: Volunteer, need: Need): FactorScore => {
  if (need.channel === null) return factor("channel", 1, "matching.channel.any")
  // A hybrid activity can be joined either way.
  const accepts = need.channel === "hybrid" ? v.channels.length > 0 : v.channels.includes(need.channel)
  return accepts
    ? factor("channel", 1, "matching.channel.accepted", { channel: need.channel })
    : factor("channel", 0, "matching.channel.notAccepted", { channel: need.channel })
}

const fitnessFactor = (v: Volunteer, need: Need): FactorScore => {
  const inPerson = need.channel === "offline" || need.channel === "hybrid"
  // Not recording health data is the volunteer's right (PIPL): it must not lower their score.
  if (v.fitness === null) return factor("fitness", 1, "matching.fitness.notRecorded")
  if (inPerson && v.fitness === "online-only")
    return need.channel === "offline"
      ? factor("fitness", 0, "matching.fitness.onlineOnly")
      : factor("fitness", 0.5, "matching.fitness.onlinePartOnly")
  // Elevated risk matters only wholly in person: a hybrid activity can be joined online.
  if (need.channel === "offline" && v.fitness === "limited" && need.riskLevel === "elevated")
    return factor("fitness", 0.5, "matching.fitness.limitedElevated")
  return factor("fitness", 1, "matching.fitness.suitable")
}

const fitsInMonth = (v: Volunteer, need: Need, load: Load) => round(load.plannedHours + need.hoursNeeded, 2) <= v.monthlyHours

const capacityFactor = (v: Volunteer, need: Need, load: Load, remaining: number): FactorScore => {
  if (load.clash) return factor("capacity", 0, "matching.capacity.clash")
  if (need.mentorLimit !== null && load.activePairings >= need.mentorLimit)
    return factor("capacity", 0, "matching.capacity.mentorFull", { count: load.activePairings, max: need.mentorLimit })
  const params = { remaining: round(remaining, 1), needed: round(need.hoursNeeded, 1), limit: v.monthlyHours }
  const score = need.hoursNeeded <= 0 ? 1 : Math.min(1, remaining / need.hoursNeeded)
  return factor("capacity", score, fitsInMonth(v, need, load) ? "matching.capacity.enough" : "matching.capacity.short", params)
}

/**
 * Whether signing up would be refused without the volunteer's recorded agreement (or, for a
 * clash or a full mentor, at all). Mirrors the sign-up rules of ParticipationsLive, so that an
 * eligible candidate is one the admin can sign up straight away.
 */
const isEligible = (v: Volunteer, need: Need, load: Load): boolean => {
  const online = v.channels.includes("online")
  const inPerson = v.channels.includes("offline") && v.fitness !== "online-only"
  const suits =
    need.channel === null ||
    (need.channel === "online" && online) ||
    (need.channel === "hybrid" && (online || inPerson)) ||
    (need.channel === "offline" && inPerson && !(v.fitness === "limited" && need.riskLevel === "elevated"))
  const mentorFree = need.mentorLimit === null || load.activePairings < need.mentorLimit
  return suits && !load.clash && mentorFree && fitsInMonth(v, need, load)
}

/**
 * The score, the factors and eligibility, with the volunteer unmasked and the factors not yet
 * explained: what ranking needs. A search scores thousands and returns twenty; translating six
 * explanations and masking each of the thousands would be most of its work.
 */
export const scoreUnexplained = (v: Volunteer, need: Need, load: Load): Candidate => {
  const remaining = Math.max(0, v.monthlyHours - load.plannedHours)
  const factors = [
    expertiseFactor(v, need),
    interestFactor(v, need),
    regionFactor(v, need),
    channelFactor(v, need),
    fitnessFactor(v, need),
    capacityFactor(v, need, load, remaining)
  ]
  return {
    volunteer: v,
    score: round(100 * factors.reduce((sum, f) => sum + f.weight * f.score, 0), 1),
    factors,
    remainingHours: round(remaining, 1),
    eligible: isEligible(v, need, load)
  }
}

/** A ranked candidate as callers see it: the volunteer masked, every factor explained. */
export const explain = (c: Candidate): Candidate => ({
  ...c,
  volunteer: maskVolunteer(c.volunteer),
  factors: c.factors.map((f) => ({ ...f, explanation: translate("en", f.key, f.params) }))
})

export const scoreCandidate = (v: Volunteer, need: Need, load: Load): Candidate => explain(scoreUnexplained(v, need, load))

export const rank = (a: Candidate, b: Candidate) =>
  Number(b.eligible) - Number(a.eligible) ||
  b.score - a.score ||
  (a.volunteer.volunteerNumber < b.volunteer.volunteerNumber ? -1 : a.volunteer.volunteerNumber > b.volunteer.volunteerNumber ? 1 : 0)

type Loads = Map<string, { plannedHours: number; clash: boolean; activePairings: number }>

/**
 * Loads built from the volunteers' confirmed participations (those in activities missing from
 * `activities` weigh nothing) and, for a pairing need, their active pairings as mentors.
 */
const loadsFrom = (
  need: Need,
  volunteerIds: ReadonlyArray<string>,
  confirmed: ReadonlyArray<{ readonly volunteerId: string; readonly activityId: string }>,
  activities: ReadonlyMap<string, Slot>
) =>
  Effect.gen(function* () {
    const loads: Loads = new Map(volunteerIds.map((id) => [id, { plannedHours: 0, clash: false, activePairings: 0 }]))
    for (const p of confirmed) {
      const load = loads.get(p.volunteerId)
      const a = activities.get(p.activityId)
      if (!load || !a) continue
      if (a.startsAt.startsWith(need.month)) load.plannedHours += hoursBetween(a.startsAt, a.endsAt)
      if (need.slot && a.startsAt < need.slot.endsAt && need.slot.startsAt < a.endsAt) load.clash = true
    }
    if (need.mentorLimit !== null) {
      const store = yield* Store
      const pairings = yield* store.aggregate("pairings", {
        filters: [Q.in("mentorId", volunteerIds), Q.eq("status", "active")],
        groupBy: [{ field: "mentorId", as: "mentorId" }],
        measures: [{ fn: "count", as: "count" }]
      })
      for (const row of pairings) {
        const load = loads.get(String(row.mentorId))
        if (load) load.activePairings = Number(row.count)
      }
    }
    return loads as ReadonlyMap<string, Load>
  })

/**
 * What each volunteer has taken on: their confirmed activities (read across all regions, since
 * a volunteer's time is theirs whoever organises the activity) and their active pairings.
 */
export const loadsOf = (need: Need, volunteerIds: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const store = yield* Store
    const confirmed = yield* store.list("participations", Q.all([Q.in("volunteerId", volunteerIds), Q.eq("status", "confirmed")]))
    const activities = new Map<string, Slot>(
      (yield* store.getMany("activities", [...new Set(confirmed.rows.map((p) => p.activityId))])).map((a) => [a.id, a])
    )
    return yield* loadsFrom(need, volunteerIds, confirmed.rows, activities)
  })

/** "YYYY-MM" → the month after it, for a half-open range on ISO timestamps. */
const nextMonth = (month: string): string => {
  const [y, m] = month.split("-").map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`
}

/**
 * Activities that can weigh on a volunteer's load for this need: those starting in the need's
 * month (their hours count) and those overlapping its slot (they clash), across all regions.
 * Read once per search, so that each page of volunteers needs only their confirmed
 * participations in these activities instead of every confirmed participation they ever had.
 */
export const loadActivities = (need: Need) =>
  Effect.gen(function* () {
    const store = yield* Store
    const inMonth = [Q.gte("startsAt", need.month), Q.lt("startsAt", nextMonth(need.month))]
    const filters = need.slot ? [Q.or(inMonth, [Q.lt("startsAt", need.slot.endsAt), Q.gt("endsAt", need.slot.startsAt)])] : inMonth
    // Grouped by the three fields it needs, the store returns them without decoding whole activities.
    const rows = yield* store.aggregate("activities", {
      filters,
      groupBy: [
        { field: "id", as: "id" },
        { field: "startsAt", as: "startsAt" },
        { field: "endsAt", as: "endsAt" }
      ],
      measures: []
    })
    return new Map(rows.map((a) => [String(a.id), { startsAt: String(a.startsAt), endsAt: String(a.endsAt) }]))
  })

/** Above this many activities the page's participations are filtered in memory, not in an IN list. */
const MAX_ACTIVITY_FILTER = 1_000

/** `loadsOf` for a page of a search, given the `loadActivities` of the need: the same loads, read narrowly. */
export const loadsAmong = (need: Need, volunteerIds: ReadonlyArray<string>, activities: ReadonlyMap<string, Slot>) =>
  Effect.gen(function* () {
    const store = yield* Store
    const confirmed =
      activities.size === 0
        ? []
        : (yield* store.list(
            "participations",
            Q.all([
              Q.in("volunteerId", volunteerIds),
              Q.eq("status", "confirmed"),
              ...(activities.size <= MAX_ACTIVITY_FILTER ? [Q.in("activityId", [...activities.keys()])] : [])
            ])
          )).rows
    return yield* loadsFrom(need, volunteerIds, confirmed, activities)
  })

export const activityNeed = (activity: Activity): Need => ({
  category: activity.category,
  regionCode: activity.regionCode,
  channel: activity.channel,
  riskLevel: activity.riskLevel,
  requiredExpertise: activity.requiredExpertise,
  month: activity.startsAt.slice(0, 7),
  hoursNeeded: hoursBetween(activity.startsAt, activity.endsAt),
  slot: { startsAt: activity.startsAt, endsAt: activity.endsAt },
  mentorLimit: null
})
