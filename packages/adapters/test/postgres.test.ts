import { describe, expect, it } from "@effect/vitest"
import { Q, Store } from "@yinfa/core"
import { Cause, Effect, Exit } from "effect"
import { type Kysely, sql } from "kysely"
import { makePostgresStore, migratePostgres, openPostgres } from "../src/postgres/index.js"
import { migrateToLatest } from "../src/sql/migrations/index.js"
import { runStoreContract } from "../src/testing/index.js"
import { requireUrl, withDatabase } from "./databases.js"
import { contractLayer, randomName, runSqlChecks, type SqlTarget, withFresh } from "./sqlSuite.js"

const url = requireUrl("YINFA_PG_URL", "PostgreSQL", "postgres://postgres@127.0.0.1:5432/postgres")

if (url) {
  /** Every fresh database is CREATE DATABASE yinfa_test_<random>, dropped afterwards. */
  const admin = async <A>(f: (db: Kysely<any>) => Promise<A>): Promise<A> => {
    const db = openPostgres({ connectionString: url, max: 1 })
    try {
      return await f(db)
    } finally {
      await db.destroy()
    }
  }

  const createDatabase = async () => {
    const name = randomName()
    await admin((db) => sql`create database ${sql.id(name)}`.execute(db))
    return {
      connectionString: withDatabase(url, name),
      drop: () => admin((db) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(db)).then(() => {})
    }
  }

  const target: SqlTarget = {
    name: "postgres",
    dialect: "postgres",
    fresh: async () => {
      const { connectionString, drop } = await createDatabase()
      return { open: (o) => makePostgresStore({ connectionString, max: 4, ...o }), drop }
    }
  }

  runStoreContract({ name: "postgres", layer: contractLayer(target) })
  runSqlChecks(target)

  describe("PostgreSQL specifics", () => {
    it("two migrators on one fresh database at once: both succeed, the migration is applied once", () =>
      withFresh(target, async (fresh) => {
        const [a, b] = await Promise.all([fresh.open({ migrate: false }), fresh.open({ migrate: false })])
        try {
          const results = await Promise.all([migrateToLatest(a.db, "postgres"), migrateToLatest(b.db, "postgres")])
          expect(results.map((r) => r.results?.map((m) => m.status) ?? []).sort()).toEqual([[], ["Success", "Success", "Success"]])
          const applied = await a.db.selectFrom("kysely_migration").select("name").execute()
          expect(applied.map((r) => r.name)).toEqual([
            "2026_11_28_0001_initial",
            "2026_11_28_0002_indexes",
            "2026_11_28_0003_volunteer_status_order"
          ])
        } finally {
          await a.close()
          await b.close()
        }
      }))

    it("a schema option keeps every table in that schema, and migrating it twice is a no-op", async () => {
      const { connectionString, drop } = await createDatabase()
      try {
        const result = await migratePostgres({ connectionString, schema: "yinfa_app" })
        expect(result.results?.map((r) => r.status)).toEqual(["Success", "Success", "Success"])
        expect((await migratePostgres({ connectionString, schema: "yinfa_app" })).results).toEqual([])
        const handle = await makePostgresStore({ connectionString, schema: "yinfa_app" })
        try {
          const tables = await sql<{ schema: string; name: string }>`
            select table_schema as schema, table_name as name from information_schema.tables
            where table_schema not in ('pg_catalog', 'information_schema')`.execute(handle.db)
          expect(new Set(tables.rows.map((t) => t.schema))).toEqual(new Set(["yinfa_app"]))
          expect(tables.rows.map((t) => t.name)).toContain("kysely_migration")
          expect(tables.rows.map((t) => t.name)).toContain("volunteers")
          const n = await Effect.runPromise(
            Effect.provideService(
              Effect.flatMap(Store, (s) => s.nextSequence("x")),
              Store,
              handle.store
            )
          )
          expect(n).toBe(1)
        } finally {
          await handle.close()
        }
      } finally {
        await drop()
      }
    })

    it("a connection killed by the server inside a transaction makes the call die, and the pool recovers", () =>
      withFresh(target, async (fresh) => {
        const handle = await fresh.open()
        try {
          const run = <A, E>(effect: Effect.Effect<A, E, Store>) =>
            Effect.runPromiseExit(Effect.provideService(effect, Store, handle.store))
          const exit = await run(
            Effect.flatMap(Store, (store) =>
              store.transaction(
                Effect.gen(function* () {
                  yield* store.list("volunteers", Q.all())
                  // Another session terminates this transaction's backend, as a failover would.
                  yield* Effect.promise(() =>
                    sql`select pg_terminate_backend(pid) from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`.execute(
                      handle.db
                    )
                  )
                  return yield* store.list("volunteers", Q.all())
                })
              )
            )
          )
          expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
          if (Exit.isFailure(exit)) expect(String(Cause.squash(exit.cause))).toMatch(/yinfa postgres store: list volunteers failed/)
          // The next call gets a fresh connection.
          const after = await run(Effect.flatMap(Store, (store) => store.list("volunteers", Q.all())))
          expect(after).toMatchObject({ _tag: "Success", value: { total: 0 } })
        } finally {
          await handle.close()
        }
      }))
  })
}
