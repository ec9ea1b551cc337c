import { Store, type StoreService } from "@yinfa/core"
import { Effect, Layer } from "effect"
import type { Kysely } from "kysely"

/** What `makeSqliteStore` / `makePostgresStore` / `makeMysqlStore` hand back. */
export interface SqlStoreHandle {
  readonly store: StoreService
  /** The Kysely instance, for embedders' own queries and for tests. */
  readonly db: Kysely<any>
  /** Closes the connection pool (or the SQLite file). */
  readonly close: () => Promise<void>
}

/**
 * A scoped Layer over a handle factory: opens (and migrates) when the layer is built, closes on
 * release. Failing to open or migrate is a defect: there is nothing a caller could do about it.
 */
export const scopedStoreLayer = (open: () => Promise<SqlStoreHandle>): Layer.Layer<Store> =>
  Layer.scoped(
    Store,
    Effect.acquireRelease(Effect.promise(open), (handle) => Effect.promise(() => handle.close())).pipe(Effect.map((h) => h.store))
  )
