import type { ResourceName, RowOf } from "@yinfa/core"

/**
 * Kysely's view of the tables, derived from the core schemas rather than written out a second
 * time: a table per resource named by its snake_case twin, a column per field, and the stored
 * form of each value. The migrations (which are frozen in time and may not import this) create
 * the same shape; `test/sql-schema.test.ts` checks the two against each other on every dialect.
 */

/** `serviceHours` → `service_hours`, `service-hours` → `service_hours` (as `columnName` in core). */
export type SnakeCase<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends "-" ? "_" : H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}`
  : S

/**
 * How a field's value is stored: booleans are `boolean` on PostgreSQL and 0/1 integers on SQLite
 * and MySQL; arrays and objects are JSON text; numbers are double precision.
 */
export type Stored<V> = V extends null
  ? null
  : V extends boolean
    ? boolean | number
    : V extends number
      ? number
      : V extends string
        ? string
        : string

export type TableName<R extends ResourceName> = SnakeCase<R>

export type ResourceTable<R extends ResourceName> = {
  [K in keyof RowOf<R> & string as SnakeCase<K>]-?: Stored<RowOf<R>[K]>
}

/** Named counters behind `nextSequence`. `value` is a bigint: PostgreSQL returns it as a string. */
export interface SequencesTable {
  name: string
  value: number | string
}

export type Database = { [R in ResourceName as TableName<R>]: ResourceTable<R> } & { sequences: SequencesTable }
