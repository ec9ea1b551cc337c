import {
  type AggregateQuery,
  type AggregateRow,
  type Conflict,
  conflict,
  NotFound,
  type Query,
  RESOURCE_NAMES,
  type ResourceName,
  resourceDescriptor,
  type Scalar,
  Store,
  type StoreService
} from "@yinfa/core"
import { Effect, FiberRef, Layer } from "effect"
import { compareValues, matchFilter } from "./matchFilter.js"

type Row = Record<string, unknown> & { id: string }
type Tables = Map<ResourceName, Map<string, Row>>

const clone = <A>(a: A): A => structuredClone(a)

const sortRows = (rows: Array<Row>, query: Query) =>
  rows.sort((a, b) => {
    for (const s of query.sort) {
      const c = compareValues(a[s.field], b[s.field])
      if (c !== 0) return s.order === "ASC" ? c : -c
    }
    return compareValues(a.id, b.id)
  })

/**
 * The in-memory store: a map per resource. Transactions snapshot every table and put the
 * snapshot back when the effect fails, so a failed service call leaves nothing written.
 * Good for tests, examples and embedders who keep data elsewhere.
 */
export const makeMemoryStore = (): StoreService => makeMemoryStoreWithTables().store

/**
 * The memory store together with its tables, for tests that inspect what is stored without going
 * through the store (the contract suite's RawReader). Read-only by convention: write through the store.
 */
export const makeMemoryStoreWithTables = (): {
  readonly store: StoreService
  readonly tables: ReadonlyMap<ResourceName, ReadonlyMap<string, Readonly<Record<string, unknown>>>>
} => {
  const tables: Tables = new Map(RESOURCE_NAMES.map((r) => [r, new Map()]))
  const sequences = new Map<string, number>()
  const inTransaction = FiberRef.unsafeMake(false)

  const table = (resource: ResourceName) => tables.get(resource) as Map<string, Row>

  /** The Conflicts of `insert`, `insertMany` and `update`: a taken id, a taken unique field (or fields, joined with ","). */
  const idTaken = (resource: ResourceName, id: string) => conflict("conflict.unique", `${resource} ${id} exists`, { field: "id" }, "id")
  const duplicate = (field: string) => conflict("conflict.unique", `duplicate ${field}`, { field }, field)

  const uniqueClash = (resource: ResourceName, row: Row): string | null => {
    for (const fields of resourceDescriptor(resource).unique) {
      if (fields.some((f) => row[f] === null || row[f] === undefined)) continue
      for (const other of table(resource).values()) {
        if (other.id !== row.id && fields.every((f) => other[f] === row[f])) return fields.join(",")
      }
    }
    return null
  }

  const reserveSequence = (name: string, count: number) =>
    Effect.sync(() => {
      const first = (sequences.get(name) ?? 0) + 1
      sequences.set(name, first + Math.max(1, Math.floor(count)) - 1)
      return first
    })

  const filtered = (resource: ResourceName, filters: Query["filters"]) =>
    [...table(resource).values()].filter((row) => filters.every((f) => matchFilter(resource, row, f)))

  const service: StoreService = {
    list: (resource, query) =>
      Effect.sync(() => {
        const rows = sortRows(filtered(resource, query.filters), query)
        const page = query.page ? rows.slice(query.page.offset, query.page.offset + query.page.limit) : rows
        return { rows: clone(page) as never, total: rows.length }
      }),
    getMany: (resource, ids) =>
      Effect.sync(() => ids.flatMap((id) => (table(resource).has(id) ? [clone(table(resource).get(id))] : [])) as never),
    get: (resource, id) =>
      Effect.suspend(() => {
        const row = table(resource).get(id)
        return row ? Effect.succeed(clone(row) as never) : Effect.fail(new NotFound({ resource, id }))
      }),
    insert: (resource, row) =>
      Effect.suspend(() => {
        const r = clone(row) as unknown as Row
        if (table(resource).has(r.id)) return Effect.fail(idTaken(resource, r.id))
        const clash = uniqueClash(resource, r)
        if (clash) return Effect.fail(duplicate(clash))
        table(resource).set(r.id, r)
        return Effect.succeed(clone(r) as never)
      }),
    insertMany: (resource, rows) =>
      Effect.suspend((): Effect.Effect<void, Conflict> => {
        if (rows.length === 0) return Effect.void
        const t = table(resource)
        const batch = rows.map((row) => clone(row) as unknown as Row)
        // Every check before the first write, so a Conflict leaves the table as it was. The key
        // sets are built once: `uniqueClash` per row would scan the table once per row.
        const ids = new Set<string>()
        for (const r of batch) {
          if (t.has(r.id) || ids.has(r.id)) return Effect.fail(idTaken(resource, r.id))
          ids.add(r.id)
        }
        for (const fields of resourceDescriptor(resource).unique) {
          const key = (row: Row) =>
            fields.some((f) => row[f] === null || row[f] === undefined) ? null : JSON.stringify(fields.map((f) => row[f]))
          const seen = new Set<string>()
          for (const other of t.values()) {
            const k = key(other)
            if (k !== null) seen.add(k)
          }
          for (const r of batch) {
            const k = key(r)
            if (k === null) continue
            const name = fields.join(",")
            if (seen.has(k)) return Effect.fail(duplicate(name))
            seen.add(k)
          }
        }
        for (const r of batch) t.set(r.id, r)
        return Effect.void
      }),
    update: (resource, id, patch) =>
      Effect.suspend((): Effect.Effect<never, NotFound | Conflict> => {
        const current = table(resource).get(id)
        if (!current) return Effect.fail(new NotFound({ resource, id }))
        const next = { ...current, ...clone(patch), id } as Row
        const clash = uniqueClash(resource, next)
        if (clash) return Effect.fail(duplicate(clash))
        table(resource).set(id, next)
        return Effect.succeed(clone(next) as never)
      }),
    remove: (resource, id) =>
      Effect.suspend(() => (table(resource).delete(id) ? Effect.void : Effect.fail(new NotFound({ resource, id })))),
    aggregate: (resource, query) => Effect.sync(() => aggregateRows(filtered(resource, query.filters), query)),
    nextSequence: (name) => reserveSequence(name, 1),
    reserveSequence,
    transaction: (effect) =>
      Effect.flatMap(FiberRef.get(inTransaction), (nested) => {
        if (nested) return effect
        return Effect.suspend(() => {
          const snapshot = new Map([...tables].map(([k, v]) => [k, new Map(v)]))
          const seqSnapshot = new Map(sequences)
          return Effect.locally(effect, inTransaction, true).pipe(
            Effect.onExit((exit) =>
              Effect.sync(() => {
                if (exit._tag === "Success") return
                for (const [k, v] of snapshot) tables.set(k, v)
                sequences.clear()
                for (const [k, v] of seqSnapshot) sequences.set(k, v)
              })
            )
          )
        })
      })
  }
  return { store: service, tables }
}

