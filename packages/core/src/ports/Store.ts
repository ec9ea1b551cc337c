import { Context, type Effect } from "effect"
import type { Conflict, NotFound } from "../errors.js"
import type { AggregateQuery, AggregateRow, ListResult, Query } from "../query.js"
import type { ResourceName, RowOf } from "../resources.js"

/**
 * The storage port. Adapters (memory, SQLite, PostgreSQL, MySQL, or an integrator's own)
 * implement it; services never see SQL. Rows are the decoded records of `RESOURCE_SCHEMAS`;
 * every row has a string `id`. Queries reach an adapter already checked against the resource
 * descriptor, so adapters may trust field names.
 *
 * Infrastructure failures (a lost connection) are defects; the error channels hold only what a
 * caller can act on.
 */
export interface StoreService {
  readonly list: <R extends ResourceName>(resource: R, query: Query) => Effect.Effect<ListResult<RowOf<R>>>
  /** Rows with these ids, in no particular order; missing ids are left out. */
  readonly getMany: <R extends ResourceName>(resource: R, ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<RowOf<R>>>
  readonly get: <R extends ResourceName>(resource: R, id: string) => Effect.Effect<RowOf<R>, NotFound>
  /** Fails with `Conflict` (key `conflict.unique`, `field` set) when a unique field collides. */
  readonly insert: <R extends ResourceName>(resource: R, row: RowOf<R>) => Effect.Effect<RowOf<R>, Conflict>
  /**
   * Inserts every row or none, for bulk loads (an import, a register). All-or-nothing: a unique
   * field colliding with a stored row or with another row of the batch fails with `Conflict`
   * (as `insert`, `field` set) and none of the rows is written. Inside a `transaction` it joins
   * it (and the caller's transaction decides); outside one it runs in its own. An empty array
   * writes nothing. The rows are not returned: a caller loading 100 000 rows does not want them back.
   */
  readonly insertMany: <R extends ResourceName>(resource: R, rows: ReadonlyArray<RowOf<R>>) => Effect.Effect<void, Conflict>
  /** Applies the given fields and returns the whole updated row. */
  readonly update: <R extends ResourceName>(
    resource: R,
    id: string,
    patch: Partial<RowOf<R>>
  ) => Effect.Effect<RowOf<R>, NotFound | Conflict>
  readonly remove: (resource: ResourceName, id: string) => Effect.Effect<void, NotFound>
  /** Grouped counts and sums, computed where the data is (GROUP BY in SQL). */
  readonly aggregate: (resource: ResourceName, query: AggregateQuery) => Effect.Effect<ReadonlyArray<AggregateRow>>
  /** The next value of a named counter, starting at 1; never hands out a value twice. */
  readonly nextSequence: (name: string) => Effect.Effect<number>
  /**
   * Reserves `count` (≥ 1) consecutive values of a named counter in one step and returns the
   * first: the caller owns `first … first + count - 1`, and no other call ever gets one of them.
   * `nextSequence(name)` is `reserveSequence(name, 1)`. For bulk writes (an import numbers
   * thousands of volunteers), where a round trip per value would dominate.
   */
  readonly reserveSequence: (name: string, count: number) => Effect.Effect<number>
  /**
   * Runs the effect in one transaction: if it fails (or dies, or is interrupted) nothing it
   * wrote stays. A transaction inside a transaction is a savepoint of the outer one: if the
   * inner effect fails, what it wrote is undone and the outer transaction goes on, or fails, as
   * its caller decides; what a successful inner effect wrote stays only if the outer one commits.
   * Inner transactions of one transaction run one after another, not concurrently.
   */
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

export class Store extends Context.Tag("@yinfa/core/Store")<Store, StoreService>() {}
