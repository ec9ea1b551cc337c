import { readFileSync, renameSync, writeFileSync } from "node:fs"
import {
  type AggregateQuery,
  type AggregateRow,
  conflict,
  type Filter,
  NotFound,
  type Query,
  RESOURCE_NAMES,
  RESOURCES,
  type ResourceName,
  type Scalar,
  Store,
  type StoreService,
  searchTerms
} from "@yinfa/core"
import { Effect, FiberRef, Layer } from "effect"

/**
 * A third-party storage adapter written from scratch against the `Store` port: a document store
 * that keeps every record as a JSON string, optionally persisted to one JSON file.
 *
 * It is deliberately simple (every query scans its resource) and single-process: it shows what an
 * adapter has to get right (the Query semantics, unique fields, transactions, sequences) and how
 * the contract suite checks it, not how to store a city's data. For that, use the SQL adapters.
 */
export interface JsonDocumentStoreOptions {
  /**
   * A JSON file to load at start and to rewrite (atomically, via a temporary file) after every
   * committed write. Omitted: the documents live in memory only.
   */
  readonly file?: string
}

type Doc = Record<string, unknown> & { readonly id: string }

/** The persisted shape: JSON strings by resource and id, plus the sequences. */
interface FileImage {
  readonly documents: Record<string, Record<string, string>>
  readonly sequences: Record<string, number>
}

