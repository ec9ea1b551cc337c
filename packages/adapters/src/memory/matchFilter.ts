import { type Filter, type ResourceName, resourceDescriptor, type Scalar, searchTerms } from "@yinfa/core"

/**
 * The Query semantics in plain JavaScript: the reference every SQL translation is checked
 * against by the contract suite.
 */
const lower = (s: string) => s.toLowerCase()

const compare = (a: unknown, b: string | number): number | null => {
  if (a === null || a === undefined) return null
  if (typeof a === "number" && typeof b === "number") return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

const equal = (a: unknown, b: Scalar) => (b === null ? a === null || a === undefined : a === b)

export const matchFilter = (resource: ResourceName, row: Record<string, unknown>, filter: Filter): boolean => {
  switch (filter.op) {
    case "eq":
      return equal(row[filter.field], filter.value)
    case "neq":
      return !equal(row[filter.field], filter.value)
    case "in":
      return filter.values.some((v) => equal(row[filter.field], v))
    case "notIn":
      return !filter.values.some((v) => equal(row[filter.field], v))
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const c = compare(row[filter.field], filter.value)
      if (c === null) return false
      return filter.op === "gt" ? c > 0 : filter.op === "gte" ? c >= 0 : filter.op === "lt" ? c < 0 : c <= 0
    }
    case "contains": {
      const v = row[filter.field]
      return v !== null && v !== undefined && lower(String(v)).includes(lower(filter.value))
    }
    case "includes":
      return ((row[filter.field] as ReadonlyArray<string> | null) ?? []).includes(filter.value)
    case "includesAny": {
      const arr = (row[filter.field] as ReadonlyArray<string> | null) ?? []
      return filter.values.some((v) => arr.includes(v))
    }
    case "includesNone": {
      const arr = (row[filter.field] as ReadonlyArray<string> | null) ?? []
      return !filter.values.some((v) => arr.includes(v))
    }
    case "search": {
      const fields = resourceDescriptor(resource).searchable
      return searchTerms(filter.value).every((term) =>
        fields.some((f) => {
          const v = row[f]
          return v !== null && v !== undefined && lower(String(v)).includes(lower(term))
        })
      )
    }
    case "or":
      return filter.groups.some((group) => group.every((f) => matchFilter(resource, row, f)))
  }
}

/** ASC puts nulls first, like SQLite and MySQL; the PostgreSQL translation asks for the same. */
export const compareValues = (a: unknown, b: unknown): number => {
  const an = a === null || a === undefined
  const bn = b === null || b === undefined
  if (an || bn) return an && bn ? 0 : an ? -1 : 1
  if (typeof a === "number" && typeof b === "number") return a - b
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b)
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}
