import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import type { Actor } from "../src/actor.js"
import { Q } from "../src/query.js"
import { AuditLog } from "../src/services/AuditLog.js"
import { AuditLogLive } from "../src/services/AuditLogLive.js"
import { Organizations, OrganizationsLive } from "../src/services/Organizations.js"
import { Regions } from "../src/services/Regions.js"
import { RegionsLive } from "../src/services/RegionsLive.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = () => Layer.mergeAll(AuditLogLive, OrganizationsLive, RegionsLive).pipe(Layer.provideMerge(testBase()))

const tinghuViewer: Actor = { ...viewer, userId: "u-tv", regionCode: "320902" }

/** One write in 亭湖, one in 盐都 and one city-wide (a region, whose entries carry no region). */
const seed = Effect.gen(function* () {
  const orgs = yield* Organizations
  const regions = yield* Regions
  const tinghu = yield* orgs.create({ name: "亭湖区关工委", kind: "partner", regionCode: "320902" }).pipe(as(tinghuAdmin))
  const yandu = yield* orgs.create({ name: "盐都区老科协", kind: "partner", regionCode: "320903" }).pipe(as(yanduAdmin))
  yield* regions.update("320904", { name: "大丰" }).pipe(as(cityAdmin))
  return { tinghu, yandu }
})

describe("AuditLog", () => {
  it.effect("region admins and regional viewers see their region's entries only; city-wide readers see all", () =>
    Effect.gen(function* () {
      const log = yield* AuditLog
      const { tinghu, yandu } = yield* seed
      const all = yield* log.list(Q.all()).pipe(as(cityAdmin))
      expect(all.total).toBe(3)
      expect((yield* log.list(Q.all()).pipe(as(viewer))).total).toBe(3)

      for (const actor of [tinghuAdmin, tinghuViewer]) {
        const mine = yield* log.list(Q.all()).pipe(as(actor))
        expect(mine.rows.map((a) => a.recordId)).toEqual([tinghu.id])
      }
      const yanduEntry = all.rows.find((a) => a.recordId === yandu.id)!
      const cityEntry = all.rows.find((a) => a.regionCode === null)!
      expect((yield* log.get(yanduEntry.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* log.get(cityEntry.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* log.get(cityEntry.id).pipe(as(viewer))).resource).toBe("regions")
      const many = yield* log.getMany(all.rows.map((a) => a.id)).pipe(as(yanduAdmin))
      expect(many.map((a) => a.recordId)).toEqual([yandu.id])
      // A filter cannot widen the scope.
      const widened = yield* log.list(Q.all([Q.eq("regionCode", "320903")])).pipe(as(tinghuAdmin))
      expect(widened.total).toBe(0)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("unknown or structured fields cannot be filtered", () =>
    Effect.gen(function* () {
      const log = yield* AuditLog
      const error = yield* log.list(Q.all([Q.eq("changes", "x")])).pipe(as(cityAdmin), Effect.flip)
      expect(error).toMatchObject({ _tag: "ValidationError", issues: [{ path: "changes", key: "validation.query.field" }] })
    }).pipe(Effect.provide(layer()))
  )
})
