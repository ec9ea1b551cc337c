import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { Q, RESOURCE_NAMES, RESOURCES, Store } from "@yinfa/core"
import { Cause, Context, Deferred, Effect, Exit, Fiber, Layer } from "effect"
import { sql } from "kysely"
import { type Database, makeSqliteStore, SqliteStoreLive } from "../src/sqlite/index.js"
import { regionRow, runStoreContract } from "../src/testing/index.js"
import { contractLayer, runSqlChecks, type SqlTarget } from "./sqlSuite.js"

// SQLite always runs: once in memory, once on a file (WAL, a second connection can see it).
const memory: SqlTarget = {
  name: "sqlite :memory:",
  dialect: "sqlite",
  fresh: async () => {
    // One in-memory database per open; opening twice gives two databases, so keep the first.
    return { open: (o) => makeSqliteStore({ filename: ":memory:", ...o }), drop: async () => {} }
  }
}

const file: SqlTarget = {
  name: "sqlite file",
  dialect: "sqlite",
  fresh: async () => {
    const dir = mkdtempSync(join(tmpdir(), "yinfa-sqlite-"))
    return {
      open: (o) => makeSqliteStore({ filename: join(dir, "yinfa.db"), ...o }),
      drop: async () => rmSync(dir, { recursive: true, force: true })
    }
  }
}

runStoreContract({ name: memory.name, layer: contractLayer(memory) })
runStoreContract({ name: file.name, layer: contractLayer(file) })
runSqlChecks(memory)
runSqlChecks(file)

describe("SQLite specifics", () => {
  it("the Database type names each resource's table and stores values by kind", () => {
    expectTypeOf<Database["service_hours"]["hours"]>().toEqualTypeOf<number>()
    expectTypeOf<Database["volunteers"]["party_member"]>().toEqualTypeOf<boolean | number>()
    expectTypeOf<Database["volunteers"]["expertise"]>().toEqualTypeOf<string>()
    expectTypeOf<Database["volunteers"]["id_number"]>().toEqualTypeOf<string | null>()
    expectTypeOf<Database["audit_log"]["changes"]>().toEqualTypeOf<string>()
    // Every resource's table is a key of Database, under the name the registry gives it.
    const tables: ReadonlyArray<string> = RESOURCE_NAMES.map((r) => RESOURCES[r].table)
    expect(tables).toContain("pairing_check_ins" satisfies keyof Database)
  })

  it("SqliteStoreLive closes the database when its scope closes", async () => {
    const store = await Effect.runPromise(
      Effect.scoped(Effect.map(Layer.build(SqliteStoreLive({ filename: ":memory:" })), (ctx) => Context.get(ctx, Store)))
    )
    const exit = await Effect.runPromiseExit(store.list("volunteers", Q.all()))
    expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
    if (Exit.isFailure(exit)) expect(String(Cause.squash(exit.cause))).toMatch(/yinfa sqlite store: list volunteers failed/)
  })

  it("a file store's reads do not wait for another fiber's open transaction, and see only what is committed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yinfa-sqlite-"))
    const handle = await makeSqliteStore({ filename: join(dir, "yinfa.db") })
    const { store } = handle
    try {
      await Effect.runPromise(
        Effect.gen(function* () {
          yield* Effect.orDie(store.insert("regions", regionRow("r-1", { code: "320901", name: "一区" })))
          const written = yield* Deferred.make<void>()
          const release = yield* Deferred.make<void>()
          // An import-like transaction: it writes, then stays open until released.
          const importing = yield* Effect.fork(
            store.transaction(
              Effect.gen(function* () {
                yield* Effect.orDie(store.insert("regions", regionRow("r-2", { code: "320902", name: "二区" })))
                yield* Deferred.succeed(written, undefined)
                yield* Deferred.await(release)
              })
            )
          )
          yield* Deferred.await(written)
          // With one connection these reads would wait for the commit, which waits for them: the test would hang.
          const during = yield* store.list("regions", Q.all([], [{ field: "code", order: "ASC" }]))
          expect(during.rows.map((r) => r.id)).toEqual(["r-1"])
          expect((yield* store.getMany("regions", ["r-1", "r-2"])).map((r) => r.id)).toEqual(["r-1"])
          expect(Exit.isFailure(yield* Effect.exit(store.get("regions", "r-2")))).toBe(true)
          yield* Deferred.succeed(release, undefined)
          yield* Fiber.join(importing)
          const after = yield* store.list("regions", Q.all([], [{ field: "code", order: "ASC" }]))
          expect(after.rows.map((r) => r.id)).toEqual(["r-1", "r-2"])
        })
      )
    } finally {
      await handle.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("file databases run in WAL mode with foreign keys on and a busy timeout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yinfa-sqlite-"))
    const handle = await makeSqliteStore({ filename: join(dir, "yinfa.db") })
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db)
      expect(mode.rows[0].journal_mode).toBe("wal")
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db)
      expect(fk.rows[0].foreign_keys).toBe(1)
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(handle.db)
      expect(busy.rows[0].timeout).toBe(5000)
    } finally {
      await handle.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("two processes migrating one new file at once: one applies the migration, the other waits and finds it done", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yinfa-sqlite-"))
    const filename = join(dir, "yinfa.db")
    const script = fileURLToPath(new URL("./fixtures/migrate-sqlite.ts", import.meta.url))
    const migrate = () =>
      new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          ["--import", "tsx", "--conditions=source", script, filename],
          { timeout: 60_000 },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))
        )
      )
    try {
      const outputs = await Promise.all([migrate(), migrate()])
      // Exactly one process applied it; the other found nothing pending.
      expect(outputs.map((o) => JSON.parse(o)).sort()).toEqual([[], ["Success", "Success", "Success"]])
      const handle = await makeSqliteStore({ filename, migrate: false })
      try {
        const applied = await handle.db.selectFrom("kysely_migration").select("name").execute()
        expect(applied.map((r) => r.name)).toEqual([
          "2026_11_28_0001_initial",
          "2026_11_28_0002_indexes",
          "2026_11_28_0003_volunteer_status_order"
        ])
      } finally {
        await handle.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
