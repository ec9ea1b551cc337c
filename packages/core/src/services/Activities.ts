import { Context, type Effect } from "effect"
import type { CurrentActor } from "../actor.js"
import type { Activity, SafetyPlan } from "../domain/activity.js"
import type { Conflict, Forbidden, NotFound, ValidationError } from "../errors.js"
import type { ResourceService } from "./ResourceService.js"

type Failure = ValidationError | Conflict | Forbidden | NotFound

/**
 * Activities: draft → published → completed, or cancelled (from draft or published).
 * `update` never changes `status` (a PUT cannot bypass the workflow); a completed or cancelled
 * activity cannot be edited. `remove` deletes drafts only.
 */
export interface ActivitiesService extends ResourceService<Activity> {
  /** Offline/hybrid needs a complete safety plan; elevated risk needs insurer + policy number. */
  readonly publish: (id: string) => Effect.Effect<Activity, Failure, CurrentActor>
  /** Only a published activity whose start has passed. */
  readonly complete: (id: string) => Effect.Effect<Activity, Failure, CurrentActor>
  /** input: ActivityCancel ({ reason }). Withdraws every open participation. */
  readonly cancel: (id: string, input: unknown) => Effect.Effect<Activity, Failure, CurrentActor>
}

export class Activities extends Context.Tag("@yinfa/core/Activities")<Activities, ActivitiesService>() {}

/** What publishing an activity still needs: the names of the missing safety-plan parts. */
export type SafetyPlanPart = keyof SafetyPlan
