import { Effect, Either, Schema } from "effect"
import { type Actor, CurrentActor, inScope, requireWriteIn, scopeFilters, writeRefusalIn } from "../../actor.js"
import { type Conflict, conflict, invalid, NotFound, type ValidationError } from "../../errors.js"
import { type StatusAction, type StatusResource, toValidationError } from "../../i18n/index.js"
import type { Filter, ListResult, Query } from "../../query.js"
import { Store } from "../../ports/Store.js"
import { resourceDescriptor, type ResourceName, type RowOf } from "../../resources.js"
import { type AuditInput, writeAudit, writeAuditMany } from "./audit.js"

const DECODE_OPTIONS = { errors: "all", onExcessProperty: "ignore" } as const

/** Decodes untrusted input (JSON from HTTP, objects from embedders) into a command. */
export const decodeInput = <A, I>(schema: Schema.Schema<A, I, never>, input: unknown): Effect.Effect<A, ValidationError> =>
  Effect.mapError(Schema.decodeUnknown(schema, DECODE_OPTIONS)(input), toValidationError)

/**
 * `decodeInput` as a plain function, for bulk paths that decode thousands of inputs: the same
 * options and the same errors, without an effect per input.
 */
export const decodeInputEither = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const decode = Schema.decodeUnknownEither(schema, DECODE_OPTIONS)
  return (input: unknown): Either.Either<A, ValidationError> => Either.mapLeft(decode(input), toValidationError)
}

/**
 * Checks a query's field names against the resource: unknown fields, json fields, and sorts on
 * arrays are refused before anything reaches an adapter.
 */
export const checkQuery = (resource: ResourceName, query: Query): Effect.Effect<Query, ValidationError> => {
  const fields = new Map(resourceDescriptor(resource).fields.map((f) => [f.name, f]))
  const bad = (field: string, use: string) =>
    Effect.fail(invalid(field, "validation.query.field", `field "${field}" cannot be used for ${use}`, { field, use }))
  const checkFilters = (filters: ReadonlyArray<Filter>): Effect.Effect<void, ValidationError> =>
    Effect.forEach(
      filters,
      (f) => {
        if (f.op === "search") return Effect.void
        if (f.op === "or") return Effect.forEach(f.groups, checkFilters, { discard: true })
        const field = fields.get(f.field)
        if (!field || field.kind === "json") return bad(f.field, "filter")
        const arrayOp = f.op === "includes" || f.op === "includesAny" || f.op === "includesNone"
        if (arrayOp !== (field.kind === "string[]")) return bad(f.field, f.op)
        return Effect.void
      },
      { discard: true }
    )
  return Effect.gen(function* () {
    yield* checkFilters(query.filters)
    for (const s of query.sort) {
      const field = fields.get(s.field)
      if (!field || field.kind === "json" || field.kind === "string[]") yield* bad(s.field, "sort")
    }
    return query
  })
}

/** A list in the actor's jurisdiction. */
export const listScoped = <R extends ResourceName>(resource: R, query: Query) =>
  Effect.gen(function* () {
    const store = yield* Store
    const actor = yield* CurrentActor
    yield* checkQuery(resource, query)
    return yield* store.list(resource, { ...query, filters: [...scopeFilters(actor, resource), ...query.filters] })
  }) satisfies Effect.Effect<ListResult<RowOf<R>>, ValidationError, Store | CurrentActor>

/** A record in the actor's jurisdiction; outside it, the record does not exist for them. */
export const getScoped = <R extends ResourceName>(resource: R, id: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const actor = yield* CurrentActor
    const row = yield* store.get(resource, id)
    if (!inScope(actor, resource, row)) return yield* Effect.fail(new NotFound({ resource, id }))
    return row
  })

export const getManyScoped = <R extends ResourceName>(resource: R, ids: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const store = yield* Store
    const actor = yield* CurrentActor
    const rows = yield* store.getMany(resource, ids)
    return rows.filter((row) => inScope(actor, resource, row))
  })

const regionOf = (resource: ResourceName, row: object): string | null => {
  const field = resourceDescriptor(resource).regionField
  return field ? ((row as Record<string, unknown>)[field] as string | null) : null
}

/** Whether the actor may write a record of this resource in that region. */
export const requireWriteRow = (actor: Actor, resource: ResourceName, row: object) => requireWriteIn(actor, regionOf(resource, row))

/** `requireWriteRow` as a value (the refusal, or null), for bulk writes. */
export const writeRowRefusal = (actor: Actor, resource: ResourceName, row: object) => writeRefusalIn(actor, regionOf(resource, row))

