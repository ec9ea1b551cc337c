import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import type { Actor } from "../src/actor.js"
import { Store } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { Users } from "../src/services/Users.js"
import { UsersLive } from "../src/services/UsersLive.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer } from "./support.js"

const layer = () => UsersLive.pipe(Layer.provideMerge(testBase()))

const HASH = "scrypt$secret-hash-value"

const regionAdmin = { username: "tinghu2", displayName: "亭湖区管理员二", role: "region-admin", regionCode: "320902", passwordHash: HASH }

const counts = Effect.gen(function* () {
  const store = yield* Store
  return { users: (yield* store.list("users", Q.all())).total, audit: (yield* store.list("audit-log", Q.all())).total }
})

/** Stores the signed-in city admin's own account, so self-protection has a record to protect. */
const seedSelf = Effect.gen(function* () {
  const store = yield* Store
  yield* Effect.orDie(
    store.insert("users", {
      id: cityAdmin.userId,
      username: cityAdmin.username,
      displayName: cityAdmin.displayName,
      role: "city-admin",
      regionCode: null,
      active: true,
      passwordHash: HASH,
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z"
    } as never)
  )
})

describe("Users", () => {
  it.effect("city admins create accounts; views never carry the password hash, nor does the audit log", () =>
    Effect.gen(function* () {
      const users = yield* Users
      const store = yield* Store
      const created = yield* users.create(regionAdmin).pipe(as(cityAdmin))
      expect(created).not.toHaveProperty("passwordHash")
      expect(created).toMatchObject({ username: "tinghu2", role: "region-admin", regionCode: "320902", active: true })
      expect(yield* users.get(created.id).pipe(as(cityAdmin))).not.toHaveProperty("passwordHash")
      const listed = yield* users.list(Q.all()).pipe(as(cityAdmin))
      expect(listed.rows.every((u) => !("passwordHash" in u))).toBe(true)
      expect((yield* users.getMany([created.id]).pipe(as(cityAdmin)))[0]).not.toHaveProperty("passwordHash")
      expect((yield* store.get("users", created.id)).passwordHash).toBe(HASH)

      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", created.id)]))
      expect(audit.rows.map((a) => [a.action, a.regionCode])).toEqual([["create", null]])
      expect(JSON.stringify(audit.rows)).not.toContain(HASH)

      const probe = yield* users.list(Q.all([Q.eq("passwordHash", HASH)])).pipe(as(cityAdmin), Effect.flip)
      expect(probe).toMatchObject({ _tag: "ValidationError", issues: [{ path: "passwordHash" }] })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("others cannot write accounts and see only their own", () =>
    Effect.gen(function* () {
      const users = yield* Users
      const other = yield* users.create(regionAdmin).pipe(as(cityAdmin))
      const self = yield* users.create({ ...regionAdmin, username: "tinghu" }).pipe(as(cityAdmin))
      const me: Actor = { ...tinghuAdmin, userId: self.id }
      const before = yield* counts

      expect(yield* users.create({ ...regionAdmin, username: "new.one" }).pipe(as(me), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.cityAdminOnly"
      })
      expect((yield* users.create({ ...regionAdmin, username: "new.two" }).pipe(as(viewer), Effect.flip))._tag).toBe("Forbidden")
      expect((yield* users.update(self.id, { role: "city-admin" }).pipe(as(me), Effect.flip))._tag).toBe("Forbidden")
      expect((yield* users.remove(other.id).pipe(as(me), Effect.flip))._tag).toBe("Forbidden")
      expect(yield* counts).toEqual(before)

      expect((yield* users.get(self.id).pipe(as(me))).username).toBe("tinghu")
      expect((yield* users.get(other.id).pipe(as(me), Effect.flip))._tag).toBe("NotFound")
      expect((yield* users.list(Q.all()).pipe(as(me))).rows.map((u) => u.id)).toEqual([self.id])
      expect((yield* users.getMany([self.id, other.id]).pipe(as(me))).map((u) => u.id)).toEqual([self.id])
      expect((yield* users.list(Q.all()).pipe(as(viewer))).total).toBe(0)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses a region admin without a region, unknown regions, bad usernames and taken usernames", () =>
    Effect.gen(function* () {
      const users = yield* Users
      yield* users.create(regionAdmin).pipe(as(cityAdmin))
      const before = yield* counts

      const noRegion = yield* users.create({ ...regionAdmin, username: "someone", regionCode: null }).pipe(as(cityAdmin), Effect.flip)
      expect(noRegion).toMatchObject({ _tag: "ValidationError", issues: [{ path: "regionCode", key: "validation.regionRequired" }] })
      const unknown = yield* users.create({ ...regionAdmin, username: "someone", regionCode: "999999" }).pipe(as(cityAdmin), Effect.flip)
      expect(unknown).toMatchObject({ _tag: "ValidationError", issues: [{ key: "validation.unknownRegion" }] })
      const badName = yield* users.create({ ...regionAdmin, username: "Bad Name" }).pipe(as(cityAdmin), Effect.flip)
      expect(badName).toMatchObject({ _tag: "ValidationError", issues: [{ path: "username", key: "validation.username" }] })
      const taken = yield* users.create(regionAdmin).pipe(as(cityAdmin), Effect.flip)
      expect(taken).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "username" })
      expect(yield* counts).toEqual(before)

      // A viewer without a region sees the whole city: allowed.
      const cityViewer = yield* users
        .create({ username: "observer", displayName: "观察员", role: "viewer", passwordHash: HASH })
        .pipe(as(cityAdmin))
      expect(cityViewer.regionCode).toBeNull()
      const demoted = yield* users.update(cityViewer.id, { role: "region-admin" }).pipe(as(cityAdmin), Effect.flip)
      expect(demoted).toMatchObject({ _tag: "ValidationError", issues: [{ key: "validation.regionRequired" }] })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("nobody deletes, demotes or deactivates their own account", () =>
    Effect.gen(function* () {
      yield* seedSelf
      const users = yield* Users
      const store = yield* Store
      const before = yield* counts
      expect(yield* users.remove(cityAdmin.userId).pipe(as(cityAdmin), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.selfDelete"
      })
      expect(yield* users.update(cityAdmin.userId, { role: "viewer" }).pipe(as(cityAdmin), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.selfDemote"
      })
      expect((yield* users.update(cityAdmin.userId, { active: false }).pipe(as(cityAdmin), Effect.flip))._tag).toBe("Forbidden")
      expect(yield* counts).toEqual(before)
      expect(yield* store.get("users", cityAdmin.userId)).toMatchObject({ role: "city-admin", active: true })

      const renamed = yield* users.update(cityAdmin.userId, { displayName: "市局管理员甲" }).pipe(as(cityAdmin))
      expect(renamed.displayName).toBe("市局管理员甲")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("deactivating or deleting an account ends its sessions", () =>
    Effect.gen(function* () {
      const users = yield* Users
      const store = yield* Store
      const a = yield* users.create(regionAdmin).pipe(as(cityAdmin))
      const b = yield* users.create({ ...regionAdmin, username: "tinghu3" }).pipe(as(cityAdmin))
      const session = (id: string, userId: string) =>
        Effect.orDie(
          store.insert("sessions", {
            id,
            tokenHash: `t-${id}`,
            userId,
            expiresAt: "2099-01-01T00:00:00Z",
            createdAt: "2026-01-01T00:00:00Z"
          } as never)
        )
      yield* session("s1", a.id)
      yield* session("s2", b.id)

      const off = yield* users.update(a.id, { active: false }).pipe(as(cityAdmin))
      expect(off.active).toBe(false)
      yield* users.remove(b.id).pipe(as(cityAdmin))
      expect((yield* store.list("sessions", Q.all())).total).toBe(0)
      expect((yield* users.get(b.id).pipe(as(cityAdmin), Effect.flip))._tag).toBe("NotFound")
      const actions = (yield* store.list("audit-log", Q.all([Q.in("recordId", [a.id, b.id])]))).rows.map((e) => e.action).sort()
      expect(actions).toEqual(["create", "create", "delete", "update"])
    }).pipe(Effect.provide(layer()))
  )
})
