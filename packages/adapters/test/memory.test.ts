import { Store } from "@yinfa/core"
import { Context, Effect, Layer } from "effect"
import { makeMemoryStoreWithTables } from "../src/memory/index.js"
import { RawReader, runStoreContract } from "../src/testing/index.js"

// A fresh memory store per block of the suite; the RawReader looks into its tables directly.
const layer = Layer.effectContext(
  Effect.sync(() => {
    const { store, tables } = makeMemoryStoreWithTables()
    return Context.make(Store, store).pipe(
      Context.add(RawReader, {
        read: (resource, id) =>
          Effect.sync(() => {
            const row = tables.get(resource)?.get(id)
            return row ? structuredClone(row) : null
          })
      })
    )
  })
)

runStoreContract({ name: "memory", layer })
