import type BetterSqlite3 from "better-sqlite3"
import type { SqliteDatabase, SqliteStatement } from "kysely"

/** Prepared statements kept per connection: the write shapes a store uses (a handful per table). */
const CAPACITY = 128

/** Only writes: they run to completion at once, so a kept statement is never busy when reused. */
const WRITE = /^\s*(insert|update|delete)\b/i

/**
 * Kysely's SQLite driver prepares every statement anew; for a bulk insert of ~1 000 rows that is
 * a statement with tens of thousands of parameters, prepared again for every chunk (about a
 * tenth of a 100 000-row import). Writes are kept prepared, least recently used dropped first.
 * Reads are not: a streamed read holds its statement until the stream ends, and the same SQL
 * run meanwhile would find it busy.
 */
export const withStatementCache = (database: BetterSqlite3.Database): SqliteDatabase => {
  const kept = new Map<string, SqliteStatement>()
  return {
    close: () => {
      kept.clear()
      database.close()
    },
    prepare: (sql: string): SqliteStatement => {
      if (!WRITE.test(sql)) return database.prepare(sql) as unknown as SqliteStatement
      const hit = kept.get(sql)
      if (hit !== undefined) {
        // Re-inserted: Map order is recency order.
        kept.delete(sql)
        kept.set(sql, hit)
        return hit
      }
      const statement = database.prepare(sql) as unknown as SqliteStatement
      kept.set(sql, statement)
      if (kept.size > CAPACITY) kept.delete(kept.keys().next().value as string)
      return statement
    }
  }
}
