import { describe, expect, it } from "@effect/vitest"
import { Q, Store } from "@yinfa/core"
import { Cause, Effect, Exit } from "effect"
import { type Kysely, sql } from "kysely"
import { makeMysqlStore, openMysql } from "../src/mysql/index.js"
import { redactDriverError } from "../src/sql/driverErrors.js"
import { migrateToLatest } from "../src/sql/migrations/index.js"
import { runStoreContract, volunteerRow } from "../src/testing/index.js"
import { requireUrl, withDatabase } from "./databases.js"
import { contractLayer, randomName, runSqlChecks, type SqlTarget, withFresh, withStore } from "./sqlSuite.js"

const url = requireUrl("YINFA_MYSQL_URL", "MySQL", "mysql://root@127.0.0.1:3306/test")

if (url) {
  /** Every fresh database is CREATE DATABASE yinfa_test_<random>, dropped afterwards. */
  const admin = async <A>(f: (db: Kysely<any>) => Promise<A>): Promise<A> => {
    const db = openMysql({ uri: url, max: 1 })
    try {
      return await f(db)
    } finally {
      await db.destroy()
    }
  }

  const target: SqlTarget = {
    name: "mysql",
    dialect: "mysql",
    fresh: async () => {
      const name = randomName()
      await admin((db) => sql`create database ${sql.id(name)} character set utf8mb4`.execute(db))
      const uri = withDatabase(url, name)
      return {
        open: (o) => makeMysqlStore({ uri, max: 4, ...o }),
        drop: () => admin((db) => sql`drop database if exists ${sql.id(name)}`.execute(db)).then(() => {})
      }
    }
  }

  runStoreContract({ name: "mysql", layer: contractLayer(target) })
  runSqlChecks(target)

  describe("MySQL specifics", () => {
    it("the server's duplicate-entry error, as the driver raises it, is logged without the value it quotes", () =>
      withStore(target, async (handle) => {
        const phone = "13805109876"
        await sql`create table dup_probe (phone varchar(20) primary key)`.execute(handle.db)
        await sql`insert into dup_probe values (${phone})`.execute(handle.db)
        const raised = await sql`insert into dup_probe values (${phone})`.execute(handle.db).then(
          () => null,
          (e: unknown) => e
        )
        expect(String((raised as Error).message)).toContain(phone)
        const copy = redactDriverError(raised)
        expect(copy.message).toMatch(/^Duplicate entry '…' for key '(dup_probe\.)?PRIMARY'$/)
        expect(copy).toMatchObject({ code: "ER_DUP_ENTRY", errno: 1062 })
        expect(JSON.stringify(copy, Object.getOwnPropertyNames(copy))).not.toContain(phone)
      }))

    it("two migrators on one fresh database at once: both succeed, the migration is applied once", () =>
      withFresh(target, async (fresh) => {
        const [a, b] = await Promise.all([fresh.open({ migrate: false }), fresh.open({ migrate: false })])
        try {
          const results = await Promise.all([migrateToLatest(a.db, "mysql"), migrateToLatest(b.db, "mysql")])
          expect(results.map((r) => r.results?.map((m) => m.status) ?? []).sort()).toEqual([[], ["Success", "Success", "Success"]])
        } finally {
          await a.close()
          await b.close()
        }
      }))

    it("tables use utf8mb4 with a binary collation: equality is case- and trailing-space-sensitive", () =>
      withStore(target, async (handle) => {
        const t = await sql<{ collation: string }>`
          select table_collation as collation from information_schema.tables
          where table_schema = database() and table_name = 'volunteers'`.execute(handle.db)
        expect(t.rows[0].collation).toMatch(/^utf8mb4_.*bin$/)
        const names = await Effect.runPromise(
          Effect.provideService(
            Effect.gen(function* () {
              const store = yield* Store
              yield* store.insert("volunteers", volunteerRow("v1", { name: "Abc" }))
              return (yield* store.list("volunteers", Q.all([Q.eq("name", "abc")]))).rows.length
            }),
            Store,
            handle.store
          )
        )
        expect(names).toBe(0)
      }))

    it("a connection killed by the server inside a transaction makes the call die, and the pool recovers", () =>
      withStore(target, async (handle) => {
        const run = <A, E>(effect: Effect.Effect<A, E, Store>) => Effect.runPromiseExit(Effect.provideService(effect, Store, handle.store))
        const exit = await run(
          Effect.flatMap(Store, (store) =>
            store.transaction(
              Effect.gen(function* () {
                yield* store.list("volunteers", Q.all())
                // Another session kills this transaction's connection, as a failover would.
                yield* Effect.promise(async () => {
                  const victims = await sql<{ id: number }>`
                    select id from information_schema.processlist
                    where db = database() and id <> connection_id()`.execute(handle.db)
                  for (const v of victims.rows) await sql`kill ${sql.raw(String(Number(v.id)))}`.execute(handle.db)
                })
                return yield* store.list("volunteers", Q.all())
              })
            )
          )
        )
        expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
        if (Exit.isFailure(exit)) expect(String(Cause.squash(exit.cause))).toMatch(/yinfa mysql store: (list volunteers|rollback) failed/)
        const after = await run(Effect.flatMap(Store, (store) => store.list("volunteers", Q.all())))
        expect(after).toMatchObject({ _tag: "Success", value: { total: 0 } })
      }))
  })
}
