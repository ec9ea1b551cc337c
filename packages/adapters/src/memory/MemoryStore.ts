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
 * What a transaction changed, to undo it: a row as it was (undefined: there was none), or a
 * counter as it was.
 */
type Undo =
  | { readonly resource: ResourceName; readonly id: string; readonly before: Row | undefined }
  | { readonly sequence: string; readonly before: number | undefined }

/**
 * The in-memory store: a map per resource. A transaction keeps a journal of what it changed and
 * undoes it when the effect fails, so a failed service call leaves nothing written; one inside
 * another undoes its own changes alone, as a savepoint does. Good for tests, examples and
 * embedders who keep data elsewhere.
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
  /** The journal of the fiber's innermost transaction (null outside one). */
  const journal = FiberRef.unsafeMake<Array<Undo> | null>(null)

  const table = (resource: ResourceName) => tables.get(resource) as Map<string, Row>

  /** A write with the fiber's journal at hand: `put`, `drop` and `count` go through it. */
  const writing = <A, E>(f: (log: Array<Undo> | null) => Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.flatMap(FiberRef.get(journal), (log) => Effect.suspend(() => f(log)))
  const put = (log: Array<Undo> | null, resource: ResourceName, row: Row) => {
    log?.push({ resource, id: row.id, before: table(resource).get(row.id) })
    table(resource).set(row.id, row)
  }
  const drop = (log: Array<Undo> | null, resource: ResourceName, id: string) => {
    log?.push({ resource, id, before: table(resource).get(id) })
    return table(resource).delete(id)
  }
  const count = (log: Array<Undo> | null, name: string, value: number) => {
    log?.push({ sequence: name, before: sequences.get(name) })
    sequences.set(name, value)
  }
  const undo = (log: ReadonlyArray<Undo>) => {
    for (let i = log.length - 1; i >= 0; i--) {
      const u = log[i]
      if ("sequence" in u) {
        if (u.before === undefined) sequences.delete(u.sequence)
        else sequences.set(u.sequence, u.before)
      } else if (u.before === undefined) table(u.resource).delete(u.id)
      else table(u.resource).set(u.id, u.before)
    }
  }

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

  const reserveSequence = (name: string, n: number) =>
    writing((log) => {
      const first = (sequences.get(name) ?? 0) + 1
      count(log, name, first + Math.max(1, Math.floor(n)) - 1)
      return Effect.succeed(first)
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
      writing((log) => {
        const r = clone(row) as unknown as Row
        if (table(resource).has(r.id)) return Effect.fail(idTaken(resource, r.id))
        const clash = uniqueClash(resource, r)
        if (clash) return Effect.fail(duplicate(clash))
        put(log, resource, r)
        return Effect.succeed(clone(r) as never)
      }),
    insertMany: (resource, rows) =>
      writing((log): Effect.Effect<void, Conflict> => {
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
        for (const r of batch) put(log, resource, r)
        return Effect.void
      }),
    update: (resource, id, patch) =>
      writing((log): Effect.Effect<never, NotFound | Conflict> => {
        const current = table(resource).get(id)
        if (!current) return Effect.fail(new NotFound({ resource, id }))
        const next = { ...current, ...clone(patch), id } as Row
        const clash = uniqueClash(resource, next)
        if (clash) return Effect.fail(duplicate(clash))
        put(log, resource, next)
        return Effect.succeed(clone(next) as never)
      }),
    remove: (resource, id) => writing((log) => (drop(log, resource, id) ? Effect.void : Effect.fail(new NotFound({ resource, id })))),
    aggregate: (resource, query) => Effect.sync(() => aggregateRows(filtered(resource, query.filters), query)),
    nextSequence: (name) => reserveSequence(name, 1),
    reserveSequence,
    transaction: (effect) =>
      Effect.flatMap(FiberRef.get(journal), (outer) => {
        const log: Array<Undo> = []
        return Effect.locally(effect, journal, log).pipe(
          Effect.onExit((exit) =>
            Effect.sync(() => {
              if (exit._tag === "Failure") return undo(log)
              // Kept: the enclosing transaction undoes these too if it fails.
              if (outer !== null) for (const u of log) outer.push(u)
            })
          )
        )
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
