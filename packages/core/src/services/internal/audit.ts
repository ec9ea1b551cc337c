import { Effect } from "effect"
import { type Actor, CurrentActor } from "../../actor.js"
import { newId } from "../../domain/ids.js"
import { maskPhone, maskResidentId } from "../../domain/residentId.js"
import type { AuditEntry } from "../../domain/auditEntry.js"
import { Store } from "../../ports/Store.js"
import { type ResourceName, sensitiveFieldsOf } from "../../resources.js"
import { nowInstant } from "../../time.js"

/** How a sensitive value appears wherever its reader does not need it in clear. */
export const maskSensitive = (field: string, value: unknown): unknown => {
  if (value === null || value === undefined || value === "") return value
  if (field === "idNumber") return maskResidentId(String(value))
  if (field === "phone" || field === "guardianContact") return maskPhone(String(value))
  return "***"
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Changed fields, before → after, with sensitive values masked. Timestamps are not news. */
export const auditChanges = (
  resource: ResourceName,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null
): AuditEntry["changes"] => {
  const sensitive = sensitiveFieldsOf(resource)
  const changes: Record<string, { before: unknown; after: unknown }> = {}
  const compare = (key: string) => {
    if (key === "updatedAt" || key === "createdAt") return
    const b = before?.[key] ?? null
    const a = after?.[key] ?? null
    // A created or deleted record's fields change from or to nothing: no need to compare them
    // as JSON (an import logs tens of thousands of creations).
    if (a === null || b === null ? a === b : same(a, b)) return
    changes[key] = sensitive.has(key) ? { before: maskSensitive(key, b), after: maskSensitive(key, a) } : { before: b, after: a }
  }
  // Fields in the order the records list them: the record before first, then fields only after has.
  if (before !== null) for (const key of Object.keys(before)) compare(key)
  if (after !== null) for (const key of Object.keys(after)) if (before === null || !Object.hasOwn(before, key)) compare(key)
  return changes
}

export interface AuditInput {
  readonly resource: ResourceName
  readonly recordId: string
  readonly action: string
  readonly regionCode: string | null
  readonly before?: object | null
  readonly after?: object | null
  readonly note?: string
}

/** The entry `writeAudit` stores, built without storing it (a bulk write stores many at once). */
export const auditEntry = (input: AuditInput, actor: Actor, at: string): AuditEntry => ({
  id: newId() as AuditEntry["id"],
  at,
  actorId: actor.userId,
  actorName: actor.displayName,
  actorRole: actor.role,
  resource: input.resource,
  recordId: input.recordId,
  action: input.action,
  regionCode: input.regionCode,
  changes: auditChanges(
    input.resource,
    (input.before ?? null) as Record<string, unknown> | null,
    (input.after ?? null) as Record<string, unknown> | null
  ),
  note: input.note ?? ""
})

/** Appends one audit entry. Call it inside the same `store.transaction` as the write. */
export const writeAudit = (input: AuditInput) =>
  Effect.gen(function* () {
    const store = yield* Store
    const entry = auditEntry(input, yield* CurrentActor, yield* nowInstant)
    yield* Effect.orDie(store.insert("audit-log", entry))
  })

/**
 * Appends the entries of a bulk write, all stamped with the same instant, in one `insertMany`.
 * Call it inside the same `store.transaction` as the writes.
 */
export const writeAuditMany = (inputs: ReadonlyArray<AuditInput>) =>
  Effect.gen(function* () {
    const store = yield* Store
    const actor = yield* CurrentActor
    const at = yield* nowInstant
    yield* Effect.orDie(
      store.insertMany(
        "audit-log",
        inputs.map((input) => auditEntry(input, actor, at))
      )
    )
  })
