import type { Store } from "@yinfa/core"
import type { Layer } from "effect"
import { CompiledQuery, Kysely, type MigrationResultSet, MysqlDialect } from "kysely"
import { createPool } from "mysql2"
import { type SqlStoreHandle, scopedStoreLayer } from "../sql/handle.js"
import { makeKyselyStore } from "../sql/KyselyStore.js"
import { migrateToLatest } from "../sql/migrations/index.js"

export type { Database } from "../sql/database.js"
export type { SqlStoreHandle } from "../sql/handle.js"
export { StoreDefect } from "../sql/KyselyStore.js"

export interface MysqlStoreOptions {
  /** e.g. mysql://user:password@host:3306/yinfa (MySQL 8 or MariaDB 10.11+). */
  readonly uri: string
  /** Pool size per process (default 10). */
  readonly max?: number
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean
  /** Give up on reaching the server after this long (default 5000 ms). */
  readonly connectionTimeoutMillis?: number
}

export const openMysql = (options: Omit<MysqlStoreOptions, "migrate">): Kysely<any> => {
  const pool = createPool({
    uri: options.uri,
    connectionLimit: options.max ?? 10,
    connectTimeout: options.connectionTimeoutMillis ?? 5000,
    enableKeepAlive: true,
    // utf8mb4 on the wire, so Chinese and emoji arrive intact; the tables carry their own
    // binary collation, which wins over the connection's in comparisons.
    charset: "UTF8MB4_GENERAL_CI",
    // Counts come back as numbers (exact below 2^53); the store converts whatever arrives anyway.
    supportBigNumbers: true,
    bigNumberStrings: false
  })
  return new Kysely<any>({
    dialect: new MysqlDialect({
      pool,
      onCreateConnection: async (connection) => {
        // A known SQL mode whatever the server's default: strict (too-long text is an error, not a
        // silent truncation) and without NO_BACKSLASH_ESCAPES, which mysql2's client-side
        // parameter escaping relies on, or PIPES_AS_CONCAT/ANSI_QUOTES.
        await connection.executeQuery(
          CompiledQuery.raw(
            "set session sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY,ERROR_FOR_DIVISION_BY_ZERO'"
          )
        )
      }
    })
  })
}

/** Applies pending migrations; concurrent runs serialise on a MySQL `get_lock` taken by Kysely. */
export const migrateMysql = async (target: Kysely<any> | Omit<MysqlStoreOptions, "migrate">): Promise<MigrationResultSet> => {
  if ("uri" in target) {
    const db = openMysql({ ...target, max: 1 })
    try {
      return await migrateToLatest(db, "mysql")
    } finally {
      await db.destroy()
    }
  }
  return migrateToLatest(target, "mysql")
}

export const makeMysqlStore = async (options: MysqlStoreOptions): Promise<SqlStoreHandle> => {
  const db = openMysql(options)
  try {
    if (options.migrate !== false) await migrateToLatest(db, "mysql")
  } catch (e) {
    await db.destroy()
    throw e
  }
  return { store: makeKyselyStore({ db, dialect: "mysql" }), db, close: () => db.destroy() }
}

/** The MySQL/MariaDB store as a scoped Layer: opens (and migrates) on build, closes the pool on release. */
export const MysqlStoreLive = (options: MysqlStoreOptions): Layer.Layer<Store> => scopedStoreLayer(() => makeMysqlStore(options))
