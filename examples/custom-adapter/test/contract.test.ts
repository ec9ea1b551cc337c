import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { RawReader, runStoreContract } from "@yinfa/adapters/testing"
import { Store } from "@yinfa/core"
import { Context, Effect, Layer } from "effect"
import { makeJsonDocumentStore } from "../src/JsonDocumentStore.js"

/**
 * Each block of the suite gets its own JSON file in a fresh directory, removed afterwards. The
 * RawReader parses the file itself, so the suite sees only writes that were committed to disk.
 */
const layer = Layer.scopedContext(
  Effect.gen(function* () {
    const dir = yield* Effect.acquireRelease(
      Effect.sync(() => mkdtempSync(join(tmpdir(), "yinfa-json-store-"))),
      (d) => Effect.sync(() => rmSync(d, { recursive: true, force: true }))
    )
    const file = join(dir, "store.json")
    const store = makeJsonDocumentStore({ file })
    const read = (resource: string, id: string) =>
      Effect.sync(() => {
        let image: { documents: Record<string, Record<string, string>> }
        try {
          image = JSON.parse(readFileSync(file, "utf8"))
        } catch {
          return null
        }
        const json = image.documents[resource]?.[id]
        return json === undefined ? null : (JSON.parse(json) as Record<string, unknown>)
      })
    return Context.make(Store, store).pipe(Context.add(RawReader, { read }))
  })
)

runStoreContract({ name: "JSON document store", layer })
