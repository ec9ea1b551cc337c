import { Effect, Layer } from "effect"
import { type Actor, CurrentActor, requireCityAdmin } from "../actor.js"
import { newId, type UserId } from "../domain/ids.js"
import { type User, UserCreate, UserUpdate, type UserView } from "../domain/user.js"
import { forbidden, invalid, NotFound } from "../errors.js"
import { Store } from "../ports/Store.js"
import { type Filter, Q, type Query } from "../query.js"
import { nowInstant } from "../time.js"
import { writeAudit } from "./internal/audit.js"
import { checkQuery, decodeInput, requireRegion } from "./internal/crud.js"
import { captureDeps, type ServiceLayer } from "./ResourceService.js"
import { Users } from "./Users.js"

const toView = ({ passwordHash: _, ...view }: User): UserView => view

const filterFields = (filters: ReadonlyArray<Filter>): Array<string> =>
  filters.flatMap((f) => (f.op === "search" ? [] : f.op === "or" ? f.groups.flatMap(filterFields) : [f.field]))

/** Comparing against the hash would let a caller test passwords offline-style, one query at a time. */
const refuseHashQuery = (query: Query) => {
  const used = [...filterFields(query.filters), ...query.sort.map((s) => s.field)]
  return used.includes("passwordHash")
    ? Effect.fail(
        invalid("passwordHash", "validation.query.field", `field "passwordHash" cannot be used for filter`, {
          field: "passwordHash",
          use: "filter"
        })
      )
    : Effect.void
}

/**
 * Users are not a regional resource to their readers: city admins see every account, everyone
 * else only their own (the interface's read methods cannot fail with Forbidden, so other
 * accounts are simply not there for them).
 */
const visibleTo = (actor: Actor): ReadonlyArray<Filter> => (actor.role === "city-admin" ? [] : [Q.eq("id", actor.userId)])

const requireRegionForRole = (user: Pick<User, "role" | "regionCode">) =>
  user.role === "region-admin" && user.regionCode === null
    ? Effect.fail(invalid("regionCode", "validation.regionRequired", "a region admin needs a region"))
    : user.regionCode !== null
      ? requireRegion("regionCode", user.regionCode)
      : Effect.void

/** A deactivated or deleted account must not stay signed in anywhere. */
const endSessions = (userId: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const sessions = yield* store.list("sessions", Q.all([Q.eq("userId", userId)]))
    yield* Effect.forEach(sessions.rows, (s) => Effect.orDie(store.remove("sessions", s.id)), { discard: true })
  })

/**
 * Accounts are city-level records whatever region they work in, so their audit entries carry no
 * region: a region admin reading the log must not learn of accounts they cannot list.
 */
const auditUser = (action: string, recordId: string, before: User | null, after: User | null) =>
  writeAudit({ resource: "users", recordId, action, regionCode: null, before, after })

export const UsersLive: ServiceLayer<Users> = Layer.effect(
  Users,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const actor = yield* CurrentActor
            yield* checkQuery("users", query)
            yield* refuseHashQuery(query)
            const result = yield* store.list("users", { ...query, filters: [...visibleTo(actor), ...query.filters] })
            return { ...result, rows: result.rows.map(toView) }
          })
        ),
      get: (id) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const actor = yield* CurrentActor
            if (actor.role !== "city-admin" && id !== actor.userId) return yield* Effect.fail(new NotFound({ resource: "users", id }))
            return toView(yield* store.get("users", id))
          })
        ),
      getMany: (ids) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const actor = yield* CurrentActor
            const allowed = actor.role === "city-admin" ? ids : ids.filter((id) => id === actor.userId)
            return (yield* store.getMany("users", allowed)).map(toView)
          })
        ),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            yield* requireCityAdmin(yield* CurrentActor)
            const command = yield* decodeInput(UserCreate, input)
            yield* requireRegionForRole(command)
            const now = yield* nowInstant
            const store = yield* Store
            return yield* store.transaction(
              Effect.gen(function* () {
                // The store refuses a taken username with Conflict conflict.unique naming the field.
                const saved = yield* store.insert("users", { id: newId() as UserId, ...command, createdAt: now, updatedAt: now })
                yield* auditUser("create", saved.id, null, saved)
                return toView(saved)
              })
            )
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const actor = yield* CurrentActor
            yield* requireCityAdmin(actor)
            const before = yield* store.get("users", id)
            const patch = yield* decodeInput(UserUpdate, input)
            const merged = { ...before, ...patch }
            // The last guard against an office locking itself out: only city admins get here, so
            // any change of one's own role, or deactivation, is a demotion.
            if (id === actor.userId && (merged.role !== before.role || !merged.active))
              return yield* Effect.fail(forbidden("forbidden.selfDemote", "you cannot demote or deactivate your own account"))
            yield* requireRegionForRole(merged)
            const now = yield* nowInstant
            return yield* store.transaction(
              Effect.gen(function* () {
                const saved = yield* store.update("users", id, { ...patch, updatedAt: now })
                yield* auditUser("update", id, before, saved)
                if (before.active && !saved.active) yield* endSessions(id)
                return toView(saved)
              })
            )
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const actor = yield* CurrentActor
            yield* requireCityAdmin(actor)
            if (id === actor.userId) return yield* Effect.fail(forbidden("forbidden.selfDelete", "you cannot delete your own account"))
            const row = yield* store.get("users", id)
            return yield* store.transaction(
              Effect.gen(function* () {
                yield* endSessions(id)
                yield* store.remove("users", id)
                yield* auditUser("delete", id, row, null)
                return toView(row)
              })
            )
          })
        )
    }
  })
)