export const makeJsonDocumentStore = (options: JsonDocumentStoreOptions = {}): StoreService => {
  // Strings, not objects: a document can never be shared with a caller, and a snapshot of a
  // collection for a transaction is a shallow copy of a Map of immutable strings.
  let collections = new Map<ResourceName, Map<string, string>>(RESOURCE_NAMES.map((r) => [r, new Map()]))
  let sequences = new Map<string, number>()
  const inTransaction = FiberRef.unsafeMake(false)

  if (options.file) {
    let image: FileImage | null = null
    try {
      image = JSON.parse(readFileSync(options.file, "utf8")) as FileImage
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e
    }
    if (image) {
      for (const r of RESOURCE_NAMES) collections.set(r, new Map(Object.entries(image.documents[r] ?? {})))
      sequences = new Map(Object.entries(image.sequences))
    }
  }

  const flush = () => {
    if (!options.file) return
    const image: FileImage = {
      documents: Object.fromEntries([...collections].map(([r, docs]) => [r, Object.fromEntries(docs)])),
      sequences: Object.fromEntries(sequences)
    }
    const tmp = `${options.file}.tmp`
    writeFileSync(tmp, JSON.stringify(image))
    renameSync(tmp, options.file)
  }

  /** Writes outside a transaction are committed at once; inside one, at its end. */
  const committed = <A, E>(write: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.flatMap(FiberRef.get(inTransaction), (inside) => (inside ? write : Effect.tap(write, () => Effect.sync(flush))))

  const collection = (r: ResourceName) => collections.get(r) as Map<string, string>
  const docs = (r: ResourceName): Array<Doc> => [...collection(r).values()].map((s) => JSON.parse(s) as Doc)
  const read = (r: ResourceName, id: string): Doc | undefined => {
    const s = collection(r).get(id)
    return s === undefined ? undefined : (JSON.parse(s) as Doc)
  }

  /** The first unique field set another document already holds, or null. Nulls never collide. */
  const clash = (r: ResourceName, doc: Doc): string | null => {
    for (const fields of RESOURCES[r].unique) {
      if (fields.some((f) => doc[f] === null || doc[f] === undefined)) continue
      for (const other of docs(r)) {
        if (other.id !== doc.id && fields.every((f) => other[f] === doc[f])) return fields.join(",")
      }
    }
    return null
  }

  const select = (r: ResourceName, filters: ReadonlyArray<Filter>) => docs(r).filter((d) => filters.every((f) => matches(r, d, f)))

  const service: StoreService = {
    list: (resource, query) =>
      Effect.sync(() => {
        const rows = sortDocs(select(resource, query.filters), query)
        const page = query.page ? rows.slice(query.page.offset, query.page.offset + query.page.limit) : rows
        return { rows: page as never, total: rows.length }
      }),
    getMany: (resource, ids) => Effect.sync(() => [...new Set(ids)].flatMap((id) => read(resource, id) ?? []) as never),
    get: (resource, id) =>
      Effect.suspend(() => {
        const doc = read(resource, id)
        return doc ? Effect.succeed(doc as never) : Effect.fail(new NotFound({ resource, id }))
      }),
    insert: (resource, row) =>
      committed(
        Effect.suspend(() => {
          const doc = row as unknown as Doc
          if (collection(resource).has(doc.id))
            return Effect.fail(conflict("conflict.unique", `${resource} ${doc.id} exists`, { field: "id" }, "id"))
          const field = clash(resource, doc)
          if (field) return Effect.fail(conflict("conflict.unique", `duplicate ${field}`, { field }, field))
          const json = JSON.stringify(doc)
          collection(resource).set(doc.id, json)
          return Effect.succeed(JSON.parse(json) as never)
        })
      ),
    insertMany: (resource, rows) =>
      committed(
        Effect.suspend(() => {
          const batch = rows as unknown as ReadonlyArray<Doc>
          // All checks first, against the stored documents and the batch itself, so that a
          // Conflict writes nothing. One pass over the collection per unique field set, not per row.
          const ids = new Set<string>()
          for (const doc of batch) {
            if (collection(resource).has(doc.id) || ids.has(doc.id))
              return Effect.fail(conflict("conflict.unique", `${resource} ${doc.id} exists`, { field: "id" }, "id"))
            ids.add(doc.id)
          }
          const stored = batch.length > 0 && RESOURCES[resource].unique.length > 0 ? docs(resource) : []
          for (const fields of RESOURCES[resource].unique) {
            const key = (d: Doc) =>
              fields.some((f) => d[f] === null || d[f] === undefined) ? null : JSON.stringify(fields.map((f) => d[f]))
            const seen = new Set(stored.map(key).filter((k) => k !== null))
            const field = fields.join(",")
            for (const doc of batch) {
              const k = key(doc)
              if (k === null) continue
              if (seen.has(k)) return Effect.fail(conflict("conflict.unique", `duplicate ${field}`, { field }, field))
              seen.add(k)
            }
          }
          for (const doc of batch) collection(resource).set(doc.id, JSON.stringify(doc))
          return Effect.void
        })
      ),
    update: (resource, id, patch) =>
      committed(
        Effect.suspend(() => {
          const current = read(resource, id)
          if (!current) return Effect.fail(new NotFound({ resource, id }))
          const next = { ...current, ...(patch as object), id } as Doc
          const field = clash(resource, next)
          if (field) return Effect.fail(conflict("conflict.unique", `duplicate ${field}`, { field }, field))
          const json = JSON.stringify(next)
          collection(resource).set(id, json)
          return Effect.succeed(JSON.parse(json) as never)
        })
      ),
    remove: (resource, id) =>
      committed(Effect.suspend(() => (collection(resource).delete(id) ? Effect.void : Effect.fail(new NotFound({ resource, id }))))),
    aggregate: (resource, query) => Effect.sync(() => aggregate(select(resource, query.filters), query)),
    nextSequence: (name) =>
      committed(
        Effect.sync(() => {
          const next = (sequences.get(name) ?? 0) + 1
          sequences.set(name, next)
          return next
        })
      ),
    reserveSequence: (name, count) =>
      committed(
        Effect.sync(() => {
          const first = (sequences.get(name) ?? 0) + 1
          sequences.set(name, first + Math.max(1, Math.floor(count)) - 1)
          return first
        })
      ),
    transaction: (effect) =>
      Effect.flatMap(FiberRef.get(inTransaction), (nested) =>
        // Outermost or nested alike: a snapshot to put back on failure. A nested one is a
        // savepoint: its failure undoes its own writes, and the outer transaction goes on.
        Effect.suspend(() => {
          const before = new Map([...collections].map(([r, d]) => [r, new Map(d)]))
          const sequencesBefore = new Map(sequences)
          return Effect.locally(effect, inTransaction, true).pipe(
            Effect.onExit((exit) =>
              Effect.sync(() => {
                // The outermost transaction commits for the nested ones.
                if (exit._tag === "Success") return nested ? undefined : flush()
                // Failure, defect or interruption: put the snapshot back.
                collections = before
                sequences = sequencesBefore
              })
            )
          )
        })
      )
  }
  return service
}

export const JsonDocumentStoreLive = (options: JsonDocumentStoreOptions = {}): Layer.Layer<Store> =>
  Layer.sync(Store, () => makeJsonDocumentStore(options))

// ---- The Query semantics, as documented in @yinfa/core's query.ts ----

const isNull = (v: unknown) => v === null || v === undefined
const same = (v: unknown, expected: Scalar) => (expected === null ? isNull(v) : v === expected)
const holds = (v: unknown, s: string) => !isNull(v) && String(v).toLowerCase().includes(s.toLowerCase())
const elements = (v: unknown): ReadonlyArray<unknown> => (Array.isArray(v) ? v : [])

const matches = (resource: ResourceName, doc: Doc, f: Filter): boolean => {
  switch (f.op) {
    case "eq":
      return same(doc[f.field], f.value)
    case "neq":
      return !same(doc[f.field], f.value)
    case "in":
      return f.values.some((x) => same(doc[f.field], x))
    case "notIn":
      return !f.values.some((x) => same(doc[f.field], x))
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const v = doc[f.field]
      if (isNull(v)) return false
      const c =
        typeof v === "number" && typeof f.value === "number"
          ? v - f.value
          : String(v) < String(f.value)
            ? -1
            : String(v) > String(f.value)
              ? 1
              : 0
      return f.op === "gt" ? c > 0 : f.op === "gte" ? c >= 0 : f.op === "lt" ? c < 0 : c <= 0
    }
    case "contains":
      return holds(doc[f.field], f.value)
    case "includes":
      return elements(doc[f.field]).includes(f.value)
    case "includesAny":
      return f.values.some((x) => elements(doc[f.field]).includes(x))
    case "includesNone":
      return !f.values.some((x) => elements(doc[f.field]).includes(x))
    case "search":
      return searchTerms(f.value).every((term) => RESOURCES[resource].searchable.some((field) => holds(doc[field], term)))
    case "or":
      return f.groups.some((group) => group.every((g) => matches(resource, doc, g)))
  }
}

