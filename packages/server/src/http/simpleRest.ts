import {
  type Filter,
  type FieldDescriptor,
  fieldLabel,
  type Locale,
  type Query,
  Q,
  type Scalar,
  type Sort,
  translateVerbatim
} from "@yinfa/core"

/**
 * react-admin's simple-rest dialect ↔ the core's typed `Query`.
 *
 * `sort=["field","ASC"]`, `range=[start,end]` (inclusive) and `filter={...}` arrive as JSON in
 * the query string. Filters follow FakeRest's operators on a per-resource whitelist, so a typo
 * in a field name is a 400 that names it rather than a silently empty list.
 */

/** Why a parameter was refused: a catalogue key with its parameters (rendered by the caller). */
export class BadParam {
  readonly _tag = "BadParam"
  constructor(
    readonly param: "sort" | "range" | "filter" | "limit" | string,
    readonly key: string,
    readonly params: Readonly<Record<string, string | number>> = {}
  ) {}
}

/**
 * A refused parameter in the reader's language. The parameter's own name and the accepted forms
 * stay as typed (`format`, `xlsx | csv`); a record field it names (`field`, a filter's `key`)
 * reads as its label. `translate` would also turn the parameter `format` into 活动形式.
 */
export const badParamMessage = (locale: Locale, error: BadParam): string => {
  const params: Record<string, string | number> = { ...error.params }
  for (const name of ["field", "key"]) {
    const value = params[name]
    if (typeof value === "string") params[name] = fieldLabel(locale, value)
  }
  return translateVerbatim(locale, error.key, params)
}

export const MAX_PAGE = 1000

export interface Whitelist {
  /** Fields that may be filtered on, with their kinds. */
  readonly filterable: ReadonlyMap<string, FieldDescriptor>
  readonly sortable: ReadonlySet<string>
  /** Whether `q` is offered (the resource has searchable fields). */
  readonly searchable: boolean
}

export interface ListRequest {
  readonly query: Query
  /** `filter={"id":[…]}` alone: react-admin's getMany. */
  readonly ids: ReadonlyArray<string> | null
  readonly offset: number
}

const parseJson = (param: string, raw: string): unknown => {
  try {
    return JSON.parse(raw)
  } catch {
    throw new BadParam(param, "http.param.json", { param })
  }
}

export const parseSort = (raw: string | undefined, whitelist: Whitelist): ReadonlyArray<Sort> => {
  if (raw === undefined || raw === "") return []
  const value = parseJson("sort", raw)
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "string" || typeof value[1] !== "string")
    throw new BadParam("sort", "http.param.invalid", { param: "sort", detail: '["field","ASC"]' })
  const [field, order] = value as [string, string]
  const upper = order.toUpperCase()
  if (upper !== "ASC" && upper !== "DESC") throw new BadParam("sort", "http.sort.order")
  if (!whitelist.sortable.has(field)) throw new BadParam("sort", "http.sort.field", { field })
  return [{ field, order: upper }]
}

export const parseRange = (raw: string | undefined): { offset: number; limit: number } => {
  // Without a range a client gets the first page of the widest size rather than everything.
  if (raw === undefined || raw === "") return { offset: 0, limit: MAX_PAGE }
  const value = parseJson("range", raw)
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    (value[1] as number) < (value[0] as number)
  )
    throw new BadParam("range", "http.range.invalid")
  const [start, end] = value as [number, number]
  if (end - start + 1 > MAX_PAGE) throw new BadParam("range", "http.range.tooWide", { max: MAX_PAGE })
  return { offset: start, limit: end - start + 1 }
}

/** Operators by suffix, longest first so `_neq_any` is not read as `_any` of a field `x_neq`. */
const OPERATORS = ["_ninc_any", "_inc_any", "_neq_any", "_eq_any", "_gte", "_lte", "_neq", "_inc", "_eq", "_gt", "_lt", "_q"] as const
type Operator = (typeof OPERATORS)[number] | ""

const splitKey = (key: string): { field: string; op: Operator } => {
  for (const op of OPERATORS) {
    if (key.endsWith(op) && key.length > op.length) return { field: key.slice(0, -op.length), op }
  }
  return { field: key, op: "" }
}

/** Coerces a filter value to the field's kind; react-admin inputs often send numbers as strings. */
const coerce = (key: string, field: FieldDescriptor, value: unknown): Scalar => {
  const bad = () => new BadParam("filter", "http.filter.value", { key })
  if (value === null) {
    if (field.nullable) return null
    throw bad()
  }
  switch (field.kind) {
    case "number": {
      const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN
      if (!Number.isFinite(n)) throw bad()
      return n
    }
    case "boolean":
      if (typeof value === "boolean") return value
      if (value === "true" || value === "false") return value === "true"
      throw bad()
    default:
      if (typeof value === "string") return value
      if (typeof value === "number") return String(value)
      throw bad()
  }
}

