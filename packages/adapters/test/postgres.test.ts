import { describe, expect, it } from "@effect/vitest"
import { Q, Store } from "@yinfa/core"
import { Cause, Effect, Exit } from "effect"
import { type Kysely, sql } from "kysely"
import { makePostgresStore, migratePostgres, openPostgres } from "../src/postgres/index.js"
import { redactDriverError } from "../src/sql/driverErrors.js"
import { migrateToLatest } from "../src/sql/migrations/index.js"
import { runStoreContract } from "../src/testing/index.js"
import { requireUrl, withDatabase } from "./databases.js"
import { contractLayer, randomName, runSqlChecks, type SqlTarget, withFresh, withStore } from "./sqlSuite.js"

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
    it("the server's errors, as the driver raises them, are logged without the values they quote or detail", () =>
      withStore(target, async (handle) => {
        const phone = "13805109876"
        const invalid = await sql`select cast(${`x${phone}`} as integer)`.execute(handle.db).then(
          () => null,
          (e: unknown) => e
        )
        expect(String((invalid as Error).message)).toContain(phone)
        const invalidCopy = redactDriverError(invalid)
        expect(invalidCopy.message).toBe("invalid input syntax for type integer: '…'")
        expect(invalidCopy).toMatchObject({ code: "22P02" })
        const outOfRange = await sql`select cast(${phone} as integer)`.execute(handle.db).then(
          () => null,
          (e: unknown) => e
        )
        expect(String((outOfRange as Error).message)).toContain(phone)
        const outOfRangeCopy = redactDriverError(outOfRange)
        expect(outOfRangeCopy.message).toBe("value '…' is out of range for type integer")
        await sql`create table dup_probe (phone varchar(20) primary key)`.execute(handle.db)
        await sql`insert into dup_probe values (${phone})`.execute(handle.db)
        const duplicate = await sql`insert into dup_probe values (${phone})`.execute(handle.db).then(
          () => null,
          (e: unknown) => e
        )
        expect(String((duplicate as { detail?: string }).detail)).toContain(phone)
        const copy = redactDriverError(duplicate)
        expect(copy).toMatchObject({ code: "23505", constraint: "dup_probe_pkey" })
        for (const e of [invalidCopy, outOfRangeCopy, copy]) expect(JSON.stringify(e, Object.getOwnPropertyNames(e))).not.toContain(phone)
      }))

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