/**
 * Refuses an action the record's status does not allow. Every state machine answers with the
 * same key and parameters (the status and action as codes, and the resource whose enumeration
 * labels the status), so clients and catalogues render all of them alike; only the English
 * detail (for logs and embedders) is each service's own.
 */
export const requireStatus = <R extends StatusResource>(
  resource: R,
  row: { readonly status: StatusOf<R> },
  allowed: ReadonlyArray<NoInfer<StatusOf<R>>>,
  action: StatusAction,
  describe: (status: StatusOf<R>, action: StatusAction) => string
): Effect.Effect<void, Conflict> =>
  allowed.includes(row.status)
    ? Effect.void
    : Effect.fail(conflict("conflict.state", describe(row.status, action), { status: row.status, action, resource }))

type StatusOf<R extends StatusResource> = RowOf<R> extends { readonly status: infer S extends string } ? S : never

/**
 * A record the actor may change, in a status the action starts from. The checks run in this
 * order so that a record outside the actor's scope stays NotFound and one they may only read is
 * Forbidden, whatever its status.
 */
export const writableInStatus = <R extends StatusResource>(
  resource: R,
  id: string,
  allowed: ReadonlyArray<StatusOf<R>>,
  action: StatusAction,
  describe: (status: StatusOf<R>, action: StatusAction) => string
) =>
  Effect.gen(function* () {
    const actor = yield* CurrentActor
    const row = yield* getScoped(resource, id)
    yield* requireWriteRow(actor, resource, row)
    // TypeScript cannot narrow `RowOf<R>` for a generic R; StatusResource guarantees the field.
    yield* requireStatus(resource, row as RowOf<R> & { readonly status: StatusOf<R> }, allowed, action, describe)
    return row
  })

/** The audit entry of a created row (shared by the single and the bulk insert, so both log alike). */
const createdAudit = (resource: ResourceName, saved: { readonly id: string }, options: { action?: string; note?: string }): AuditInput => ({
  resource,
  recordId: saved.id,
  action: options.action ?? "create",
  regionCode: regionOf(resource, saved),
  before: null,
  after: saved,
  ...(options.note ? { note: options.note } : {})
})

/** Inserts a row and its audit entry in one transaction. */
export const insertAudited = <R extends ResourceName>(resource: R, row: RowOf<R>, options: { action?: string; note?: string } = {}) =>
  Effect.gen(function* () {
    const store = yield* Store
    return yield* store.transaction(
      Effect.gen(function* () {
        const saved = yield* store.insert(resource, row)
        yield* writeAudit(createdAudit(resource, saved, options))
        return saved
      })
    )
  })

/**
 * Inserts rows and their audit entries (the same entries `insertAudited` writes, one instant for
 * the batch) with two `insertMany`s in one transaction: every row and entry, or none.
 */
export const insertManyAudited = <R extends ResourceName>(
  resource: R,
  rows: ReadonlyArray<RowOf<R>>,
  options: { action?: string; note?: string } = {}
) =>
  Effect.gen(function* () {
    const store = yield* Store
    if (rows.length === 0) return
    yield* store.transaction(
      Effect.gen(function* () {
        yield* store.insertMany(resource, rows)
        yield* writeAuditMany(rows.map((row) => createdAudit(resource, row, options)))
      })
    )
  })

/** Updates a row and writes its audit entry in one transaction. */
export const updateAudited = <R extends ResourceName>(
  resource: R,
  before: RowOf<R>,
  patch: Partial<RowOf<R>>,
  options: { action?: string; note?: string } = {}
) =>
  Effect.gen(function* () {
    const store = yield* Store
    return yield* store.transaction(
      Effect.gen(function* () {
        const saved = yield* store.update(resource, before.id, patch)
        yield* writeAudit({
          resource,
          recordId: saved.id,
          action: options.action ?? "update",
          regionCode: regionOf(resource, saved),
          before,
          after: saved,
          ...(options.note ? { note: options.note } : {})
        })
        return saved
      })
    )
  })

export const removeAudited = <R extends ResourceName>(resource: R, row: RowOf<R>) =>
  Effect.gen(function* () {
    const store = yield* Store
    return yield* store.transaction(
      Effect.gen(function* () {
        yield* store.remove(resource, row.id)
        yield* writeAudit({ resource, recordId: row.id, action: "delete", regionCode: regionOf(resource, row), before: row, after: null })
        return row
      })
    )
  })

/** A region code must name a stored region. */
export const requireRegion = (path: string, regionCode: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const found = yield* store.getMany("regions", [regionCode])
    if (found.length === 0)
      return yield* Effect.fail(invalid(path, "validation.unknownRegion", `no such region: ${regionCode}`, { region: regionCode }))
  })
