import { Effect, Layer, Schema } from "effect"
import { type Actor, actorRegion, CurrentActor, scopeFilters } from "../actor.js"
import { YinfaConfig } from "../config.js"
import { CATEGORY_CODES, Category } from "../domain/categories.js"
import { RegionCode } from "../domain/ids.js"
import { IsoDate } from "../domain/primitives.js"
import { roundHours } from "../domain/serviceHour.js"
import { invalid } from "../errors.js"
import { Store } from "../ports/Store.js"
import { type AggregateRow, type Filter, type GroupKey, type Measure, Q } from "../query.js"
import { type ResourceName, resourceDescriptor } from "../resources.js"
import { checkQuery, decodeInput } from "./internal/crud.js"
import { type AgeBand, type CoverageRow, type Overview, type ReportFilter, Reporting, type SeriesPoint } from "./Reporting.js"
import { captureDeps } from "./ResourceService.js"

export const ReportFilterInput = Schema.Struct({
  from: IsoDate,
  to: IsoDate,
  regionCode: Schema.optionalWith(Schema.NullOr(RegionCode), { default: () => null }),
  category: Schema.optionalWith(Schema.NullOr(Category), { default: () => null })
})

/** A series of more months than this is refused: one point per month has to stay readable. */
export const MAX_SERIES_MONTHS = 240

/** Age on the last day of the period; the lower bound of each band, the last one open-ended. */
const AGE_BANDS: ReadonlyArray<{ readonly band: string; readonly from: number; readonly below: number | null }> = [
  { band: "<55", from: 0, below: 55 },
  { band: "55-59", from: 55, below: 60 },
  { band: "60-64", from: 60, below: 65 },
  { band: "65-69", from: 65, below: 70 },
  { band: "70-74", from: 70, below: 75 },
  { band: "75-79", from: 75, below: 80 },
  { band: "80+", from: 80, below: null }
]

const DAY_MS = 86_400_000

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)

/**
 * The UTC minute at which a local day begins. Instants are stored in UTC, so a period of local
 * days becomes a range of instants; a minute-precision bound compares correctly as a string
 * with instants written with or without milliseconds.
 */
const localDayStartUtc = (date: string, utcOffsetMinutes: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - utcOffsetMinutes * 60_000).toISOString().slice(0, 16)

/** The same calendar day `years` earlier, as a string: 29 February compares correctly too. */
const yearsBefore = (date: string, years: number) => `${String(Number(date.slice(0, 4)) - years).padStart(4, "0")}${date.slice(4)}`

const firstOfNextMonth = (yearMonth: string) => {
  const [year, month] = yearMonth.split("-").map(Number)
  return month === 12 ? `${String(year + 1).padStart(4, "0")}-01-01` : `${yearMonth.slice(0, 4)}-${String(month + 1).padStart(2, "0")}-01`
}

const monthCount = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1

/** YYYY-MM of every month the period touches. */
const monthsBetween = (from: string, to: string): ReadonlyArray<string> => {
  const months: Array<string> = []
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = firstOfNextMonth(m).slice(0, 7)) months.push(m)
  return months
}

/**
 * The period and the slices of data it selects. A region admin's (or regional viewer's) region
 * replaces whatever region they ask for, so their figures are always their own region's.
 */
class Period {
  constructor(
    readonly actor: Actor,
    readonly filter: ReportFilter & { readonly regionCode: string | null; readonly category: Category | null },
    readonly utcOffsetMinutes: number
  ) {}

  /** Jurisdiction first (as in every read), then the region asked for. */
  region(resource: ResourceName): ReadonlyArray<Filter> {
    const field = resourceDescriptor(resource).regionField as string
    return [...scopeFilters(this.actor, resource), ...(this.filter.regionCode ? [Q.eq(field, this.filter.regionCode)] : [])]
  }

  /** Records that have a category; volunteers are "in" a category through their interests. */
  category(resource: ResourceName): ReadonlyArray<Filter> {
    const c = this.filter.category
    if (!c) return []
    return resource === "volunteers" ? [Q.includes("interests", c)] : [Q.eq("category", c)]
  }

