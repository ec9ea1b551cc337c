import type { Store } from "@yinfa/core"
import type { Layer } from "effect"
import { Kysely, type MigrationResultSet, PostgresDialect } from "kysely"
import pg from "pg"
import { type SqlStoreHandle, scopedStoreLayer } from "../sql/handle.js"
import { makeKyselyStore } from "../sql/KyselyStore.js"
import { migrateToLatest } from "../sql/migrations/index.js"

export type { Database } from "../sql/database.js"
export type { SqlStoreHandle } from "../sql/handle.js"
export { StoreDefect } from "../sql/KyselyStore.js"

export interface PostgresStoreOptions {
  /** e.g. postgres://user:password@host:5432/yinfa */
  readonly connectionString: string
  /** Pool size per process (default 10). Several server instances each hold their own pool. */
  readonly max?: number
  /**
   * A schema to keep the tables in (created if missing; default: the server's `search_path`,
   * normally `public`). Useful when yinfa shares a database with other applications.
   */
  readonly schema?: string
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean
  /** Give up on reaching the server after this long (default 5000 ms) instead of waiting forever. */
  readonly connectionTimeoutMillis?: number
  /** Give up on a statement after this long, client side (default 60 000 ms; 0 = never). */
  readonly queryTimeoutMillis?: number
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

export const openPostgres = (options: Omit<PostgresStoreOptions, "migrate">): Kysely<any> => {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema))
    throw new Error(`yinfa: invalid PostgreSQL schema name ${options.schema}`)
  const queryTimeout = options.queryTimeoutMillis ?? 60_000
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
    idleTimeoutMillis: 30_000,
    // Notice a peer that vanished (a failover, a cut network) instead of waiting on a dead socket.
    keepAlive: true,
    ...(queryTimeout > 0 ? { query_timeout: queryTimeout } : {}),
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {})
  })
  // An idle client whose server went away emits 'error' on the pool; unhandled, that would crash
  // the process. The pool drops the client; the next query opens a new connection or fails.
  pool.on("error", () => {})
  // The same for a client in use (inside a transaction, between statements): pg-pool removes its
  // idle listener on checkout, and an 'error' event without a listener is thrown out of the
  // process. With this one the client is only marked broken; the next statement on it fails
  // (a defect for that call) and the pool discards it on release.
  pool.on("connect", (client) => {
    client.on("error", () => {})
  })
  return new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
}

const prepare = async (db: Kysely<any>, options: Pick<PostgresStoreOptions, "schema">) => {
  if (options.schema) await db.schema.createSchema(options.schema).ifNotExists().execute()
  return migrateToLatest(db, "postgres", options.schema ? { migrationTableSchema: options.schema } : {})
}

/**
 * Applies pending migrations. Safe when several instances start at once against the same
 * database: Kysely's migrator holds a PostgreSQL advisory lock while it migrates.
 */
export const migratePostgres = async (
  target: Kysely<any> | Omit<PostgresStoreOptions, "migrate">,
  options: Pick<PostgresStoreOptions, "schema"> = {}
): Promise<MigrationResultSet> => {
  if ("connectionString" in target) {
    const db = openPostgres({ ...target, max: 1 })
    try {
      return await prepare(db, target)
    } finally {
      await db.destroy()
    }
  }
  return prepare(target, options)
}

export const makePostgresStore = async (options: PostgresStoreOptions): Promise<SqlStoreHandle> => {
  const db = openPostgres(options)
  try {
    if (options.migrate !== false) await prepare(db, options)
  } catch (e) {
    await db.destroy()
    throw e
  }
  return { store: makeKyselyStore({ db, dialect: "postgres" }), db, close: () => db.destroy() }
}

/** The PostgreSQL store as a scoped Layer: opens (and migrates) on build, closes the pool on release. */
export const PostgresStoreLive = (options: PostgresStoreOptions): Layer.Layer<Store> => scopedStoreLayer(() => makePostgresStore(options))
