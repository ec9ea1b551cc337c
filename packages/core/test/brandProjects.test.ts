import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Store } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { BrandProjects } from "../src/services/BrandProjects.js"
import { BrandProjectsLive } from "../src/services/BrandProjectsLive.js"
import { Organizations, OrganizationsLive } from "../src/services/Organizations.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = () => Layer.merge(BrandProjectsLive, OrganizationsLive).pipe(Layer.provideMerge(testBase()))

const project = (overrides: Record<string, unknown> = {}) => ({
  name: "银发宣讲团",
  category: "party-story",
  regionCode: "320902",
  yearStarted: 2021,
  ...overrides
})

const counts = Effect.gen(function* () {
  const store = yield* Store
  return { projects: (yield* store.list("brand-projects", Q.all())).total, audit: (yield* store.list("audit-log", Q.all())).total }
})

describe("BrandProjects", () => {
  it.effect("creates in the actor's region with an audit entry; checks region, owner and fields", () =>
    Effect.gen(function* () {
      const projects = yield* BrandProjects
      const orgs = yield* Organizations
      const store = yield* Store
      const owner = yield* orgs.create({ name: "亭湖区委老干部局", kind: "bureau", regionCode: "320902" }).pipe(as(tinghuAdmin))
      const created = yield* projects.create(project({ ownerOrganizationId: owner.id })).pipe(as(tinghuAdmin))
      expect(created).toMatchObject({ name: "银发宣讲团", ownerOrganizationId: owner.id, description: "" })
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", created.id)]))
      expect(audit.rows.map((a) => [a.action, a.regionCode])).toEqual([["create", "320902"]])

      const before = yield* counts
      const badOwner = yield* projects.create(project({ ownerOrganizationId: "nope" })).pipe(as(tinghuAdmin), Effect.flip)
      expect(badOwner).toMatchObject({
        _tag: "ValidationError",
        issues: [{ path: "ownerOrganizationId", key: "validation.ownerOrganizationUnknown" }]
      })
      const badRegion = yield* projects.create(project({ regionCode: "999999" })).pipe(as(cityAdmin), Effect.flip)
      expect(badRegion).toMatchObject({ _tag: "ValidationError", issues: [{ key: "validation.unknownRegion" }] })
      const badYear = yield* projects.create(project({ yearStarted: 1800, category: "sports" })).pipe(as(cityAdmin), Effect.flip)
      expect(badYear._tag === "ValidationError" && badYear.issues.map((i) => i.path).sort()).toEqual(["category", "yearStarted"])
      expect(yield* counts).toEqual(before)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("region admins work only in their region; viewers never write", () =>
    Effect.gen(function* () {
      const projects = yield* BrandProjects
      const store = yield* Store
      expect(yield* projects.create(project({ regionCode: "320903" })).pipe(as(tinghuAdmin), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.outOfRegion"
      })
      expect(yield* projects.create(project()).pipe(as(viewer), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.readOnly"
      })
      const yandu = yield* projects.create(project({ regionCode: "320903", name: "盐都科技帮扶" })).pipe(as(yanduAdmin))
      const tinghu = yield* projects.create(project()).pipe(as(tinghuAdmin))
      const before = yield* counts

      expect((yield* projects.get(yandu.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* projects.list(Q.all()).pipe(as(tinghuAdmin))).rows.map((p) => p.id)).toEqual([tinghu.id])
      expect((yield* projects.update(yandu.id, { name: "x" }).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* projects.update(tinghu.id, { regionCode: "320903" }).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("Forbidden")
      expect((yield* projects.remove(tinghu.id).pipe(as(viewer), Effect.flip))._tag).toBe("Forbidden")
      expect(yield* counts).toEqual(before)
      expect((yield* store.get("brand-projects", tinghu.id)).regionCode).toBe("320902")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("remove refuses a project that activities point at", () =>
    Effect.gen(function* () {
      const projects = yield* BrandProjects
      const store = yield* Store
      const used = yield* projects.create(project()).pipe(as(tinghuAdmin))
      const unused = yield* projects.create(project({ name: "乡村振兴讲师团" })).pipe(as(tinghuAdmin))
      yield* Effect.orDie(store.insert("activities", { id: "a1", brandProjectId: used.id, regionCode: "320902", partnerIds: [] } as never))

      const before = yield* counts
      expect(yield* projects.remove(used.id).pipe(as(tinghuAdmin), Effect.flip)).toMatchObject({ _tag: "Conflict", key: "conflict.inUse" })
      expect(yield* counts).toEqual(before)

      yield* projects.remove(unused.id).pipe(as(tinghuAdmin))
      expect((yield* projects.get(unused.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", unused.id), Q.eq("action", "delete")]))
      expect(audit.total).toBe(1)
    }).pipe(Effect.provide(layer()))
  )
})
