import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from "kysely"
import type { SqlDialect } from "../dialect.js"
import { initial } from "./2026_11_28_0001_initial.js"
import { indexes } from "./2026_11_28_0002_indexes.js"
import { volunteerStatusOrder } from "./2026_11_28_0003_volunteer_status_order.js"

/**
 * The one migration set, shipped in code: a file-system provider finds nothing once tsup has
 * bundled the package into `dist/`. Names are timestamps, so they sort in the order they run.
 * Each migration is a function of the dialect only where the databases' types differ.
 */
export const migrations = (dialect: SqlDialect): Record<string, Migration> => ({
  "2026_11_28_0001_initial": initial(dialect),
  "2026_11_28_0002_indexes": indexes(dialect),
  "2026_11_28_0003_volunteer_status_order": volunteerStatusOrder(dialect)
})

export const migrationProvider = (dialect: SqlDialect): MigrationProvider => ({
  getMigrations: async () => migrations(dialect)
})

export interface MigrateOptions {
  /** PostgreSQL: the schema holding Kysely's bookkeeping tables (the one on `search_path`). */
  readonly migrationTableSchema?: string
}

/**
 * Applies every pending migration. Idempotent: Kysely records applied migrations in
 * `kysely_migration`, so a second run is a no-op. Safe for several processes at once: Kysely
 * takes a lock first (a PostgreSQL advisory lock, MySQL `get_lock`, SQLite's write lock) and
 * re-reads the applied list under it. Throws when a migration fails.
 */
export const migrateToLatest = async (db: Kysely<any>, dialect: SqlDialect, options: MigrateOptions = {}): Promise<MigrationResultSet> => {
  const migrate = (conn: Kysely<any>, disableTransactions: boolean) =>
    new Migrator({
      db: conn,
      provider: migrationProvider(dialect),
      disableTransactions,
      ...(options.migrationTableSchema ? { migrationTableSchema: options.migrationTableSchema } : {})
    }).migrateToLatest()

  let result: MigrationResultSet
  if (dialect === "sqlite" && !db.isTransaction) {
    // Kysely's SQLite migration lock is a no-op (it assumes one connection), so two processes
    // opening the same file would both see the migration pending and both run it. BEGIN
    // IMMEDIATE takes SQLite's write lock before anything is read; the second process waits
    // (busy_timeout), then finds the migration applied. The whole run is one transaction.
    result = await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn)
      try {
        const r = await migrate(conn, true)
        await sql.raw(r.error ? "rollback" : "commit").execute(conn)
        return r
      } catch (e) {
        await sql`rollback`.execute(conn)
        throw e
      }
    })
  } else result = await migrate(db, false)
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName
    const cause = result.error instanceof Error ? result.error.message : String(result.error)
    throw new Error(`yinfa: migration ${failed ?? "(setup)"} failed on ${dialect}: ${cause}`, { cause: result.error })
  }
  return result
}