/** Nulls first; numbers numerically; booleans false first; strings by UTF-16 code unit. */
const compare = (a: unknown, b: unknown): number => {
  if (isNull(a) || isNull(b)) return isNull(a) && isNull(b) ? 0 : isNull(a) ? -1 : 1
  if (typeof a === "number" && typeof b === "number") return a - b
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b)
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

const sortDocs = (docs: Array<Doc>, query: Query) =>
  docs.sort((a, b) => {
    for (const s of query.sort) {
      const c = compare(a[s.field], b[s.field])
      if (c !== 0) return s.order === "ASC" ? c : -c
    }
    return compare(a.id, b.id)
  })

const aggregate = (docs: ReadonlyArray<Doc>, query: AggregateQuery): ReadonlyArray<AggregateRow> => {
  const groups = new Map<string, { keys: Record<string, Scalar>; members: Array<Doc> }>()
  for (const doc of docs) {
    const keys: Record<string, Scalar> = {}
    for (const g of query.groupBy) {
      const v = doc[g.field]
      keys[g.as] = isNull(v) ? null : g.bucket ? String(v).slice(0, g.bucket === "month" ? 7 : 4) : (v as Scalar)
    }
    const k = JSON.stringify(query.groupBy.map((g) => keys[g.as]))
    const group = groups.get(k) ?? { keys, members: [] }
    group.members.push(doc)
    groups.set(k, group)
  }
  // Without groupBy there is always exactly one row, even over no documents.
  if (query.groupBy.length === 0 && groups.size === 0) groups.set("[]", { keys: {}, members: [] })
  return [...groups.values()]
    .map(({ keys, members }) => {
      const row: Record<string, Scalar> = { ...keys }
      for (const m of query.measures) {
        if (m.fn === "count") row[m.as] = members.length
        else if (m.fn === "sum")
          row[m.as] = members.reduce((sum, d) => sum + (typeof d[m.field] === "number" ? (d[m.field] as number) : 0), 0)
        else row[m.as] = new Set(members.map((d) => d[m.field]).filter((v) => !isNull(v))).size
      }
      return row
    })
    .sort((a, b) => {
      for (const g of query.groupBy) {
        const c = compare(a[g.as], b[g.as])
        if (c !== 0) return c
      }
      return 0
    })
}
