import type { Store } from "@yinfa/core"
import BetterSqlite3 from "better-sqlite3"
import type { Layer } from "effect"
import { Kysely, type MigrationResultSet, SqliteDialect } from "kysely"
import { type SqlStoreHandle, scopedStoreLayer } from "../sql/handle.js"
import { makeKyselyStore } from "../sql/KyselyStore.js"
import { migrateToLatest } from "../sql/migrations/index.js"
import { withStatementCache } from "./statementCache.js"

export type { Database } from "../sql/database.js"
export type { SqlStoreHandle } from "../sql/handle.js"
export { StoreDefect } from "../sql/KyselyStore.js"

export interface SqliteStoreOptions {
  /** A file path, or ":memory:" for a database that lives as long as the store. */
  readonly filename: string
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean
  /** How long a writer waits for another process's write lock before failing (default 5000 ms). */
  readonly busyTimeoutMillis?: number
}

/**
 * Opens the file with the settings every connection needs: WAL so readers never block the
 * writer (file databases only; ":memory:" has no journal to share), foreign keys on, a busy
 * timeout so a second process waits for the write lock instead of failing at once, and
 * synchronous=NORMAL, which is durable across application crashes in WAL mode.
 */
export const openSqlite = (options: Pick<SqliteStoreOptions, "filename" | "busyTimeoutMillis">): Kysely<any> =>
  kyselyOver(openConnection(options))

const openConnection = (
  options: Pick<SqliteStoreOptions, "filename" | "busyTimeoutMillis"> & { readonly readonly?: boolean }
): BetterSqlite3.Database => {
  const database = new BetterSqlite3(options.filename, { readonly: options.readonly === true })
  if (isFile(options.filename) && options.readonly !== true) database.pragma("journal_mode = WAL")
  database.pragma("foreign_keys = ON")
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMillis ?? 5000))}`)
  database.pragma("synchronous = NORMAL")
  return database
}

const kyselyOver = (database: BetterSqlite3.Database): Kysely<any> =>
  new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) })

/** A database in a file, which a second connection can open; ":memory:" and "" are private to one. */
const isFile = (filename: string) => filename !== ":memory:" && filename !== ""

/** Applies pending migrations to an open database, or opens the file, migrates and closes it. */
export const migrateSqlite = async (target: Kysely<any> | Pick<SqliteStoreOptions, "filename">): Promise<MigrationResultSet> => {
  if ("filename" in target) {
    const db = openSqlite(target)
    try {
      return await migrateToLatest(db, "sqlite")
    } finally {
      await db.destroy()
    }
  }
  return migrateToLatest(target, "sqlite")
}

export const makeSqliteStore = async (options: SqliteStoreOptions): Promise<SqlStoreHandle> => {
  const db = openSqlite(options)
  try {
    if (options.migrate !== false) await migrateToLatest(db, "sqlite")
  } catch (e) {
    await db.destroy()
    throw e
  }
  // Opened after the migrations, by which time the file is in WAL mode: readers see the last
  // committed state while the writing connection is inside a transaction.
  const reader = isFile(options.filename) ? openConnection({ ...options, readonly: true }) : null
  const readDb = reader === null ? db : kyselyOver(reader)
  return {
    store: makeKyselyStore({ db, dialect: "sqlite", readDb }),
    db,
    close: async () => {
      if (reader !== null) {
        await readDb.destroy()
        // Kysely closes a connection only once it has used it; a store closed before any read
        // must not leave its reader open (later calls would still find it working).
        if (reader.open) reader.close()
      }
      await db.destroy()
    }
  }
}

/** The SQLite store as a scoped Layer: opens (and migrates) on build, closes on release. */
export const SqliteStoreLive = (options: SqliteStoreOptions): Layer.Layer<Store> => scopedStoreLayer(() => makeSqliteStore(options))
