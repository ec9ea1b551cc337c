import { Context, type Effect } from "effect"
import type { CurrentActor } from "../actor.js"
import type { Category } from "../domain/categories.js"
import type { ValidationError } from "../errors.js"

/** A period (inclusive dates), optionally one region and one category. */
export interface ReportFilter {
  readonly from: string
  readonly to: string
  readonly regionCode?: string | null
  readonly category?: Category | null
}

export interface AgeBand {
  /** e.g. "55-59", "60-64", … "80+" (age on the last day of the period). */
  readonly band: string
  readonly count: number
}

/** The figures a bureau is asked for (DOMAIN.md, Reporting). Totals and coverage, never rankings. */
export interface Overview {
  readonly filter: ReportFilter
  readonly volunteers: {
    readonly active: number
    readonly inTalentPool: number
    /** Active volunteers registered during the period. */
    readonly joined: number
    readonly byAgeBand: ReadonlyArray<AgeBand>
  }
  /** Completed activities that started in the period. */
  readonly activitiesHeld: number
  /** Attendance entries in the period. */
  readonly participations: number
  /** Distinct volunteers with any service hours in the period. */
  readonly volunteersServing: number
  readonly serviceHours: number
  readonly beneficiariesReached: number
  readonly pairings: { readonly active: number; readonly concluded: number; readonly started: number }
  readonly reports: { readonly submitted: number; readonly accepted: number; readonly published: number }
  readonly hoursByCategory: ReadonlyArray<{ readonly category: Category; readonly hours: number }>
  readonly hoursByRegion: ReadonlyArray<{ readonly regionCode: string; readonly hours: number }>
}

export interface SeriesPoint {
  /** YYYY-MM */
  readonly month: string
  readonly activitiesHeld: number
  readonly participations: number
  readonly serviceHours: number
  readonly beneficiariesReached: number
  readonly volunteersJoined: number
  readonly pairingsStarted: number
  readonly reportsSubmitted: number
}

/** Which of the five categories each region has covered in the period (activities held, hours). */
export interface CoverageRow {
  readonly regionCode: string
  readonly category: Category
  readonly activitiesHeld: number
  readonly serviceHours: number
}

/**
 * Reporting, scoped to the actor (a region admin's figures are their region's whatever filter
 * they pass), computed with the store's aggregate queries.
 */
export interface ReportingService {
  readonly overview: (filter: unknown) => Effect.Effect<Overview, ValidationError, CurrentActor>
  /** One point per month of the period, months without data included with zeros. */
  readonly series: (filter: unknown) => Effect.Effect<ReadonlyArray<SeriesPoint>, ValidationError, CurrentActor>
  readonly coverage: (filter: unknown) => Effect.Effect<ReadonlyArray<CoverageRow>, ValidationError, CurrentActor>
}

export class Reporting extends Context.Tag("@yinfa/core/Reporting")<Reporting, ReportingService>() {}
