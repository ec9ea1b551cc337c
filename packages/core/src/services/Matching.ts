import { Context, type Effect } from "effect"
import type { CurrentActor } from "../actor.js"
import type { Category } from "../domain/categories.js"
import type { Volunteer } from "../domain/volunteer.js"
import type { MenteeType } from "../domain/pairing.js"
import type { Channel } from "../domain/primitives.js"
import type { NotFound, ValidationError } from "../errors.js"
import type { MessageParams } from "../errors.js"

export type MatchFactor = "expertise" | "interest" | "region" | "channel" | "fitness" | "capacity"

export interface FactorScore {
  readonly factor: MatchFactor
  /** 0..1 before weighting. */
  readonly score: number
  readonly weight: number
  /** Catalogue key and parameters explaining the score, e.g. `matching.expertise.partial`. */
  readonly key: string
  readonly params: MessageParams
  /** The explanation in English (localise with `translate`). */
  readonly explanation: string
}

export interface Candidate {
  /** Masked, as in lists. */
  readonly volunteer: Volunteer
  /** 0..100: the weighted sum of the factors. */
  readonly score: number
  readonly factors: ReadonlyArray<FactorScore>
  /** Hours of the volunteer's monthly capacity not yet planned in the activity's month. */
  readonly remainingHours: number
  /**
   * False when signing up would be refused without an override (channel, fitness or capacity);
   * such candidates rank after every eligible one. Nobody is ranked against targets.
   */
  readonly eligible: boolean
}

/** A need without an activity: a mentee or an organisation looking for a mentor. */
export interface PairingNeed {
  readonly category: Category
  readonly regionCode: string
  readonly menteeType?: MenteeType | null
  readonly expertise?: ReadonlyArray<string>
  readonly channel?: Channel
  /** The month the help is wanted in (YYYY-MM); defaults to the current month. */
  readonly month?: string
}

/**
 * Ranks active volunteers in the actor's jurisdiction for a need (因人制宜 / 项目对接). Archived
 * and paused volunteers and those already signed up are left out; every score is explained.
 */
export interface MatchingService {
  readonly candidatesForActivity: (
    activityId: string,
    options?: { readonly limit?: number }
  ) => Effect.Effect<ReadonlyArray<Candidate>, NotFound, CurrentActor>
  readonly candidatesForPairing: (
    need: unknown,
    options?: { readonly limit?: number }
  ) => Effect.Effect<ReadonlyArray<Candidate>, ValidationError, CurrentActor>
}

export class Matching extends Context.Tag("@yinfa/core/Matching")<Matching, MatchingService>() {}
