import type { Kysely, Migration } from "kysely"
import type { SqlDialect } from "../dialect.js"

/**
 * Indexes for the storage benchmark's list page and reporting aggregate (docs/performance.md,
 * "Storage"), chosen from EXPLAIN QUERY PLAN on the 100 000-volunteer / 600 000-entry data set.
 * Frozen like the first migration: spelled out, never edited afterwards.
 *
 * - The hours aggregate (region × category × month over a date range) reads only region_code,
 *   category, service_date and hours. The first migration's (region_code, category,
 *   service_date) index is what SQLite's planner picks for it, and then it looks every entry up
 *   in the table (3.6 s over a year); with `hours` appended the index covers the query (1.1 s).
 *   It replaces that index (a prefix of it, so nothing that used it loses). The plain
 *   service_date index becomes (service_date, region_code, category, hours) for the same reason
 *   when the date range is narrow (a month's report) and the date leads.
 * - The volunteer list filters a region on the searchable text columns and the interests and
 *   sorts by name. With the region index alone SQLite fetches each of the region's ~8 500 rows
 *   from the table to test the LIKEs (84 ms for the page, 117 ms for the count); with those
 *   columns in the index it tests them in the index and fetches only the matches (3 ms, 4.5 ms).
 *   MySQL cannot index JSON (mediumtext) columns without a prefix, and caps a key at 3 072
 *   bytes (five varchar(255) in utf8mb4 exceed it), so there the index is (region_code, name).
 * - Matching reads a region's active volunteers tier by tier (filters on expertise and
 *   interests), in volunteer-number order, a page at a time, with a count: (region_code,
 *   status, volunteer_number, interests, expertise, id) lets SQLite test the tier's filters and
 *   the excluded ids in the index and count without the table (the count went from ~100 ms to
 *   ~10 ms). MySQL again gets the indexable prefix only.
 * - A page of candidates' loads reads their confirmed participations in the month's
 *   activities: (volunteer_id, status, activity_id) answers the filter from the index (the
 *   volunteer_id index alone made SQLite fetch each of ~10 000 participations of 1 000
 *   volunteers to test the status). It replaces the plain volunteer_id index, its prefix.
 */
const HOURS_BY_GROUP_OLD = "service_hours_region_code_category_service_date_idx"
const HOURS_BY_DATE_OLD = "service_hours_service_date_idx"
const HOURS_BY_GROUP = "service_hours_region_code_category_service_date_hours_idx"
const HOURS_BY_DATE = "service_hours_service_date_region_code_category_hours_idx"
const VOLUNTEER_LIST = "volunteers_list_idx"
const VOLUNTEER_MATCH = "volunteers_match_idx"
const PARTICIPATIONS_BY_VOLUNTEER_OLD = "participations_volunteer_id_idx"
const PARTICIPATIONS_BY_VOLUNTEER = "participations_volunteer_id_status_activity_id_idx"

export const indexes = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<any>) {
    const dropIndex = (name: string, table: string) =>
      // MySQL's DROP INDEX names the table; SQLite and PostgreSQL have no such clause (index names are per schema).
      (dialect === "mysql" ? db.schema.dropIndex(name).on(table) : db.schema.dropIndex(name)).execute()
    await dropIndex(HOURS_BY_GROUP_OLD, "service_hours")
    await dropIndex(HOURS_BY_DATE_OLD, "service_hours")
    await db.schema.createIndex(HOURS_BY_GROUP).on("service_hours").columns(["region_code", "category", "service_date", "hours"]).execute()
    await db.schema.createIndex(HOURS_BY_DATE).on("service_hours").columns(["service_date", "region_code", "category", "hours"]).execute()
    await db.schema
      .createIndex(VOLUNTEER_LIST)
      .on("volunteers")
      .columns(
        dialect === "mysql"
          ? ["region_code", "name"]
          : ["region_code", "name", "volunteer_number", "former_unit", "former_position", "interests"]
      )
      .execute()
    await db.schema
      .createIndex(VOLUNTEER_MATCH)
      .on("volunteers")
      .columns(
        dialect === "mysql"
          ? ["region_code", "status", "volunteer_number"]
          : ["region_code", "status", "volunteer_number", "interests", "expertise", "id"]
      )
      .execute()
    await dropIndex(PARTICIPATIONS_BY_VOLUNTEER_OLD, "participations")
    await db.schema
      .createIndex(PARTICIPATIONS_BY_VOLUNTEER)
      .on("participations")
      .columns(["volunteer_id", "status", "activity_id"])
      .execute()
  },

  async down(db: Kysely<any>) {
    const dropIndex = (name: string, table: string) =>
      (dialect === "mysql" ? db.schema.dropIndex(name).on(table) : db.schema.dropIndex(name)).execute()
    await dropIndex(PARTICIPATIONS_BY_VOLUNTEER, "participations")
    await db.schema.createIndex(PARTICIPATIONS_BY_VOLUNTEER_OLD).on("participations").columns(["volunteer_id"]).execute()
    await dropIndex(VOLUNTEER_MATCH, "volunteers")
    await dropIndex(VOLUNTEER_LIST, "volunteers")
    await dropIndex(HOURS_BY_DATE, "service_hours")
    await dropIndex(HOURS_BY_GROUP, "service_hours")
    await db.schema.createIndex(HOURS_BY_DATE_OLD).on("service_hours").columns(["service_date"]).execute()
    await db.schema.createIndex(HOURS_BY_GROUP_OLD).on("service_hours").columns(["region_code", "category", "service_date"]).execute()
  }
})
