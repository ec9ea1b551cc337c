import { Context, type Effect } from "effect"
import type { CurrentActor } from "../actor.js"
import type { Pairing, PairingCheckIn } from "../domain/pairing.js"
import type { Conflict, Forbidden, NotFound, ValidationError } from "../errors.js"
import type { ResourceService } from "./ResourceService.js"

type Failure = ValidationError | Conflict | Forbidden | NotFound

/**
 * Pairings (结对帮带 / 项目对接): proposed → active → concluded, or declined (from proposed) /
 * ended (from active) with a reason. Activating checks the mentor's active-pairing limit and that
 * a pupil has no other active mentor (the pupil is known by name + school). `update` changes goals
 * and contact details only.
 */
export interface PairingsService extends ResourceService<Pairing> {
  readonly activate: (id: string) => Effect.Effect<Pairing, Failure, CurrentActor>
  /** input: PairingClose */
  readonly decline: (id: string, input: unknown) => Effect.Effect<Pairing, Failure, CurrentActor>
  readonly conclude: (id: string) => Effect.Effect<Pairing, Failure, CurrentActor>
  /** input: PairingClose */
  readonly end: (id: string, input: unknown) => Effect.Effect<Pairing, Failure, CurrentActor>
}

export class Pairings extends Context.Tag("@yinfa/core/Pairings")<Pairings, PairingsService>() {}

/**
 * Check-ins of active pairings (input PairingCheckInCreate); each appends a service-hour entry for
 * the mentor. `update` changes notes only; `remove` appends a negative correction entry.
 */
export class PairingCheckIns extends Context.Tag("@yinfa/core/PairingCheckIns")<PairingCheckIns, ResourceService<PairingCheckIn>>() {}
