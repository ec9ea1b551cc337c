import type { Effect } from "effect"
import type { CurrentActor } from "../actor.js"
import type { NotFound, ValidationError } from "../errors.js"
import type { ListResult, Query } from "../query.js"

/** Records nobody edits through the API: the audit log, the service-hour ledger. */
export interface ReadOnlyService<A> {
  readonly list: (query: Query) => Effect.Effect<ListResult<A>, ValidationError, CurrentActor>
  readonly get: (id: string) => Effect.Effect<A, NotFound, CurrentActor>
  readonly getMany: (ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<A>, never, CurrentActor>
}
