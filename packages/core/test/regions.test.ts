import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Store } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { Organizations, OrganizationsLive } from "../src/services/Organizations.js"
import { Regions } from "../src/services/Regions.js"
import { RegionsLive } from "../src/services/RegionsLive.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer } from "./support.js"

const layer = () => Layer.merge(RegionsLive, OrganizationsLive).pipe(Layer.provideMerge(testBase()))

const newRegion = {
  code: "320999",
  name: "示范区",
  nameEn: "Demo Zone",
  kind: "zone",
  parentCode: "320900",
  slug: "demo-zone",
  sortOrder: 20
}

const auditCount = Effect.flatMap(Store, (store) => Effect.map(store.list("audit-log", Q.all()), (r) => r.total))

describe("Regions", () => {
  it.effect("everyone reads every region; only city admins create, with an audit entry", () =>
    Effect.gen(function* () {
      const regions = yield* Regions
      const seeded = (yield* regions.list(Q.all()).pipe(as(cityAdmin))).total
      expect((yield* regions.list(Q.all()).pipe(as(tinghuAdmin))).total).toBe(seeded)
      expect((yield* regions.get("320903").pipe(as(viewer))).name).toBe("盐都区")

      expect(yield* regions.create(newRegion).pipe(as(tinghuAdmin), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.cityAdminOnly"
      })
      expect((yield* regions.create(newRegion).pipe(as(viewer), Effect.flip))._tag).toBe("Forbidden")
      expect(yield* auditCount).toBe(0)

      const created = yield* regions.create(newRegion).pipe(as(cityAdmin))
      expect(created.id).toBe("320999")
      expect((yield* regions.list(Q.all()).pipe(as(cityAdmin))).total).toBe(seeded + 1)
      const store = yield* Store
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", "320999")]))
      expect(audit.rows.map((a) => [a.action, a.regionCode])).toEqual([["create", null]])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses duplicate codes and slugs, bad input, and changing a code", () =>
    Effect.gen(function* () {
      const regions = yield* Regions
      const code = yield* regions.create({ ...newRegion, code: "320902", slug: "other" }).pipe(as(cityAdmin), Effect.flip)
      expect(code).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "code" })
      const slug = yield* regions.create({ ...newRegion, slug: "tinghu" }).pipe(as(cityAdmin), Effect.flip)
      expect(slug).toMatchObject({ _tag: "Conflict", field: "slug" })
      const bad = yield* regions.create({ ...newRegion, kind: "province", slug: "Bad Slug" }).pipe(as(cityAdmin), Effect.flip)
      expect(bad._tag).toBe("ValidationError")
      expect(yield* auditCount).toBe(0)

      const recode = yield* regions.update("320902", { code: "320910" }).pipe(as(cityAdmin), Effect.flip)
      expect(recode).toMatchObject({ _tag: "ValidationError", issues: [{ path: "code", key: "validation.regionCodeFixed" }] })
      expect(yield* regions.update("320902", { name: "亭湖" }).pipe(as(tinghuAdmin), Effect.flip)).toMatchObject({ _tag: "Forbidden" })
      const renamed = yield* regions.update("320902", { code: "320902", name: "亭湖" }).pipe(as(cityAdmin))
      expect(renamed).toMatchObject({ id: "320902", code: "320902", name: "亭湖" })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("remove refuses a region that records still belong to", () =>
    Effect.gen(function* () {
      const regions = yield* Regions
      const orgs = yield* Organizations
      yield* orgs.create({ name: "亭湖区关工委", kind: "partner", regionCode: "320902" }).pipe(as(cityAdmin))
      const before = yield* auditCount
      expect(yield* regions.remove("320902").pipe(as(cityAdmin), Effect.flip)).toMatchObject({ _tag: "Conflict", key: "conflict.inUse" })
      expect(yield* regions.remove("320904").pipe(as(tinghuAdmin), Effect.flip)).toMatchObject({ _tag: "Forbidden" })
      expect(yield* auditCount).toBe(before)
      expect((yield* regions.get("320902").pipe(as(cityAdmin))).code).toBe("320902")

      yield* regions.remove("320904").pipe(as(cityAdmin))
      expect((yield* regions.get("320904").pipe(as(cityAdmin), Effect.flip))._tag).toBe("NotFound")
    }).pipe(Effect.provide(layer()))
  )
})