const coerceList = (key: string, field: FieldDescriptor, value: unknown): ReadonlyArray<Scalar> => {
  if (!Array.isArray(value)) throw new BadParam("filter", "http.filter.value", { key })
  return value.map((v) => coerce(key, field, v))
}

const strings = (key: string, value: unknown): ReadonlyArray<string> => {
  const list = Array.isArray(value) ? value : [value]
  if (!list.every((v) => typeof v === "string")) throw new BadParam("filter", "http.filter.value", { key })
  return list as ReadonlyArray<string>
}

const translateOne = (key: string, value: unknown, whitelist: Whitelist): Filter => {
  if (key === "q") {
    if (!whitelist.searchable) throw new BadParam("filter", "http.filter.field", { field: "q" })
    if (typeof value !== "string") throw new BadParam("filter", "http.filter.value", { key })
    return Q.search(value)
  }
  const { field: name, op } = splitKey(key)
  const field = whitelist.filterable.get(name)
  if (!field) throw new BadParam("filter", "http.filter.field", { field: name })
  const isArray = field.kind === "string[]"
  const wrongOp = () => new BadParam("filter", "http.filter.operator", { key })
  switch (op) {
    case "":
    case "_eq":
      if (isArray) {
        // FakeRest: a scalar matches an array field that holds it; an array matches any of them.
        return Array.isArray(value) ? Q.includesAny(name, strings(key, value)) : Q.includes(name, strings(key, value)[0])
      }
      return Array.isArray(value) ? Q.in(name, coerceList(key, field, value)) : Q.eq(name, coerce(key, field, value))
    case "_neq":
      if (isArray) return Q.includesNone(name, strings(key, value))
      return Array.isArray(value) ? Q.notIn(name, coerceList(key, field, value)) : Q.neq(name, coerce(key, field, value))
    case "_eq_any":
      if (isArray) return Q.includesAny(name, strings(key, value))
      return Q.in(name, Array.isArray(value) ? coerceList(key, field, value) : [coerce(key, field, value)])
    case "_neq_any":
      if (isArray) return Q.includesNone(name, strings(key, value))
      return Q.notIn(name, Array.isArray(value) ? coerceList(key, field, value) : [coerce(key, field, value)])
    case "_gte":
    case "_lte":
    case "_gt":
    case "_lt": {
      if (isArray || field.kind === "boolean") throw wrongOp()
      const v = coerce(key, field, value)
      if (v === null || typeof v === "boolean") throw new BadParam("filter", "http.filter.value", { key })
      const fn = { _gte: Q.gte, _lte: Q.lte, _gt: Q.gt, _lt: Q.lt }[op]
      return fn(name, v)
    }
    case "_q":
      if (field.kind !== "string") throw wrongOp()
      if (typeof value !== "string") throw new BadParam("filter", "http.filter.value", { key })
      return Q.contains(name, value)
    case "_inc":
      if (!isArray) throw wrongOp()
      return Q.includes(name, strings(key, value)[0])
    case "_inc_any":
      if (!isArray) throw wrongOp()
      return Q.includesAny(name, strings(key, value))
    case "_ninc_any":
      if (!isArray) throw wrongOp()
      return Q.includesNone(name, strings(key, value))
  }
}

export const parseFilter = (
  raw: string | undefined,
  whitelist: Whitelist
): { filters: ReadonlyArray<Filter>; ids: ReadonlyArray<string> | null } => {
  if (raw === undefined || raw === "") return { filters: [], ids: null }
  const value = parseJson("filter", raw)
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new BadParam("filter", "http.param.invalid", { param: "filter", detail: "{...}" })
  const entries = Object.entries(value as Record<string, unknown>).filter(
    // react-admin leaves cleared inputs out, but other clients send them as undefined/""; skip those.
    ([, v]) => v !== undefined && v !== ""
  )
  if (entries.length === 1 && entries[0][0] === "id" && Array.isArray(entries[0][1])) {
    const ids = entries[0][1] as ReadonlyArray<unknown>
    if (!ids.every((id) => typeof id === "string" || typeof id === "number"))
      throw new BadParam("filter", "http.filter.value", { key: "id" })
    return { filters: [], ids: ids.map(String) }
  }
  return { filters: entries.map(([k, v]) => translateOne(k, v, whitelist)), ids: null }
}

export const parseListRequest = (
  params: { readonly sort?: string | undefined; readonly range?: string | undefined; readonly filter?: string | undefined },
  whitelist: Whitelist
): ListRequest => {
  const { filters, ids } = parseFilter(params.filter, whitelist)
  const sort = parseSort(params.sort, whitelist)
  const page = parseRange(params.range)
  return { query: Q.all(filters, sort, page), ids, offset: page.offset }
}

/**
 * `Content-Range: <resource> <first>-<last>/<total>`; an empty page is `<resource> *\/<total>`
 * (RFC 9110's unsatisfied form). ra-data-simple-rest reads the number after the last `/`.
 */
export const contentRange = (resource: string, offset: number, count: number, total: number): string =>
  count === 0 ? `${resource} */${total}` : `${resource} ${offset}-${offset + count - 1}/${total}`
