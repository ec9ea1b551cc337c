export type { Database, ResourceTable, SequencesTable, SnakeCase, Stored, TableName } from "./database.js"
export type { SqlDialect } from "./dialect.js"
export { type KyselyStoreOptions, makeKyselyStore, StoreDefect } from "./KyselyStore.js"
export { type MigrateOptions, migrateToLatest, migrationProvider, migrations } from "./migrations/index.js"
