import type { Kysely, Migration } from "kysely"
import type { SqlDialect } from "../dialect.js"

/**
 * The dashboard opens the volunteer roster on the active volunteers in volunteer-number order
 * (the list's default filter and sort), for every city admin. With the plain status index SQLite
 * fetched every active volunteer and sorted them for a page of ten: 32 ms on 100 000 volunteers,
 * the largest part of the dashboard's first list row (docs/performance.md, "Dashboard"). With
 * (status, volunteer_number) the page is read in index order (< 1 ms) and the count stays a
 * covering index scan. It replaces the status index, its prefix. Frozen once released.
 */
const STATUS_OLD = "volunteers_status_idx"
const STATUS_ORDER = "volunteers_status_volunteer_number_idx"

export const volunteerStatusOrder = (dialect: SqlDialect): Migration => {
  const dropIndex = (db: Kysely<any>, name: string) =>
    // MySQL's DROP INDEX names the table; SQLite and PostgreSQL have no such clause.
    (dialect === "mysql" ? db.schema.dropIndex(name).on("volunteers") : db.schema.dropIndex(name)).execute()
  return {
    async up(db: Kysely<any>) {
      await db.schema.createIndex(STATUS_ORDER).on("volunteers").columns(["status", "volunteer_number"]).execute()
      await dropIndex(db, STATUS_OLD)
    },
    async down(db: Kysely<any>) {
      await db.schema.createIndex(STATUS_OLD).on("volunteers").columns(["status"]).execute()
      await dropIndex(db, STATUS_ORDER)
    }
  }
}
