import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Organizations, OrganizationsLive } from "../src/services/Organizations.js"
import { Q } from "../src/query.js"
import { Store } from "../src/ports/Store.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = () => OrganizationsLive.pipe(Layer.provideMerge(testBase()))

describe("Organizations", () => {
  it.effect("creates in the actor's region and writes an audit entry in the same call", () =>
    Effect.gen(function* () {
      const orgs = yield* Organizations
      const store = yield* Store
      const created = yield* orgs.create({ name: "亭湖区关工委", kind: "partner", regionCode: "320902" }).pipe(as(tinghuAdmin))
      expect(created.name).toBe("亭湖区关工委")
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", created.id)]))
      expect(audit.rows.map((a) => a.action)).toEqual(["create"])
      expect(audit.rows[0].actorId).toBe("u-tinghu")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a region admin cannot write into another region, and cannot see its records", () =>
    Effect.gen(function* () {
      const orgs = yield* Organizations
      const error = yield* orgs.create({ name: "盐都区老科协", kind: "partner", regionCode: "320903" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(error._tag).toBe("Forbidden")
      const yandu = yield* orgs.create({ name: "盐都区老科协", kind: "partner", regionCode: "320903" }).pipe(as(yanduAdmin))
      const notFound = yield* orgs.get(yandu.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(notFound._tag).toBe("NotFound")
      const list = yield* orgs.list(Q.all()).pipe(as(tinghuAdmin))
      expect(list.total).toBe(0)
      const all = yield* orgs.list(Q.all()).pipe(as(cityAdmin))
      expect(all.total).toBe(1)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("viewers cannot write; unknown regions and bad phones are validation errors", () =>
    Effect.gen(function* () {
      const orgs = yield* Organizations
      const denied = yield* orgs.create({ name: "x", kind: "bureau", regionCode: "320902" }).pipe(as(viewer), Effect.flip)
      expect(denied._tag).toBe("Forbidden")
      const unknown = yield* orgs.create({ name: "x", kind: "bureau", regionCode: "999999" }).pipe(as(cityAdmin), Effect.flip)
      expect(unknown._tag).toBe("ValidationError")
      const phone = yield* orgs
        .create({ name: "x", kind: "bureau", regionCode: "320902", contactPhone: "12345" })
        .pipe(as(cityAdmin), Effect.flip)
      expect(phone._tag === "ValidationError" && phone.issues[0]).toMatchObject({ path: "contactPhone", key: "validation.contactPhone" })
    }).pipe(Effect.provide(layer()))
  )
})
