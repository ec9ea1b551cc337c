import type { ResourceName } from "@yinfa/core"
import { Context, type Effect } from "effect"

/**
 * A back door into the storage for the contract suite: it reads a row without going through the
 * adapter's own reads, so the suite can tell a write that reached the storage from one that only
 * lives in an adapter's cache or an uncommitted transaction (the Auth.js adapter-test idea).
 */
export class RawReader extends Context.Tag("@yinfa/adapters/testing/RawReader")<
  RawReader,
  {
    /** The stored row read straight from the storage, bypassing the adapter's own reads (column names as stored). */
    readonly read: (resource: ResourceName, id: string) => Effect.Effect<Record<string, unknown> | null>
  }
>() {}
