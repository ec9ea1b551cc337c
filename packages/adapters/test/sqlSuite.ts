import { describe, expect, it } from "@effect/vitest"
import { columnName, NotFound, Q, RESOURCE_NAMES, RESOURCES, Store } from "@yinfa/core"
import { Cause, Context, Effect, Exit, Layer } from "effect"
import { type Kysely, Migrator, sql } from "kysely"
import type { SqlDialect } from "../src/sql/dialect.js"
import type { SqlStoreHandle } from "../src/sql/handle.js"
import { migrateToLatest, migrationProvider } from "../src/sql/migrations/index.js"
import { auditEntryRow, experienceReportRow, mobilePhone, RawReader, serviceHourRow, volunteerRow } from "../src/testing/index.js"

/**
 * What the SQL adapter tests share: a way to make a fresh empty database for one dialect, the
 * contract-suite layer built on it, and the checks that only make sense for SQL (migrations,
 * the schema matching the core registry, lost connections).
 */
export interface FreshDatabase {
  /** Opens the store on the fresh database (migrating unless `migrate: false`). */
  readonly open: (options?: { readonly migrate?: boolean }) => Promise<SqlStoreHandle>
  /** Drops the database. */
  readonly drop: () => Promise<void>
}

export interface SqlTarget {
  readonly name: string
  readonly dialect: SqlDialect
  readonly fresh: () => Promise<FreshDatabase>
}

export const randomName = (prefix = "yinfa_test_") => `${prefix}${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`

/** Store + RawReader over a fresh database; the database is dropped when the layer is released. */
export const contractLayer = (target: SqlTarget): Layer.Layer<Store | RawReader> =>
  Layer.scopedContext(
    Effect.acquireRelease(
      Effect.promise(async () => {
        const fresh = await target.fresh()
        return { fresh, handle: await fresh.open() }
      }),
      ({ fresh, handle }) =>
        Effect.promise(async () => {
          await handle.close()
          await fresh.drop()
        })
    ).pipe(
      Effect.map(({ handle }) =>
        Context.make(Store, handle.store).pipe(
          Context.add(RawReader, {
            read: (resource, id) =>
              Effect.promise(() =>
                handle.db.selectFrom(RESOURCES[resource].table).selectAll().where("id", "=", id).executeTakeFirst()
              ).pipe(Effect.map((row) => (row ?? null) as Record<string, unknown> | null))
          })
        )
      )
    )
  )

/** A fresh database for one test, closed and dropped afterwards whatever happens. */
export const withFresh = async <A>(target: SqlTarget, f: (fresh: FreshDatabase) => Promise<A>): Promise<A> => {
  const fresh = await target.fresh()
  try {
    return await f(fresh)
  } finally {
    await fresh.drop()
  }
}

export const withStore = <A>(target: SqlTarget, f: (handle: SqlStoreHandle) => Promise<A>): Promise<A> =>
  withFresh(target, async (fresh) => {
    const handle = await fresh.open()
    try {
      return await f(handle)
    } finally {
      await handle.close()
    }
  })

const userTables = async (db: Kysely<any>) =>
  (await db.introspection.getTables())
    .filter((t) => !t.isView)
    .map((t) => t.name)
    .sort()

/** Names of the indexes on a table (in the current schema or database), sorted. */
const indexNames = async (db: Kysely<any>, dialect: SqlDialect, table: string): Promise<Array<string>> => {
  const query =
    dialect === "sqlite"
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`
      : dialect === "postgres"
        ? sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = ${table}`
        : sql<{
            name: string
          }>`select distinct index_name as name from information_schema.statistics where table_schema = database() and table_name = ${table}`
  return (await query.execute(db)).rows.map((r) => r.name).sort()
}

