import { Context, type Effect } from "effect"
import type { CurrentActor } from "../actor.js"
import type { Category } from "../domain/categories.js"
import type { NotFound } from "../errors.js"

/** A volunteer's service record: the sum of their ledger entries, with the star level it earns. */
export interface ServiceSummary {
  readonly volunteerId: string
  readonly totalHours: number
  /** 0 to 5. */
  readonly starLevel: number
  /** Hours still needed for the next star, or null at five stars. */
  readonly hoursToNextStar: number | null
  readonly activitiesAttended: number
  readonly checkInHours: number
  readonly firstServiceDate: string | null
  readonly lastServiceDate: string | null
  readonly byCategory: ReadonlyArray<{ readonly category: Category; readonly hours: number }>
}

export interface ServiceRecordsService {
  /** The volunteer must be in the actor's jurisdiction; hours count wherever they were served. */
  readonly summary: (volunteerId: string) => Effect.Effect<ServiceSummary, NotFound, CurrentActor>
}

export class ServiceRecords extends Context.Tag("@yinfa/core/ServiceRecords")<ServiceRecords, ServiceRecordsService>() {}

/** Stars earned by a number of verified hours, given ascending thresholds. */
export const starLevel = (hours: number, thresholds: ReadonlyArray<number>): number => thresholds.filter((t) => hours >= t).length
