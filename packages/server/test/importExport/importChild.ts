/**
 * Child process of the "killed mid-import" test: imports a roster into a SQLite file in
 * all-or-nothing mode and prints its progress, so the parent can kill it while rows are being
 * written. Not a test file itself (vitest includes *.test.ts only).
 */
import { makeSqliteStore } from "@yinfa/adapters/sqlite"
import { CurrentActor, Q, Store, systemActor, YANCHENG_REGIONS, YinfaConfig, YinfaServicesLive } from "@yinfa/core"
import { Effect, Layer } from "effect"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"

const [database, roster] = process.argv.slice(2)
const handle = await makeSqliteStore({ filename: database })
const layer = YinfaServicesLive.pipe(Layer.provideMerge(Layer.merge(Layer.succeed(Store, handle.store), YinfaConfig.layer())))

const program = Effect.gen(function* () {
  const store = yield* Store
  if ((yield* store.list("regions", Q.all())).total === 0) for (const r of YANCHENG_REGIONS) yield* Effect.orDie(store.insert("regions", r))
  process.stdout.write("ready\n")
  return yield* importVolunteers({ path: roster }, { batchSize: 100, onProgress: (p) => process.stdout.write(`written ${p.written}\n`) })
})

const report = await Effect.runPromise(program.pipe(Effect.provideService(CurrentActor, systemActor), Effect.provide(layer)))
process.stdout.write(`done ${report.written} ${report.committed}\n`)
await handle.close()