export const runSqlChecks = (target: SqlTarget): void => {
  const run = <A, E>(handle: SqlStoreHandle, effect: Effect.Effect<A, E, Store>) =>
    Effect.runPromiseExit(Effect.provideService(effect, Store, handle.store))

  describe(`SQL checks: ${target.name}`, () => {
    it("migrating twice is a no-op: same tables, nothing applied the second time", () =>
      withFresh(target, async (fresh) => {
        const handle = await fresh.open({ migrate: false })
        try {
          const first = await migrateToLatest(handle.db, target.dialect)
          expect(first.results?.map((r) => [r.migrationName, r.status])).toEqual([
            ["2026_11_28_0001_initial", "Success"],
            ["2026_11_28_0002_indexes", "Success"],
            ["2026_11_28_0003_volunteer_status_order", "Success"]
          ])
          const tables = await userTables(handle.db)
          const second = await migrateToLatest(handle.db, target.dialect)
          expect(second.error).toBeUndefined()
          expect(second.results).toEqual([])
          expect(await userTables(handle.db)).toEqual(tables)
        } finally {
          await handle.close()
        }
      }))

    it("migration 0003 replaces the volunteers' status index by (status, volunteer_number), and its down restores it", () =>
      withStore(target, async (handle) => {
        const OLD = "volunteers_status_idx"
        const NEW = "volunteers_status_volunteer_number_idx"
        expect(await indexNames(handle.db, target.dialect, "volunteers")).toContain(NEW)
        expect(await indexNames(handle.db, target.dialect, "volunteers")).not.toContain(OLD)
        const migrator = new Migrator({ db: handle.db, provider: migrationProvider(target.dialect) })
        const down = await migrator.migrateDown()
        expect(down.error).toBeUndefined()
        expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
          ["2026_11_28_0003_volunteer_status_order", "Down", "Success"]
        ])
        expect(await indexNames(handle.db, target.dialect, "volunteers")).toContain(OLD)
        expect(await indexNames(handle.db, target.dialect, "volunteers")).not.toContain(NEW)
        const up = await migrateToLatest(handle.db, target.dialect)
        expect(up.results?.map((r) => r.migrationName)).toEqual(["2026_11_28_0003_volunteer_status_order"])
        expect(await indexNames(handle.db, target.dialect, "volunteers")).toContain(NEW)
        expect(await indexNames(handle.db, target.dialect, "volunteers")).not.toContain(OLD)
      }))

    it("the migrated schema has a table per resource with a column per field, and the sequences table", () =>
      withStore(target, async (handle) => {
        const tables = new Map((await handle.db.introspection.getTables()).map((t) => [t.name, t]))
        for (const resource of RESOURCE_NAMES) {
          const d = RESOURCES[resource]
          const table = tables.get(d.table)
          expect(table, d.table).toBeDefined()
          const columns = new Map(table!.columns.map((c) => [c.name, c]))
          expect([...columns.keys()].sort(), d.table).toEqual(d.fields.map((f) => columnName(f.name)).sort())
          for (const f of d.fields) expect(columns.get(columnName(f.name))!.isNullable, `${d.table}.${f.name}`).toBe(f.nullable)
        }
        expect(
          tables
            .get("sequences")!
            .columns.map((c) => c.name)
            .sort()
        ).toEqual(["name", "value"])
      }))

    it("a failure inside a service-like transaction (a row and its audit entry, then a rule fails) leaves nothing", () =>
      withStore(target, async (handle) => {
        const exit = await run(
          handle,
          Effect.gen(function* () {
            const store = yield* Store
            return yield* store.transaction(
              Effect.gen(function* () {
                yield* store.insert("volunteers", volunteerRow("v-tx", { phone: mobilePhone(1) }))
                yield* store.insert("audit-log", auditEntryRow("log-tx", { recordId: "v-tx" }))
                yield* store.nextSequence("volunteer-number")
                return yield* Effect.fail("rule broken" as const)
              })
            )
          })
        )
        expect(Exit.isFailure(exit) && Cause.failureOption(exit.cause)).toEqual(expect.objectContaining({ value: "rule broken" }))
        const after = await run(
          handle,
          Effect.gen(function* () {
            const store = yield* Store
            return {
              volunteer: yield* Effect.flip(store.get("volunteers", "v-tx")),
              log: yield* Effect.flip(store.get("audit-log", "log-tx")),
              // The sequence increment was undone with the rest.
              next: yield* store.nextSequence("volunteer-number")
            }
          })
        )
        expect(Exit.isSuccess(after)).toBe(true)
        if (Exit.isSuccess(after)) {
          expect(after.value.volunteer).toBeInstanceOf(NotFound)
          expect(after.value.log).toBeInstanceOf(NotFound)
          expect(after.value.next).toBe(1)
        }
        expect(await handle.db.selectFrom("volunteers").selectAll().execute()).toEqual([])
        expect(await handle.db.selectFrom("audit_log").selectAll().execute()).toEqual([])
      }))

    it("a unique violation is a Conflict naming the field, on insert and on update", () =>
      withStore(target, async (handle) => {
        const exit = await run(
          handle,
          Effect.gen(function* () {
            const store = yield* Store
            yield* store.insert("volunteers", volunteerRow("v1", { phone: mobilePhone(7), volunteerNumber: "NO-1" }))
            yield* store.insert("volunteers", volunteerRow("v2", { phone: mobilePhone(8), volunteerNumber: "NO-2" }))
            const onInsert = yield* Effect.flip(
              store.insert("volunteers", volunteerRow("v3", { phone: mobilePhone(7), volunteerNumber: "NO-3" }))
            )
            const onUpdate = yield* Effect.flip(store.update("volunteers", "v2", { volunteerNumber: "NO-1" } as never))
            const onId = yield* Effect.flip(
              store.insert("volunteers", volunteerRow("v1", { phone: mobilePhone(9), volunteerNumber: "NO-9" }))
            )
            return { onInsert, onUpdate, onId }
          })
        )
        expect(Exit.isSuccess(exit)).toBe(true)
        if (Exit.isSuccess(exit)) {
          expect(exit.value.onInsert).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "phone" })
          expect(exit.value.onUpdate).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "volunteerNumber" })
          expect(exit.value.onId).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "id" })
        }
      }))

    it("decimal hours round-trip and sum exactly (2.5 + 1.25)", () =>
      withStore(target, async (handle) => {
        const exit = await run(
          handle,
          Effect.gen(function* () {
            const store = yield* Store
            yield* store.insert("service-hours", serviceHourRow("h1", { hours: 2.5, serviceDate: "2024-03-01" }))
            yield* store.insert("service-hours", serviceHourRow("h2", { hours: 1.25, serviceDate: "2024-03-09" }))
            const h1 = yield* store.get("service-hours", "h1")
            const agg = yield* store.aggregate("service-hours", {
              filters: [],
              groupBy: [{ field: "serviceDate", bucket: "month", as: "month" }],
              measures: [
                { fn: "sum", field: "hours", as: "hours" },
                { fn: "count", as: "n" }
              ]
            })
            return { hours: h1.hours, agg }
          })
        )
        expect(exit).toMatchObject({ _tag: "Success", value: { hours: 2.5, agg: [{ month: "2024-03", hours: 3.75, n: 2 }] } })
        const raw = await handle.db.selectFrom("service_hours").select("hours").where("id", "=", "h1").executeTakeFirstOrThrow()
        expect(Number(raw.hours)).toBe(2.5)
      }))

    it("LIKE metacharacters and the escape character itself match literally in contains and includes", () =>
      withStore(target, async (handle) => {
        const names = ["50%_off", "50xyoff", "a\\b", "a!b", "a!!b"]
        const exit = await run(
          handle,
          Effect.gen(function* () {
            const store = yield* Store
            let n = 0
            for (const name of names) {
              n++
              yield* store.insert("volunteers", volunteerRow(`v${n}`, { name, phone: mobilePhone(n) }))
              yield* store.insert("experience-reports", experienceReportRow(`r${n}`, { title: name, activityIds: [name, "Law"] }))
            }
            const ids = (filters: Parameters<typeof Q.all>[0]) =>
              Effect.map(store.list("volunteers", Q.all(filters)), (r) => r.rows.map((row) => row.name))
            const titles = (filters: Parameters<typeof Q.all>[0]) =>
              Effect.map(store.list("experience-reports", Q.all(filters)), (r) => r.rows.map((row) => row.title))
            return {
              percent: yield* ids([Q.contains("name", "%_")]),
              backslash: yield* ids([Q.contains("name", "a\\b")]),
              bang: yield* ids([Q.contains("name", "a!b")]),
              includesBackslash: yield* titles([Q.includes("activityIds", "a\\b")]),
              includesBang: yield* titles([Q.includes("activityIds", "a!b")]),
              includesPercent: yield* titles([Q.includes("activityIds", "50%_off")]),
              // Element match is case-sensitive, like the memory store's Array.includes.
              includesCase: yield* titles([Q.includes("activityIds", "law")]),
              includesAll: yield* titles([Q.includes("activityIds", "Law")])
            }
          })
        )
        expect(exit).toMatchObject({
          _tag: "Success",
          value: {
            percent: ["50%_off"],
            backslash: ["a\\b"],
            bang: ["a!b"],
            includesBackslash: ["a\\b"],
            includesBang: ["a!b"],
            includesPercent: ["50%_off"],
            includesCase: [],
            includesAll: names
          }
        })
      }))

    it("getMany over more ids than one statement takes returns exactly the rows that exist", () =>
      withStore(target, async (handle) => {
        const exit = await run(
          handle,
          Effect.gen(function* () {
            const store = yield* Store
            for (const id of ["a-0001", "a-0600", "a-1199"]) yield* store.insert("audit-log", auditEntryRow(id))
            const ids = Array.from({ length: 1200 }, (_, i) => `a-${String(i).padStart(4, "0")}`)
            return (yield* store.getMany("audit-log", ids)).map((r) => r.id).sort()
          })
        )
        expect(exit).toMatchObject({ _tag: "Success", value: ["a-0001", "a-0600", "a-1199"] })
      }))

    it("a stored row that no longer decodes dies naming the field at fault, not its value (which may be personal data)", () =>
      withStore(target, async (handle) => {
        const seeded = await run(
          handle,
          Effect.flatMap(Store, (store) => store.insert("volunteers", volunteerRow("v-bad", { phone: mobilePhone(3) })))
        )
        expect(seeded._tag).toBe("Success")
        // Written behind the store's back, as a faulty migration or a hand edit would.
        const corrupt = "13800x01234"
        await sql`update volunteers set phone = ${corrupt} where id = 'v-bad'`.execute(handle.db)
        const exit = await run(
          handle,
          Effect.flatMap(Store, (store) => store.get("volunteers", "v-bad"))
        )
        expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
        if (Exit.isFailure(exit)) {
          const logged = Cause.pretty(exit.cause)
          expect(logged).toMatch(/volunteers row \(v-bad\) does not decode: the fields phone do not match the schema/)
          expect(logged).not.toContain(corrupt)
          expect(JSON.stringify(Cause.squash(exit.cause), Object.getOwnPropertyNames(Cause.squash(exit.cause)))).not.toContain(corrupt)
        }
      }))

    it("a closed pool makes store calls die with a message naming the store, instead of hanging", () =>
      withFresh(target, async (fresh) => {
        const handle = await fresh.open()
        await handle.close()
        const exit = await run(
          handle,
          Effect.flatMap(Store, (store) => store.list("volunteers", Q.all()))
        )
        expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
        if (Exit.isFailure(exit))
          expect(String(Cause.squash(exit.cause))).toMatch(new RegExp(`yinfa ${target.dialect} store: list volunteers failed`))
      }))
  })
}
