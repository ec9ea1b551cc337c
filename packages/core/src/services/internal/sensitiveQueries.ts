import { Effect } from "effect"
import type { Actor } from "../../actor.js"
import { invalid } from "../../errors.js"
import type { Filter, Query } from "../../query.js"
import { type ResourceName, sensitiveFieldsOf } from "../../resources.js"

const filterFields = (filters: ReadonlyArray<Filter>): Array<string> =>
  filters.flatMap((f) => (f.op === "search" ? [] : f.op === "or" ? f.groups.flatMap(filterFields) : [f.field]))

/**
 * Filtering or sorting on a sensitive field discloses it one comparison at a time, so only those
 * who may see it in clear (admins; jurisdiction is added by the scope filters) may do it. The
 * resource's sensitive fields are its descriptor's (a volunteer's ID number, phone, birth date
 * and fitness; a pupil's guardian's contact).
 */
export const refuseSensitiveQueryForViewers = (resource: ResourceName, actor: Actor, query: Query) => {
  if (actor.role !== "viewer") return Effect.void
  const sensitive = sensitiveFieldsOf(resource)
  const uses = [
    ...filterFields(query.filters).map((field) => ({ field, use: "filter" })),
    ...query.sort.map((s) => ({ field: s.field, use: "sort" }))
  ]
  const refused = uses.find((u) => sensitive.has(u.field))
  return refused === undefined
    ? Effect.void
    : Effect.fail(invalid(refused.field, "validation.query.field", `field "${refused.field}" cannot be used for ${refused.use}`, refused))
}