  /** A YYYY-MM-DD field within the period. */
  dates(field: string, from = this.filter.from, to = this.filter.to): ReadonlyArray<Filter> {
    return [Q.gte(field, from), Q.lte(field, to)]
  }

  /** A local YYYY-MM-DDTHH:mm field within the period. */
  localTimes(field: string): ReadonlyArray<Filter> {
    return [Q.gte(field, this.filter.from), Q.lt(field, nextDay(this.filter.to))]
  }

  /** A UTC instant field within local days: from the start of `from` to the start of `until`. */
  instants(field: string, from = this.filter.from, until = nextDay(this.filter.to)): ReadonlyArray<Filter> {
    return [Q.gte(field, localDayStartUtc(from, this.utcOffsetMinutes)), Q.lt(field, localDayStartUtc(until, this.utcOffsetMinutes))]
  }

  base(resource: ResourceName): ReadonlyArray<Filter> {
    return [...this.region(resource), ...this.category(resource)]
  }

  /** Active volunteers who had registered by the end of the period. */
  get activeVolunteers(): ReadonlyArray<Filter> {
    return [...this.base("volunteers"), Q.eq("status", "active"), Q.lte("joinedAt", this.filter.to)]
  }

  get heldActivities(): ReadonlyArray<Filter> {
    return [...this.base("activities"), Q.eq("status", "completed"), ...this.localTimes("startsAt")]
  }

  get ledger(): ReadonlyArray<Filter> {
    return [...this.base("service-hours"), ...this.dates("serviceDate")]
  }

  get attendance(): ReadonlyArray<Filter> {
    return [...this.ledger, Q.eq("source", "attendance")]
  }

  get joinedVolunteers(): ReadonlyArray<Filter> {
    return [...this.base("volunteers"), Q.eq("status", "active"), ...this.dates("joinedAt")]
  }

  get startedPairings(): ReadonlyArray<Filter> {
    return [...this.base("pairings"), ...this.dates("startedOn")]
  }

  submittedReports(from = this.filter.from, until = nextDay(this.filter.to)): ReadonlyArray<Filter> {
    return [...this.base("experience-reports"), Q.neq("status", "draft"), ...this.instants("submittedAt", from, until)]
  }
}

const readPeriod = (input: unknown) =>
  Effect.gen(function* () {
    const actor = yield* CurrentActor
    const config = yield* YinfaConfig
    const decoded = yield* decodeInput(ReportFilterInput, input)
    if (decoded.to < decoded.from)
      return yield* Effect.fail(invalid("to", "validation.periodOrder", "the end date cannot be before the start date"))
    const filter = { ...decoded, regionCode: actorRegion(actor) ?? decoded.regionCode }
    return new Period(actor, filter, config.utcOffsetMinutes)
  })

/** Grouped figures computed by the store; field names are checked as in any other query. */
const aggregate = (
  resource: ResourceName,
  filters: ReadonlyArray<Filter>,
  measures: ReadonlyArray<Measure>,
  groupBy: ReadonlyArray<GroupKey> = []
) =>
  Effect.gen(function* () {
    const store = yield* Store
    yield* Effect.orDie(checkQuery(resource, Q.all(filters)))
    return yield* store.aggregate(resource, { filters, groupBy, measures })
  })

const count = (resource: ResourceName, filters: ReadonlyArray<Filter>) =>
  Effect.map(aggregate(resource, filters, [{ fn: "count", as: "n" }]), (rows) => Number(rows[0]?.n ?? 0))

const byKey = (rows: ReadonlyArray<AggregateRow>, key: string) => new Map(rows.map((r) => [String(r[key]), r]))

const ageBands = (period: Period) =>
  Effect.forEach(
    AGE_BANDS,
    (b) => {
      const to = period.filter.to
      // Aged at least `from` on the last day ⇔ born on or before that day `from` years earlier.
      const filters = [
        ...period.activeVolunteers,
        Q.lte("birthDate", yearsBefore(to, b.from)),
        ...(b.below === null ? [] : [Q.gt("birthDate", yearsBefore(to, b.below))])
      ]
      return Effect.map(count("volunteers", filters), (n): AgeBand => ({ band: b.band, count: n }))
    },
    { concurrency: 4 }
  )