const bucketed = (value: unknown, bucket: "month" | "year" | undefined): Scalar => {
  if (value === null || value === undefined) return null
  if (!bucket) return value as Scalar
  return String(value).slice(0, bucket === "month" ? 7 : 4)
}

export const aggregateRows = (rows: ReadonlyArray<Row>, query: AggregateQuery): ReadonlyArray<AggregateRow> => {
  const groups = new Map<string, { keys: Record<string, Scalar>; rows: Array<Row> }>()
  for (const row of rows) {
    const keys: Record<string, Scalar> = {}
    for (const g of query.groupBy) keys[g.as] = bucketed(row[g.field], g.bucket)
    const k = JSON.stringify(query.groupBy.map((g) => keys[g.as]))
    const group = groups.get(k) ?? { keys, rows: [] }
    group.rows.push(row)
    groups.set(k, group)
  }
  if (query.groupBy.length === 0 && groups.size === 0) groups.set("[]", { keys: {}, rows: [] })
  const out = [...groups.values()].map(({ keys, rows: members }) => {
    const result: Record<string, Scalar> = { ...keys }
    for (const m of query.measures) {
      if (m.fn === "count") result[m.as] = members.length
      else if (m.fn === "sum") result[m.as] = members.reduce((s, r) => s + (Number(r[m.field]) || 0), 0)
      else result[m.as] = new Set(members.map((r) => r[m.field]).filter((v) => v !== null && v !== undefined)).size
    }
    return result
  })
  return out.sort((a, b) => {
    for (const g of query.groupBy) {
      const c = compareValues(a[g.as], b[g.as])
      if (c !== 0) return c
    }
    return 0
  })
}

/** The memory store as a Layer for Effect programs. */
export const MemoryStoreLive: Layer.Layer<Store> = Layer.sync(Store, makeMemoryStore)
