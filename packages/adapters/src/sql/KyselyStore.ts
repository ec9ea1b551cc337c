import {
  type AggregateQuery,
  type AggregateRow,
  type Conflict,
  columnName,
  conflict,
  type FieldDescriptor,
  type Filter,
  NotFound,
  type Query,
  RESOURCE_SCHEMAS,
  RESOURCES,
  type ResourceName,
  type Scalar,
  type StoreService,
  searchTerms
} from "@yinfa/core"
import { Effect, Exit, FiberRef, Schema } from "effect"
import {
  CompiledQuery,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
  type Transaction
} from "kysely"
import type { SqlDialect } from "./dialect.js"
import { describeDecodeFailure, redactDriverError } from "./driverErrors.js"

/**
 * The one Store for every SQL database Kysely speaks here (SQLite, PostgreSQL, MySQL/MariaDB).
 * It translates the typed Query into SQL (never user text), encodes values per field kind on the
 * way in and decodes rows with the core schemas on the way out. Dialect differences are handled
 * where they occur and say so.
 */

/** An infrastructure failure: the database is unreachable, a statement it should accept failed. */
export class StoreDefect extends Error {
  override readonly name = "StoreDefect"
}

export interface KyselyStoreOptions {
  readonly db: Kysely<any>
  readonly dialect: SqlDialect
  /**
   * Where reads outside a transaction go (default: `db`). SQLite gives a store one connection,
   * so one long transaction (an all-or-nothing import) would hold up every other request's
   * reads; a second, read-only connection reads the last committed state meanwhile (WAL).
   */
  readonly readDb?: Kysely<any>
}

type Row = Record<string, unknown>
type Eb = ExpressionBuilder<any, any>
type Cond = Expression<SqlBool>

/** Parameters per statement stay far below every driver's limit (SQLite 32 766, PostgreSQL 65 535). */
const ID_CHUNK = 500
/**
 * Bind parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32 766 since
 * 3.32), PostgreSQL's and MySQL's 16-bit parameter count in the wire protocol (65 535).
 */
const MAX_PARAMETERS: Record<SqlDialect, number> = { sqlite: 32_766, postgres: 65_535, mysql: 65_535 }
/**
 * Rows per multi-row INSERT at most, even when the parameter limit would allow more: a few
 * hundred rows already spread the per-statement cost (a round trip, a parse) thin; past that a
 * statement only gets bigger to parse and to hold in memory. Wide tables get fewer rows (the
 * parameter limit).
 */
const MAX_INSERT_ROWS = 500
/** LIKE escape character: `!` rather than `\`, which MySQL string literals and PostgreSQL treat differently. */
const LIKE_ESCAPE = "!"

const TRUE: Cond = sql<SqlBool>`1 = 1`
const FALSE: Cond = sql<SqlBool>`1 = 0`

const likeEscape = (s: string) => s.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)
/** SQLite GLOB: `*`, `?` and `[` are special; a bracket expression makes each literal. */
const globEscape = (s: string) => s.replace(/[*?[]/g, (c) => `[${c}]`)

interface UniqueViolation {
  /** PostgreSQL constraint or MySQL key name. */
  readonly name?: string
  /** SQLite reports columns instead. */
  readonly columns?: ReadonlyArray<string>
}

const uniqueViolation = (dialect: SqlDialect, e: unknown): UniqueViolation | null => {
  if (typeof e !== "object" || e === null) return null
  const err = e as { code?: unknown; errno?: unknown; constraint?: unknown; message?: unknown }
  const message = typeof err.message === "string" ? err.message : ""
  switch (dialect) {
    case "sqlite": {
      // better-sqlite3: "UNIQUE constraint failed: volunteers.phone" (columns, not the index name).
      if (err.code !== "SQLITE_CONSTRAINT_UNIQUE" && err.code !== "SQLITE_CONSTRAINT_PRIMARYKEY") return null
      const cols = message.replace(/^.*constraint failed:\s*/i, "").split(",")
      return { columns: cols.map((c) => c.trim().split(".").pop() ?? "") }
    }
    case "postgres":
      return err.code === "23505" ? { name: typeof err.constraint === "string" ? err.constraint : "" } : null
    case "mysql": {
      // "Duplicate entry 'x' for key 'volunteers_phone_unique'" (MySQL 8 prefixes the table: 'volunteers.…').
      if (err.errno !== 1062 && err.code !== "ER_DUP_ENTRY") return null
      const key = /for key '([^']+)'/.exec(message)?.[1] ?? ""
      return { name: key.split(".").pop() ?? "" }
    }
  }
}