const overview = (period: Period) =>
  Effect.gen(function* () {
    const f = period.filter
    const figures = yield* Effect.all(
      {
        active: count("volunteers", period.activeVolunteers),
        inTalentPool: count("volunteers", [...period.activeVolunteers, Q.eq("talentPool", true)]),
        joined: count("volunteers", period.joinedVolunteers),
        byAgeBand: ageBands(period),
        activities: aggregate("activities", period.heldActivities, [
          { fn: "count", as: "held" },
          { fn: "sum", field: "beneficiaryCount", as: "beneficiaries" }
        ]),
        participations: count("service-hours", period.attendance),
        hours: aggregate("service-hours", period.ledger, [
          { fn: "sum", field: "hours", as: "hours" },
          { fn: "countDistinct", field: "volunteerId", as: "volunteers" }
        ]),
        pairingsActive: count("pairings", [...period.base("pairings"), Q.eq("status", "active"), Q.lte("startedOn", f.to)]),
        pairingsConcluded: count("pairings", [...period.base("pairings"), Q.eq("status", "concluded"), ...period.dates("endedOn")]),
        pairingsStarted: count("pairings", period.startedPairings),
        reportsSubmitted: count("experience-reports", period.submittedReports()),
        reportsAccepted: count("experience-reports", [
          ...period.base("experience-reports"),
          Q.in("status", ["accepted", "published"]),
          ...period.instants("reviewedAt")
        ]),
        reportsPublished: count("experience-reports", [...period.base("experience-reports"), ...period.instants("publishedAt")]),
        hoursByCategory: aggregate(
          "service-hours",
          period.ledger,
          [{ fn: "sum", field: "hours", as: "hours" }],
          [{ field: "category", as: "category" }]
        ),
        hoursByRegion: aggregate(
          "service-hours",
          period.ledger,
          [{ fn: "sum", field: "hours", as: "hours" }],
          [{ field: "regionCode", as: "regionCode" }]
        )
      },
      { concurrency: 4 }
    )
    const categoryHours = byKey(figures.hoursByCategory, "category")
    const result: Overview = {
      filter: f,
      volunteers: {
        active: figures.active,
        inTalentPool: figures.inTalentPool,
        joined: figures.joined,
        byAgeBand: figures.byAgeBand
      },
      activitiesHeld: Number(figures.activities[0]?.held ?? 0),
      participations: figures.participations,
      volunteersServing: Number(figures.hours[0]?.volunteers ?? 0),
      serviceHours: roundHours(Number(figures.hours[0]?.hours ?? 0)),
      beneficiariesReached: Number(figures.activities[0]?.beneficiaries ?? 0),
      pairings: { active: figures.pairingsActive, concluded: figures.pairingsConcluded, started: figures.pairingsStarted },
      reports: { submitted: figures.reportsSubmitted, accepted: figures.reportsAccepted, published: figures.reportsPublished },
      // Every category in the filter, zeros included: a gap is what a bureau needs to see.
      hoursByCategory: (f.category ? [f.category] : CATEGORY_CODES).map((category) => ({
        category,
        hours: roundHours(Number(categoryHours.get(category)?.hours ?? 0))
      })),
      hoursByRegion: figures.hoursByRegion.map((r) => ({ regionCode: String(r.regionCode), hours: roundHours(Number(r.hours)) }))
    }
    return result
  })

const month = (field: string): GroupKey => ({ field, bucket: "month", as: "month" })

