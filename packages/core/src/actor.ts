import { Context, Effect } from "effect"
import { forbidden, type Forbidden } from "./errors.js"
import type { Filter } from "./query.js"
import type { Role } from "./domain/user.js"
import { resourceDescriptor, type ResourceName } from "./resources.js"

/** Who is calling: every service call runs as an actor. */
export interface Actor {
  readonly userId: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  /** The region a region admin (or a regional viewer) works in; null for the whole city. */
  readonly regionCode: string | null
}

export class CurrentActor extends Context.Tag("@yinfa/core/CurrentActor")<CurrentActor, Actor>() {}

/** For seeding, migrations and embedders' batch jobs: a city-wide administrator. */
export const systemActor: Actor = {
  userId: "system",
  username: "system",
  displayName: "系统",
  role: "city-admin",
  regionCode: null
}

/** The one region an actor is confined to, or null when they see the whole city. */
export const actorRegion = (actor: Actor): string | null => (actor.role === "city-admin" ? null : actor.regionCode)

/**
 * Jurisdiction as filters, added to every list, aggregate and lookup of a scoped resource, so
 * that out-of-scope rows are never read (enforced below the HTTP layer, in reports too).
 */
export const scopeFilters = (actor: Actor, resource: ResourceName): ReadonlyArray<Filter> => {
  const field = resourceDescriptor(resource).regionField
  const region = actorRegion(actor)
  return field && region ? [{ op: "eq", field, value: region }] : []
}

/** Whether a stored row is inside the actor's jurisdiction. */
export const inScope = (actor: Actor, resource: ResourceName, row: object): boolean => {
  const field = resourceDescriptor(resource).regionField
  const region = actorRegion(actor)
  return !field || !region || (row as Record<string, unknown>)[field] === region
}

/** Viewers never write. */
export const requireWriter = (actor: Actor): Effect.Effect<void, Forbidden> =>
  actor.role === "viewer" ? Effect.fail(forbidden("forbidden.readOnly", "viewers cannot change records")) : Effect.void

export const requireCityAdmin = (actor: Actor): Effect.Effect<void, Forbidden> =>
  actor.role === "city-admin" ? Effect.void : Effect.fail(forbidden("forbidden.cityAdminOnly", "only city administrators may do this"))

/**
 * A write to a record in region `regionCode`: viewers never, region admins only in their own
 * region (also when moving a record: both the old and the new region must be theirs).
 */
export const requireWriteIn = (actor: Actor, regionCode: string | null): Effect.Effect<void, Forbidden> => {
  const refusal = writeRefusalIn(actor, regionCode)
  return refusal === null ? Effect.void : Effect.fail(refusal)
}

/** `requireWriteIn` as a value, for bulk writes that check rows one by one: the refusal, or null. */
export const writeRefusalIn = (actor: Actor, regionCode: string | null): Forbidden | null =>
  actor.role === "viewer"
    ? forbidden("forbidden.readOnly", "viewers cannot change records")
    : actor.role === "city-admin" || (regionCode !== null && regionCode === actor.regionCode)
      ? null
      : forbidden("forbidden.outOfRegion", "this record belongs to another region", { region: regionCode ?? "" })
