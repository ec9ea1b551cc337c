/**
 * The typed query that services hand to the store. Adapters translate it (to Kysely, to array
 * operations); nothing a user types ever becomes raw SQL. Field names are checked against the
 * resource descriptor before a query reaches an adapter.
 */
export type Scalar = string | number | boolean | null

export type Filter =
  /** Equal; `null` means IS NULL. */
  | { readonly op: "eq"; readonly field: string; readonly value: Scalar }
  /** Not equal; `null` means IS NOT NULL. Rows whose field is null do match a non-null `neq`. */
  | { readonly op: "neq"; readonly field: string; readonly value: Scalar }
  | { readonly op: "in"; readonly field: string; readonly values: ReadonlyArray<Scalar> }
  | { readonly op: "notIn"; readonly field: string; readonly values: ReadonlyArray<Scalar> }
  /** Ranges compare numbers numerically and strings (ISO dates) lexicographically; nulls never match. */
  | { readonly op: "gt" | "gte" | "lt" | "lte"; readonly field: string; readonly value: string | number }
  /** Substring, case-insensitive for latin letters; Chinese matches as typed. */
  | { readonly op: "contains"; readonly field: string; readonly value: string }
  /** An array field holds the value. */
  | { readonly op: "includes"; readonly field: string; readonly value: string }
  /** An array field holds at least one of the values. */
  | { readonly op: "includesAny"; readonly field: string; readonly values: ReadonlyArray<string> }
  /** An array field holds none of the values. */
  | { readonly op: "includesNone"; readonly field: string; readonly values: ReadonlyArray<string> }
  /**
   * Full text over the resource's searchable fields: the value is split on white space and every
   * term must be contained (as `contains`) in at least one searchable field.
   */
  | { readonly op: "search"; readonly value: string }
  /** Any of the nested filter groups matches (each group is an AND of its filters). */
  | { readonly op: "or"; readonly groups: ReadonlyArray<ReadonlyArray<Filter>> }

export type SortOrder = "ASC" | "DESC"

export interface Sort {
  readonly field: string
  readonly order: SortOrder
}

export interface Page {
  readonly offset: number
  readonly limit: number
}

export interface Query {
  /** All must match. */
  readonly filters: ReadonlyArray<Filter>
  /** Applied in order; adapters add `id ASC` last so that ties are stable. Nulls sort first in ASC. */
  readonly sort: ReadonlyArray<Sort>
  /** Omitted: every matching row. */
  readonly page?: Page
}

export interface ListResult<A> {
  readonly rows: ReadonlyArray<A>
  /** Rows matching the filters, ignoring the page. */
  readonly total: number
}

/** A group key: a field's value, or the month (YYYY-MM) or year (YYYY) prefix of an ISO date field. */
export interface GroupKey {
  readonly field: string
  readonly bucket?: "month" | "year"
  /** The key's name in result rows. */
  readonly as: string
}

export type Measure =
  | { readonly fn: "count"; readonly as: string }
  | { readonly fn: "sum"; readonly field: string; readonly as: string }
  | { readonly fn: "countDistinct"; readonly field: string; readonly as: string }

export interface AggregateQuery {
  readonly filters: ReadonlyArray<Filter>
  readonly groupBy: ReadonlyArray<GroupKey>
  readonly measures: ReadonlyArray<Measure>
}

/**
 * One row per group (one row in all when `groupBy` is empty, even over no rows: counts 0, sums 0).
 * Measures are numbers; group keys are strings, numbers, booleans or null. Rows come sorted by
 * their group keys ascending.
 */
export type AggregateRow = Readonly<Record<string, Scalar>>

export const Q = {
  all: (filters: ReadonlyArray<Filter> = [], sort: ReadonlyArray<Sort> = [], page?: Page): Query =>
    page ? { filters, sort, page } : { filters, sort },
  eq: (field: string, value: Scalar): Filter => ({ op: "eq", field, value }),
  neq: (field: string, value: Scalar): Filter => ({ op: "neq", field, value }),
  in: (field: string, values: ReadonlyArray<Scalar>): Filter => ({ op: "in", field, values }),
  notIn: (field: string, values: ReadonlyArray<Scalar>): Filter => ({ op: "notIn", field, values }),
  gt: (field: string, value: string | number): Filter => ({ op: "gt", field, value }),
  gte: (field: string, value: string | number): Filter => ({ op: "gte", field, value }),
  lt: (field: string, value: string | number): Filter => ({ op: "lt", field, value }),
  lte: (field: string, value: string | number): Filter => ({ op: "lte", field, value }),
  contains: (field: string, value: string): Filter => ({ op: "contains", field, value }),
  includes: (field: string, value: string): Filter => ({ op: "includes", field, value }),
  includesAny: (field: string, values: ReadonlyArray<string>): Filter => ({ op: "includesAny", field, values }),
  includesNone: (field: string, values: ReadonlyArray<string>): Filter => ({ op: "includesNone", field, values }),
  search: (value: string): Filter => ({ op: "search", value }),
  or: (...groups: ReadonlyArray<ReadonlyArray<Filter>>): Filter => ({ op: "or", groups })
} as const

/** Terms of a full-text `q`: split on any white space, including the ideographic space. */
export const searchTerms = (q: string): ReadonlyArray<string> => q.split(/[\s\u3000]+/).filter((t) => t.length > 0)
