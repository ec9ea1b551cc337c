import { Context, type Effect } from "effect"
import type { CurrentActor } from "../actor.js"
import type { Participation } from "../domain/participation.js"
import type { Conflict, Forbidden, NotFound, ValidationError } from "../errors.js"
import type { ResourceService } from "./ResourceService.js"

type Failure = ValidationError | Conflict | Forbidden | NotFound

/**
 * A volunteer in an activity. `create` is the sign-up (input ParticipationSignUp): it checks the
 * volunteer's status, channel and fitness, clashes with their other confirmed activities, their
 * monthly capacity (an `overrideReason` records their agreement to go past channel, fitness or
 * capacity limits), and places left (else `waitlisted`). `update` changes role and feedback only.
 * `remove` is refused: withdraw instead.
 */
export interface ParticipationsService extends ResourceService<Participation> {
  readonly confirm: (id: string) => Effect.Effect<Participation, Failure, CurrentActor>
  /** input: ParticipationAttend ({ hours, feedback }); appends a service-hour entry. */
  readonly attend: (id: string, input: unknown) => Effect.Effect<Participation, Failure, CurrentActor>
  readonly markAbsent: (id: string) => Effect.Effect<Participation, Failure, CurrentActor>
  /** Frees a place: the first waitlisted sign-up that still passes the checks moves up. */
  readonly withdraw: (id: string) => Effect.Effect<Participation, Failure, CurrentActor>
  /** input: HoursCorrection ({ hours, reason }); appends the difference, never rewrites. */
  readonly correctHours: (id: string, input: unknown) => Effect.Effect<Participation, Failure, CurrentActor>
}

export class Participations extends Context.Tag("@yinfa/core/Participations")<Participations, ParticipationsService>() {}