/** Deadlocks and serialization failures, which a short retry of a self-contained write resolves. */
const isRetryable = (dialect: SqlDialect, e: unknown): boolean => {
  const err = e as { code?: unknown; errno?: unknown }
  if (dialect === "postgres") return err?.code === "40P01" || err?.code === "40001"
  if (dialect === "mysql") return err?.errno === 1213 || err?.errno === 1205
  return err?.code === "SQLITE_BUSY"
}

interface ResourceInfo {
  readonly table: string
  readonly fields: ReadonlyMap<string, FieldDescriptor>
  /** Every field with its column, in descriptor order: the per-row loops run over this, not the map. */
  readonly columns: ReadonlyArray<{ readonly field: FieldDescriptor; readonly column: string }>
  readonly decode: (u: unknown) => unknown
  /** Constraint / index name → the fields it covers (joined with ","), for Conflict. */
  readonly uniqueByName: ReadonlyMap<string, string>
  /** Sorted column list → fields, for SQLite's column-based messages. */
  readonly uniqueByColumns: ReadonlyMap<string, string>
}

const infoFor = (resource: ResourceName): ResourceInfo => {
  const d = RESOURCES[resource]
  const uniqueByName = new Map<string, string>([
    [`${d.table}_pkey`, "id"], // PostgreSQL's name for the primary key
    ["PRIMARY", "id"] // MySQL's
  ])
  const uniqueByColumns = new Map<string, string>([["id", "id"]])
  for (const set of d.unique) {
    const cols = set.map(columnName)
    uniqueByName.set(`${d.table}_${cols.join("_")}_unique`, set.join(","))
    uniqueByColumns.set([...cols].sort().join(","), set.join(","))
  }
  return {
    table: d.table,
    fields: new Map(d.fields.map((f) => [f.name, f])),
    columns: d.fields.map((f) => ({ field: f, column: columnName(f.name) })),
    decode: Schema.decodeUnknownSync(RESOURCE_SCHEMAS[resource] as unknown as Schema.Schema<unknown, unknown, never>),
    uniqueByName,
    uniqueByColumns
  }
}

const INFO = new Map<ResourceName, ResourceInfo>()
const info = (resource: ResourceName): ResourceInfo => {
  let i = INFO.get(resource)
  if (!i) {
    i = infoFor(resource)
    INFO.set(resource, i)
  }
  return i
}

