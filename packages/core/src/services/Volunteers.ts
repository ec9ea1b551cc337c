import { Context, type Effect, type Either } from "effect"
import type { CurrentActor } from "../actor.js"
import type { Volunteer } from "../domain/volunteer.js"
import type { Conflict, Forbidden, NotFound, ValidationError } from "../errors.js"
import type { ResourceService } from "./ResourceService.js"

/**
 * Volunteers (retired cadres). `list`, `get` and `getMany` return records with the ID number,
 * phone, birth date and fitness masked; `reveal` returns them in clear to admins of the
 * volunteer's jurisdiction and writes a `read-sensitive` audit entry. `update` ignores a
 * sensitive field whose value equals its masked form (a form sent back unchanged).
 * `remove` refuses (Conflict `conflict.inUse`) a volunteer with any service record: archive instead.
 */
export interface VolunteersService extends ResourceService<Volunteer> {
  /**
   * Registers many volunteers at once (an import): each input is checked by exactly the rules of
   * `create` (schema, consent, health consent, ID number and birth date, region and Party
   * branch, channels, expertise years, the actor's jurisdiction, unique ID number and phone, also
   * against the inputs before it in the array) and answered in its own result, in input order:
   * the created volunteer (masked, as `create` answers) or what refused it. The accepted inputs
   * are written with their audit entries in one transaction (a savepoint of the caller's, if any), so
   * the result is what calling `create` on each input in turn would leave, at a few queries per
   * batch instead of several per input. The call itself fails (writing nothing) only if the store
   * refuses the batch: a Conflict from a record written concurrently, after the checks.
   */
  readonly createMany: (
    inputs: ReadonlyArray<unknown>
  ) => Effect.Effect<ReadonlyArray<Either.Either<Volunteer, VolunteerRefusal>>, Conflict, CurrentActor>
  readonly reveal: (id: string) => Effect.Effect<Volunteer, NotFound | Forbidden, CurrentActor>
  /**
   * The volunteers in the actor's scope whose volunteer number, ID number or phone is one of
   * `values`, each with the value it matched, so a caller holding many identifiers (an attendance
   * sheet) finds them in one call instead of one list per value. The records come masked, as
   * from `list`; the value is the caller's own. Viewers may not look up by ID number or phone,
   * as in `list`.
   */
  readonly findByIdentifier: (
    field: "volunteerNumber" | "idNumber" | "phone",
    values: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyArray<{ readonly value: string; readonly volunteer: Volunteer }>, ValidationError, CurrentActor>
  /**
   * `reveal` for a page of records (an export with clear values): the ones in the actor's scope,
   * in the order asked, missing and out-of-scope ids left out as `getMany` does; each revealed
   * record gets its own audit entry, all of them written in one step.
   */
  readonly revealMany: (ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Volunteer>, Forbidden, CurrentActor>
  /** input: VolunteerArchive ({ reason, note }) */
  readonly archive: (
    id: string,
    input: unknown
  ) => Effect.Effect<Volunteer, ValidationError | NotFound | Forbidden | Conflict, CurrentActor>
  readonly pause: (id: string) => Effect.Effect<Volunteer, NotFound | Forbidden | Conflict, CurrentActor>
  /** From paused or archived back to active. */
  readonly reactivate: (id: string) => Effect.Effect<Volunteer, NotFound | Forbidden | Conflict, CurrentActor>
}

/** Why `create` (or one input of `createMany`) refused a registration. */
export type VolunteerRefusal = ValidationError | Conflict | Forbidden

export class Volunteers extends Context.Tag("@yinfa/core/Volunteers")<Volunteers, VolunteersService>() {}
