import { Context, type Effect } from "effect"
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
  readonly reveal: (id: string) => Effect.Effect<Volunteer, NotFound | Forbidden, CurrentActor>
  /** input: VolunteerArchive ({ reason, note }) */
  readonly archive: (id: string, input: unknown) => Effect.Effect<Volunteer, ValidationError | NotFound | Forbidden | Conflict, CurrentActor>
  readonly pause: (id: string) => Effect.Effect<Volunteer, NotFound | Forbidden | Conflict, CurrentActor>
  /** From paused or archived back to active. */
  readonly reactivate: (id: string) => Effect.Effect<Volunteer, NotFound | Forbidden | Conflict, CurrentActor>
}

export class Volunteers extends Context.Tag("@yinfa/core/Volunteers")<Volunteers, VolunteersService>() {}