export const makeKyselyStore = ({ db, dialect, readDb = db }: KyselyStoreOptions): StoreService => {
  /** The open transaction of the current fiber (and the fibers it forks), per store. */
  const currentTrx = FiberRef.unsafeMake<Transaction<any> | null>(null)
  /** How many transactions the fiber's innermost one is nested in (0: the outermost, or none). */
  const savepointDepth = FiberRef.unsafeMake(0)

  /** Logged by whoever catches it: the driver's own words, without the values some of them quote. */
  const fail = (what: string, e: unknown) => {
    const cause = redactDriverError(e)
    return new StoreDefect(`yinfa ${dialect} store: ${what} failed: ${cause.message}`, { cause })
  }

  /** A statement on the fiber's transaction, else on `outside`; any failure is a defect. */
  const runOn =
    (outside: Kysely<any>) =>
    <A>(what: string, f: (conn: Kysely<any>) => Promise<A>): Effect.Effect<A> =>
      Effect.flatMap(FiberRef.get(currentTrx), (trx) =>
        Effect.tryPromise({ try: () => f(trx ?? outside), catch: (e) => e }).pipe(Effect.orDieWith((e) => fail(what, e)))
      )
  /** A write (or a read that must see the latest writes): outside a transaction, on the writing connection. */
  const exec = runOn(db)
  /** A read: on the fiber's transaction (it sees its own writes), else on the reading connection. */
  const read = runOn(readDb)

  // ---- values ---------------------------------------------------------------------------------

  const field = (resource: ResourceName, name: string): FieldDescriptor => {
    const f = info(resource).fields.get(name)
    // Queries are checked against the descriptor before they get here; this is the last guard
    // that nothing but a descriptor field ever becomes an identifier.
    if (!f) throw new StoreDefect(`yinfa ${dialect} store: ${resource} has no field ${name}`)
    return f
  }
  const col = (resource: ResourceName, name: string) => sql.ref(columnName(field(resource, name).name))

  const encode = (f: FieldDescriptor, v: unknown): unknown => {
    if (v === null || v === undefined) return null
    switch (f.kind) {
      case "boolean":
        // better-sqlite3 cannot bind booleans and MySQL stores tinyint: 1/0. PostgreSQL has boolean.
        return dialect === "postgres" ? Boolean(v) : v ? 1 : 0
      case "string[]":
      case "json":
        return JSON.stringify(v)
      default:
        return v
    }
  }

  const decodeValue = (f: FieldDescriptor, v: unknown): unknown => {
    if (v === null || v === undefined) return null
    switch (f.kind) {
      case "boolean":
        return typeof v === "boolean" ? v : Number(v) !== 0
      case "number":
        // pg returns numeric/bigint as strings; double precision already comes as a number.
        return typeof v === "number" ? v : Number(v)
      case "string[]":
      case "json":
        return typeof v === "string" ? JSON.parse(v) : v
      default:
        return typeof v === "string" ? v : String(v)
    }
  }

  const decodeRow = (resource: ResourceName, raw: Row): any => {
    const i = info(resource)
    const out: Row = {}
    for (const { field: f, column } of i.columns) out[f.name] = decodeValue(f, raw[column])
    try {
      return i.decode(out)
    } catch (e) {
      // Not the ParseError as cause: it carries the row's values (ID numbers, phones).
      throw new StoreDefect(
        `yinfa ${dialect} store: a stored ${resource} row (${String(raw.id)}) does not decode: ${describeDecodeFailure(e)}`
      )
    }
  }

  // ---- filters --------------------------------------------------------------------------------

  const and = (eb: Eb, conds: ReadonlyArray<Cond>): Cond => (conds.length === 0 ? TRUE : conds.length === 1 ? conds[0] : eb.and([...conds]))
  const or = (eb: Eb, conds: ReadonlyArray<Cond>): Cond => (conds.length === 0 ? FALSE : conds.length === 1 ? conds[0] : eb.or([...conds]))

  /** Case-insensitive (latin) substring. */
  const contains = (expr: RawBuilder<unknown>, value: string): Cond => {
    const escaped = likeEscape(value)
    const pattern = `%${escaped}%`
    // SQLite: without a metacharacter in the value there is nothing to escape, and it evaluates
    // a LIKE without ESCAPE noticeably faster over thousands of rows (the dashboard search).
    // PostgreSQL and MySQL always get the clause: without it their LIKE treats `\` as an escape.
    const escapeClause = dialect === "sqlite" && escaped === value ? sql`` : sql` escape '${sql.raw(LIKE_ESCAPE)}'`
    // SQLite: LIKE already ignores ASCII case and its lower() folds only ASCII too, so lowering
    // either side changes nothing but costs a function call per row and column (on the
    // benchmark's list page, most of the gap to the hand-written query). PostgreSQL: the columns are COLLATE "C", whose lower()
    // folds only ASCII (like SQLite's); the parameter must be lowered under the same collation
    // or 'É' would fold on one side only. MySQL: LIKE on a binary collation is case-sensitive,
    // so both sides are lowered (Unicode-wide there, on both sides alike).
    if (dialect === "sqlite") return sql<SqlBool>`${expr} like ${pattern}${escapeClause}`
    const rhs = dialect === "postgres" ? sql`lower(cast(${pattern} as text) collate "C")` : sql`lower(${pattern})`
    return sql<SqlBool>`lower(${expr}) like ${rhs}${escapeClause}`
  }

  /**
   * Case-sensitive match of a literal with optional wildcards on either side. LIKE is
   * case-sensitive on PostgreSQL and on MySQL's binary collations, but not on SQLite, which
   * uses GLOB instead.
   */
  const matches = (expr: RawBuilder<unknown>, before: boolean, literal: string, after: boolean): Cond => {
    if (!before && !after) return sql<SqlBool>`${expr} = ${literal}`
    if (dialect === "sqlite") return sql<SqlBool>`${expr} glob ${`${before ? "*" : ""}${globEscape(literal)}${after ? "*" : ""}`}`
    return sql<SqlBool>`${expr} like ${`${before ? "%" : ""}${likeEscape(literal)}${after ? "%" : ""}`} escape '${sql.raw(LIKE_ESCAPE)}'`
  }

  /**
   * A JSON-text array holds `value`: the JSON-encoded element appears as a whole element —
   * the only one, the first, the last or one in the middle. A quote inside an encoded string is
   * always escaped, so a `["` / `,"` … `"]` / `",` boundary can only be a real element boundary:
   * exact per element, no false hits on substrings of other elements.
   */
  const includes = (expr: RawBuilder<unknown>, value: string): Cond => {
    const e = JSON.stringify(value)
    // SQLite: a substring test first, which fails fast for most rows and spares them the four
    // GLOBs (AND short-circuits); it alone would be inexact (`","` is inside `["a","b"]`).
    const prefilter = dialect === "sqlite" ? sql`instr(${expr}, ${e}) > 0 and ` : sql``
    return sql<SqlBool>`(${prefilter}(${sql.join(
      [
        matches(expr, false, `[${e}]`, false),
        matches(expr, false, `[${e},`, true),
        matches(expr, true, `,${e}]`, false),
        matches(expr, true, `,${e},`, true)
      ],
      sql` or `
    )}))`
  }

  const filterCond = (eb: Eb, resource: ResourceName, filter: Filter): Cond => {
    switch (filter.op) {
      case "eq": {
        const c = col(resource, filter.field)
        return filter.value === null
          ? sql<SqlBool>`${c} is null`
          : sql<SqlBool>`${c} = ${encode(field(resource, filter.field), filter.value)}`
      }
      case "neq": {
        const c = col(resource, filter.field)
        if (filter.value === null) return sql<SqlBool>`${c} is not null`
        // SQL's `<>` is unknown for NULL; the domain says a null field does differ from a value.
        return sql<SqlBool>`(${c} <> ${encode(field(resource, filter.field), filter.value)} or ${c} is null)`
      }
      case "in":
      case "notIn": {
        const f = field(resource, filter.field)
        const c = col(resource, filter.field)
        const values = filter.values.filter((v) => v !== null).map((v) => encode(f, v))
        const withNull = filter.values.some((v) => v === null)
        const parts: Array<Cond> = []
        if (values.length > 0) parts.push(sql<SqlBool>`${c} in (${sql.join(values)})`)
        if (withNull) parts.push(sql<SqlBool>`${c} is null`)
        const inCond = or(eb, parts) // empty `in` matches nothing
        if (filter.op === "in") return inCond
        // NOT IN is unknown for NULL rows; spell it out so a null field is "not in" a list without null.
        if (parts.length === 0) return TRUE
        return withNull
          ? values.length > 0
            ? sql<SqlBool>`(${c} is not null and ${c} not in (${sql.join(values)}))`
            : sql<SqlBool>`${c} is not null`
          : sql<SqlBool>`(${c} is null or ${c} not in (${sql.join(values)}))`
      }
      case "gt":
      case "gte":
      case "lt":
      case "lte": {
        const op = { gt: ">", gte: ">=", lt: "<", lte: "<=" }[filter.op]
        // NULL compares as unknown, so nulls never match, as the domain says.
        return sql<SqlBool>`${col(resource, filter.field)} ${sql.raw(op)} ${encode(field(resource, filter.field), filter.value)}`
      }
      case "contains":
        return contains(col(resource, filter.field), filter.value)
      case "includes":
        return includes(col(resource, filter.field), filter.value)
      case "includesAny": {
        const c = col(resource, filter.field)
        return or(
          eb,
          filter.values.map((v) => includes(c, v))
        )
      }
      case "includesNone": {
        const c = col(resource, filter.field)
        if (filter.values.length === 0) return TRUE
        return sql<SqlBool>`(${c} is null or not ${or(
          eb,
          filter.values.map((v) => includes(c, v))
        )})`
      }
      case "search": {
        const fields = RESOURCES[resource].searchable
        return and(
          eb,
          searchTerms(filter.value).map((term) =>
            or(
              eb,
              fields.map((f) => contains(col(resource, f), term))
            )
          )
        )
      }
      case "or":
        return or(
          eb,
          filter.groups.map((group) =>
            and(
              eb,
              group.map((f) => filterCond(eb, resource, f))
            )
          )
        )
    }
  }

  const whereAll = (resource: ResourceName, filters: ReadonlyArray<Filter>) => (eb: Eb) =>
    and(
      eb,
      filters.map((f) => filterCond(eb, resource, f))
    )

  /** ASC puts NULLs first everywhere: SQLite and MySQL do by default, PostgreSQL must be told. */
  const orderModifier = (order: "ASC" | "DESC") =>
    dialect === "postgres"
      ? (ob: any) => (order === "ASC" ? ob.asc().nullsFirst() : ob.desc().nullsLast())
      : order === "ASC"
        ? ("asc" as const)
        : ("desc" as const)

  // ---- writes ---------------------------------------------------------------------------------

  const toConflict = (resource: ResourceName, id: string, violation: UniqueViolation): Conflict => {
    const i = info(resource)
    const fields =
      (violation.name !== undefined ? i.uniqueByName.get(violation.name) : undefined) ??
      (violation.columns ? i.uniqueByColumns.get([...violation.columns].sort().join(",")) : undefined) ??
      "id"
    return fields === "id"
      ? conflict("conflict.unique", `${resource} ${id} exists`, { field: "id" }, "id")
      : conflict("conflict.unique", `duplicate ${fields}`, { field: fields }, fields)
  }

  /**
   * A write that may hit a unique index. PostgreSQL aborts the whole transaction on a failed
   * statement, so inside one the write runs under a savepoint: a caller that handles the
   * Conflict can carry on. SQLite and MySQL undo only the failed statement.
   */
  const write = <A>(resource: ResourceName, id: string, what: string, f: (conn: Kysely<any>) => Promise<A>): Effect.Effect<A, Conflict> =>
    Effect.flatMap(FiberRef.get(currentTrx), (trx) => {
      const conn = trx ?? db
      const savepoint = trx !== null && dialect === "postgres"
      return Effect.tryPromise({
        try: async () => {
          if (!savepoint) return f(conn)
          await sql`savepoint yinfa_write`.execute(conn)
          try {
            const result = await f(conn)
            await sql`release savepoint yinfa_write`.execute(conn)
            return result
          } catch (e) {
            await sql`rollback to savepoint yinfa_write`.execute(conn)
            throw e
          }
        },
        catch: (e) => e
      }).pipe(
        Effect.catchAll((e) => {
          const violation = uniqueViolation(dialect, e)
          return violation ? Effect.fail(toConflict(resource, id, violation)) : Effect.die(fail(what, e))
        })
      )
    })

  /**
   * The text of a multi-row INSERT of `n` rows, every column listed, compiled by Kysely once per
   * resource and row count and then reused: a bulk load sends the same statement text for every
   * full chunk (one more for the last one), which drivers that cache prepared statements reuse,
   * and the values never go through Kysely's query builder row by row.
   */
  const insertStatements = new Map<string, string>()
  const insertStatement = (resource: ResourceName, n: number): string => {
    const key = `${resource}:${n}`
    let text = insertStatements.get(key)
    if (text === undefined) {
      const i = info(resource)
      const placeholder = Object.fromEntries(i.columns.map((c) => [c.column, null]))
      const compiled = db
        .insertInto(i.table)
        .values(Array.from({ length: n }, () => placeholder))
        .compile()
      // Every value must be a bind parameter, in row-major column order, or the values would land in the wrong columns.
      if (compiled.parameters.length !== n * i.columns.length)
        throw new StoreDefect(`yinfa ${dialect} store: the bulk insert of ${resource} did not compile to one parameter per value`)
      text = compiled.sql
      insertStatements.set(key, text)
    }
    return text
  }

  const insertMany = (resource: ResourceName, rows: ReadonlyArray<Row>): Effect.Effect<void, Conflict> =>
    Effect.suspend(() => {
      if (rows.length === 0) return Effect.void
      const i = info(resource)
      const width = i.columns.length
      const perChunk = Math.max(1, Math.min(MAX_INSERT_ROWS, Math.floor(MAX_PARAMETERS[dialect] / width)))
      const run = async (conn: Kysely<any>) => {
        for (let start = 0; start < rows.length; start += perChunk) {
          const end = Math.min(rows.length, start + perChunk)
          const params: Array<unknown> = new Array((end - start) * width)
          let k = 0
          for (let r = start; r < end; r++) {
            const row = rows[r]
            for (const { field: f } of i.columns) params[k++] = encode(f, row[f.name])
          }
          await conn.executeQuery(CompiledQuery.raw(insertStatement(resource, end - start), params))
        }
      }
      return Effect.flatMap(FiberRef.get(currentTrx), (trx) =>
        Effect.tryPromise({
          try: async () => {
            // On its own: one transaction, so a failing chunk takes the earlier ones with it.
            if (trx === null) return db.transaction().execute(run)
            // Inside the caller's transaction: a savepoint on every dialect (not only PostgreSQL,
            // as for single writes), because SQLite and MySQL would otherwise keep the chunks
            // before the failing one, and a caller who handles the Conflict would carry on with half a batch.
            await sql`savepoint yinfa_insert_many`.execute(trx)
            try {
              await run(trx)
              await sql`release savepoint yinfa_insert_many`.execute(trx)
            } catch (e) {
              await sql`rollback to savepoint yinfa_insert_many`.execute(trx)
              throw e
            }
          },
          catch: (e) => e
        }).pipe(
          Effect.catchAll((e) => {
            const violation = uniqueViolation(dialect, e)
            return violation ? Effect.fail(toConflict(resource, "of the batch", violation)) : Effect.die(fail(`insert many ${resource}`, e))
          })
        )
      )
    })

  const selectById = (resource: ResourceName, id: string) =>
    read(`get ${resource}`, (conn) => conn.selectFrom(info(resource).table).selectAll().where("id", "=", id).executeTakeFirst())

  // ---- aggregates -----------------------------------------------------------------------------

  const aggregate = (resource: ResourceName, query: AggregateQuery): Effect.Effect<ReadonlyArray<AggregateRow>> =>
    Effect.suspend(() => aggregateNow(resource, query))

  const aggregateNow = (resource: ResourceName, query: AggregateQuery): Effect.Effect<ReadonlyArray<AggregateRow>> => {
    const keys = query.groupBy.map((g, i) => {
      const c = col(resource, g.field)
      // substr is spelled the same on all three; the length is a literal so that PostgreSQL sees
      // the grouped and the selected expression as the same one.
      const expr = g.bucket ? sql`substr(${c}, 1, ${sql.lit(g.bucket === "month" ? 7 : 4)})` : c
      return { g, expr, alias: `k${i}` }
    })
    const measures = query.measures.map((m, i) => {
      const alias = `m${i}`
      const expr =
        m.fn === "count"
          ? sql`count(*)`
          : m.fn === "sum"
            ? sql`coalesce(sum(${col(resource, m.field)}), 0)`
            : sql`count(distinct ${col(resource, m.field)})`
      return { m, expr, alias }
    })
    return read(`aggregate ${resource}`, (conn) => {
      let q = conn
        .selectFrom(info(resource).table)
        .select([...keys.map((k) => k.expr.as(k.alias)), ...measures.map((m) => m.expr.as(m.alias))])
        .where(whereAll(resource, query.filters))
      if (keys.length > 0) {
        q = q.groupBy(keys.map((k) => k.expr))
        for (const k of keys) q = q.orderBy(k.expr, orderModifier("ASC") as never)
      }
      return q.execute()
    }).pipe(
      Effect.map((rows) =>
        rows.map((raw: Row) => {
          const out: Record<string, Scalar> = {}
          for (const k of keys) {
            const v = raw[k.alias]
            out[k.g.as] = k.g.bucket
              ? v === null || v === undefined
                ? null
                : String(v)
              : (decodeValue(field(resource, k.g.field), v) as Scalar)
          }
          // pg returns count(*) as a bigint string; MySQL may return sums as decimal strings.
          for (const m of measures) out[m.m.as] = Number(raw[m.alias] ?? 0)
          return out
        })
      )
    )
  }

  // ---- sequences ------------------------------------------------------------------------------

  /**
   * Increment-then-read in one transaction: the row lock (or SQLite's write lock) makes it
   * atomic. Adds `count` and answers the first value of the block (the last one, less count - 1).
   */
  const bump = async (conn: Kysely<any>, name: string, count: number): Promise<number> => {
    const insert = conn.insertInto("sequences").values({ name, value: count })
    await (dialect === "mysql"
      ? insert.onDuplicateKeyUpdate({ value: sql`value + ${count}` })
      : insert.onConflict((oc) => oc.column("name").doUpdateSet({ value: sql`sequences.value + ${count}` }))
    ).execute()
    const row = await conn.selectFrom("sequences").select("value").where("name", "=", name).executeTakeFirstOrThrow()
    return Number(row.value) - count + 1
  }

  const reserveSequence = (name: string, requested: number): Effect.Effect<number> => {
    const count = Math.max(1, Math.floor(requested))
    return Effect.flatMap(FiberRef.get(currentTrx), (trx) =>
      trx
        ? exec(`next sequence ${name}`, (conn) => bump(conn, name, count))
        : Effect.tryPromise({
            try: async () => {
              // On its own, a deadlock between two first-time callers (possible in InnoDB) is
              // retried; inside a caller's transaction the caller's work would be lost, so not there.
              for (let attempt = 1; ; attempt++) {
                try {
                  return await db.transaction().execute((t) => bump(t, name, count))
                } catch (e) {
                  if (attempt >= 5 || !isRetryable(dialect, e)) throw e
                }
              }
            },
            catch: (e) => e
          }).pipe(Effect.orDieWith((e) => fail(`next sequence ${name}`, e)))
    )
  }

  // ---- the port -------------------------------------------------------------------------------

  const store: StoreService = {
    list: (resource, query: Query) => {
      const table = info(resource).table
      const where = whereAll(resource, query.filters)
      return Effect.gen(function* () {
        const rows = yield* read(`list ${resource}`, (conn) => {
          let q = conn.selectFrom(table).selectAll().where(where)
          for (const s of query.sort) q = q.orderBy(col(resource, s.field), orderModifier(s.order) as never)
          q = q.orderBy(sql.ref("id"), orderModifier("ASC") as never)
          if (query.page) q = q.limit(query.page.limit).offset(query.page.offset)
          return q.execute()
        })
        let total = rows.length
        const page = query.page
        // A short page tells the total without counting, unless it is empty past the start.
        if (page && (rows.length >= page.limit || (rows.length === 0 && page.offset > 0))) {
          const counted = yield* read(`count ${resource}`, (conn) =>
            conn.selectFrom(table).select(sql<number | string>`count(*)`.as("n")).where(where).executeTakeFirstOrThrow()
          )
          total = Number(counted.n)
        } else if (page) total = page.offset + rows.length
        return { rows: rows.map((r) => decodeRow(resource, r)), total }
      })
    },

    getMany: (resource, ids) =>
      Effect.gen(function* () {
        const unique = [...new Set(ids)]
        const out: Array<any> = []
        for (let i = 0; i < unique.length; i += ID_CHUNK) {
          const chunk = unique.slice(i, i + ID_CHUNK)
          const rows = yield* read(`get many ${resource}`, (conn) =>
            conn.selectFrom(info(resource).table).selectAll().where("id", "in", chunk).execute()
          )
          for (const r of rows) out.push(decodeRow(resource, r))
        }
        return out
      }),

    get: (resource, id) =>
      Effect.flatMap(selectById(resource, id), (raw) =>
        raw ? Effect.succeed(decodeRow(resource, raw)) : Effect.fail(new NotFound({ resource, id }))
      ),

    insert: (resource, row) => {
      const values: Row = {}
      for (const { field: f, column } of info(resource).columns) values[column] = encode(f, (row as Row)[f.name])
      const id = String((row as Row).id)
      return write(resource, id, `insert ${resource}`, (conn) => conn.insertInto(info(resource).table).values(values).execute()).pipe(
        Effect.as(row)
      )
    },

    insertMany: (resource, rows) => insertMany(resource, rows as unknown as ReadonlyArray<Row>),

    update: (resource, id, patch) =>
      Effect.suspend(() => {
        const values: Row = {}
        for (const [name, v] of Object.entries(patch as Row)) {
          if (name === "id" || v === undefined) continue
          values[columnName(name)] = encode(field(resource, name), v)
        }
        const updated =
          Object.keys(values).length === 0
            ? Effect.void
            : write(resource, id, `update ${resource}`, (conn) =>
                conn.updateTable(info(resource).table).set(values).where("id", "=", id).execute()
              )
        return Effect.zipRight(
          updated,
          Effect.flatMap(selectById(resource, id), (raw) =>
            raw ? Effect.succeed(decodeRow(resource, raw)) : Effect.fail(new NotFound({ resource, id }))
          )
        )
      }),

    remove: (resource, id) =>
      Effect.flatMap(
        exec(`remove ${resource}`, (conn) => conn.deleteFrom(info(resource).table).where("id", "=", id).executeTakeFirst()),
        (r) => (Number(r.numDeletedRows) === 0 ? Effect.fail(new NotFound({ resource, id })) : Effect.void)
      ),

    aggregate,
    nextSequence: (name) => reserveSequence(name, 1),
    reserveSequence,

    transaction: <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.flatMap(FiberRef.get(currentTrx), (outer) =>
        outer
          ? // Inside the caller's transaction: a savepoint, so a failure undoes this effect's
            // writes alone and the caller decides whether its own go on. Named by depth: MySQL
            // replaces a savepoint of the same name instead of stacking it.
            Effect.flatMap(FiberRef.get(savepointDepth), (depth) => {
              const name = sql.raw(`yinfa_nested_${depth + 1}`)
              // On the caller's transaction: `exec` runs there, as this fiber is inside it.
              const statement = (what: string, query: RawBuilder<unknown>) => exec(what, (conn) => query.execute(conn))
              return Effect.acquireUseRelease(
                statement("savepoint", sql`savepoint ${name}`),
                () => Effect.locally(effect, savepointDepth, depth + 1),
                (_, exit) =>
                  Exit.isSuccess(exit)
                    ? statement("release savepoint", sql`release savepoint ${name}`)
                    : Effect.zipRight(
                        statement("rollback to savepoint", sql`rollback to savepoint ${name}`),
                        statement("release savepoint", sql`release savepoint ${name}`)
                      )
              )
            })
          : Effect.acquireUseRelease(
              Effect.tryPromise({ try: () => db.startTransaction().execute(), catch: (e) => e }).pipe(
                Effect.orDieWith((e) => fail("begin transaction", e))
              ),
              (trx) => Effect.locally(effect, currentTrx, trx),
              // Release runs uninterruptibly: commit on success; roll back on failure, defect or interruption.
              (trx, exit) =>
                Effect.tryPromise({
                  try: () => (Exit.isSuccess(exit) ? trx.commit().execute() : trx.rollback().execute()),
                  catch: (e) => e
                }).pipe(Effect.orDieWith((e) => fail(Exit.isSuccess(exit) ? "commit" : "rollback", e)))
            )
      )
  }
  return store
}
