import type BetterSqlite3 from "better-sqlite3"
import type { SqliteDatabase, SqliteStatement } from "kysely"

/** Prepared statements kept per connection: the shapes a store runs (a handful per table and query). */
const CAPACITY = 128

/**
 * Kysely's SQLite driver prepares every statement anew; for a bulk insert of ~1 000 rows that is
 * a statement with tens of thousands of parameters, prepared again for every chunk (about a
 * tenth of a 100 000-row import), and a list request prepares its count and its page each time.
 * Statements are kept prepared, least recently used dropped first. A streamed read holds its
 * statement until the stream ends (better-sqlite3 calls it busy); the same SQL asked for
 * meanwhile gets a statement of its own, so a busy one is never shared.
 */
export const withStatementCache = (database: BetterSqlite3.Database): SqliteDatabase => {
  const kept = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => {
      kept.clear()
      database.close()
    },
    prepare: (sql: string): SqliteStatement => {
      const hit = kept.get(sql)
      if (hit !== undefined && !hit.busy) {
        // Re-inserted: Map order is recency order.
        kept.delete(sql)
        kept.set(sql, hit)
        return hit as unknown as SqliteStatement
      }
      const statement = database.prepare(sql)
      // A busy one stays kept: its stream will end, and the next caller can have it then.
      if (hit !== undefined) return statement as unknown as SqliteStatement
      kept.set(sql, statement)
      if (kept.size > CAPACITY) kept.delete(kept.keys().next().value as string)
      return statement as unknown as SqliteStatement
    }
  }
}
