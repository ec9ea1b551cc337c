/**
 * The SQL families the one Kysely store speaks. The store and the migrations branch on it only
 * where the databases really differ; each branch says why next to it.
 */
export type SqlDialect = "sqlite" | "postgres" | "mysql"