const series = (period: Period) =>
  Effect.gen(function* () {
    const { from, to } = period.filter
    if (monthCount(from, to) > MAX_SERIES_MONTHS)
      return yield* Effect.fail(
        invalid("to", "validation.periodTooLong", `a series spans at most ${MAX_SERIES_MONTHS} months`, { max: MAX_SERIES_MONTHS })
      )
    const months = monthsBetween(from, to)
    const figures = yield* Effect.all(
      {
        activities: aggregate(
          "activities",
          period.heldActivities,
          [
            { fn: "count", as: "held" },
            { fn: "sum", field: "beneficiaryCount", as: "beneficiaries" }
          ],
          [month("startsAt")]
        ),
        attendance: aggregate("service-hours", period.attendance, [{ fn: "count", as: "n" }], [month("serviceDate")]),
        hours: aggregate("service-hours", period.ledger, [{ fn: "sum", field: "hours", as: "hours" }], [month("serviceDate")]),
        joined: aggregate("volunteers", period.joinedVolunteers, [{ fn: "count", as: "n" }], [month("joinedAt")]),
        pairings: aggregate("pairings", period.startedPairings, [{ fn: "count", as: "n" }], [month("startedOn")])
      },
      { concurrency: 4 }
    )
    // Submission times are UTC instants: a month bucket of the stored value would put the first
    // hours of a local month into the previous one, so each month is counted over its own range.
    const reports = yield* Effect.forEach(
      months,
      (m) =>
        count(
          "experience-reports",
          period.submittedReports(m === from.slice(0, 7) ? from : `${m}-01`, m === to.slice(0, 7) ? nextDay(to) : firstOfNextMonth(m))
        ),
      { concurrency: 4 }
    )
    const activities = byKey(figures.activities, "month")
    const attendance = byKey(figures.attendance, "month")
    const hours = byKey(figures.hours, "month")
    const joined = byKey(figures.joined, "month")
    const pairings = byKey(figures.pairings, "month")
    return months.map(
      (m, i): SeriesPoint => ({
        month: m,
        activitiesHeld: Number(activities.get(m)?.held ?? 0),
        participations: Number(attendance.get(m)?.n ?? 0),
        serviceHours: roundHours(Number(hours.get(m)?.hours ?? 0)),
        beneficiariesReached: Number(activities.get(m)?.beneficiaries ?? 0),
        volunteersJoined: Number(joined.get(m)?.n ?? 0),
        pairingsStarted: Number(pairings.get(m)?.n ?? 0),
        reportsSubmitted: reports[i]
      })
    )
  })

/**
 * Every region in scope × every category in the filter, zeros included, so that a category a
 * region has not covered shows as a gap rather than being absent.
 */
const coverage = (period: Period) =>
  Effect.gen(function* () {
    const store = yield* Store
    const region = period.filter.regionCode
    const groups: ReadonlyArray<GroupKey> = [
      { field: "regionCode", as: "regionCode" },
      { field: "category", as: "category" }
    ]
    const [regions, activities, hours] = yield* Effect.all(
      [
        store.list("regions", Q.all(region ? [Q.eq("code", region)] : [], [{ field: "sortOrder", order: "ASC" }])),
        aggregate("activities", period.heldActivities, [{ fn: "count", as: "held" }], groups),
        aggregate("service-hours", period.ledger, [{ fn: "sum", field: "hours", as: "hours" }], groups)
      ],
      { concurrency: 3 }
    )
    const key = (r: AggregateRow) => `${r.regionCode}|${r.category}`
    const held = new Map(activities.map((r) => [key(r), Number(r.held)]))
    const served = new Map(hours.map((r) => [key(r), Number(r.hours)]))
    // Records may name a region that is no longer in the table; they are still reported.
    const codes = [
      ...new Set([...regions.rows.map((r) => r.code as string), ...[...activities, ...hours].map((r) => String(r.regionCode))])
    ]
    const categories = period.filter.category ? [period.filter.category] : CATEGORY_CODES
    return codes.flatMap((regionCode) =>
      categories.map(
        (category): CoverageRow => ({
          regionCode,
          category,
          activitiesHeld: held.get(`${regionCode}|${category}`) ?? 0,
          serviceHours: roundHours(served.get(`${regionCode}|${category}`) ?? 0)
        })
      )
    )
  })

export const ReportingLive = Layer.effect(
  Reporting,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      overview: (input) => provide(Effect.flatMap(readPeriod(input), overview)),
      series: (input) => provide(Effect.flatMap(readPeriod(input), series)),
      coverage: (input) => provide(Effect.flatMap(readPeriod(input), coverage))
    }
  })
)
