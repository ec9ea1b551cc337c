import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import { Store } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { Exemplars } from "../src/services/Exemplars.js"
import { ExemplarsLive } from "../src/services/ExemplarsLive.js"
import { Volunteers } from "../src/services/Volunteers.js"
import { VolunteersLive } from "../src/services/VolunteersLive.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = () => Layer.merge(ExemplarsLive, VolunteersLive).pipe(Layer.provideMerge(testBase()))

/** Two volunteers, one in 亭湖 and one in 盐都 (no ID numbers or phones needed here). */
const seed = Effect.gen(function* () {
  yield* TestClock.setTime(Date.parse("2026-03-01T02:00:00Z"))
  const volunteers = yield* Volunteers
  const base = { gender: "female", birthDate: "1956-05-01", consentAt: "2026-01-05T00:00:00Z" }
  const tinghu = yield* volunteers.create({ ...base, name: "李秀英", regionCode: "320902" }).pipe(as(cityAdmin))
  const yandu = yield* volunteers.create({ ...base, name: "张德明", regionCode: "320903" }).pipe(as(cityAdmin))
  return { tinghu, yandu }
})

const recognition = (volunteerId: string, level: "city" | "county") => ({
  volunteerId,
  level,
  year: 2025,
  title: "最美银发志愿者",
  citation: "扎根乡村十年，义务指导果蔬种植。"
})

const counts = Effect.gen(function* () {
  const store = yield* Store
  return { exemplars: (yield* store.list("exemplars", Q.all())).total, audit: (yield* store.list("audit-log", Q.all())).total }
})

describe("Exemplars", () => {
  it.effect("takes the volunteer's region; county level by that region's admin, city level by city admins only", () =>
    Effect.gen(function* () {
      const { tinghu, yandu } = yield* seed
      const exemplars = yield* Exemplars
      const store = yield* Store
      const county = yield* exemplars.create(recognition(tinghu.id, "county")).pipe(as(tinghuAdmin))
      expect(county.regionCode).toBe("320902")
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", county.id)]))
      expect(audit.rows.map((a) => [a.action, a.regionCode])).toEqual([["create", "320902"]])

      const before = yield* counts
      expect(yield* exemplars.create(recognition(tinghu.id, "city")).pipe(as(tinghuAdmin), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.cityAdminOnly"
      })
      expect((yield* exemplars.create(recognition(yandu.id, "county")).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect(yield* exemplars.create(recognition(tinghu.id, "county")).pipe(as(viewer), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.readOnly"
      })
      expect((yield* exemplars.create(recognition("no-such-volunteer", "county")).pipe(as(cityAdmin), Effect.flip))._tag).toBe("NotFound")
      const bad = yield* exemplars
        .create({ ...recognition(tinghu.id, "county"), level: "province", title: "" })
        .pipe(as(cityAdmin), Effect.flip)
      expect(bad._tag === "ValidationError" && bad.issues.map((i) => i.path).sort()).toEqual(["level", "title"])
      expect(yield* counts).toEqual(before)

      const city = yield* exemplars.create(recognition(yandu.id, "city")).pipe(as(cityAdmin))
      expect(city.regionCode).toBe("320903")
      expect((yield* exemplars.list(Q.all()).pipe(as(tinghuAdmin))).rows.map((e) => e.id)).toEqual([county.id])
      expect((yield* exemplars.get(city.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* exemplars.get(city.id).pipe(as(yanduAdmin))).level).toBe("city")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("region admins may not raise a recognition to city level nor change or remove a city-level one", () =>
    Effect.gen(function* () {
      const { tinghu } = yield* seed
      const exemplars = yield* Exemplars
      const store = yield* Store
      const county = yield* exemplars.create(recognition(tinghu.id, "county")).pipe(as(tinghuAdmin))
      const city = yield* exemplars.create({ ...recognition(tinghu.id, "city"), title: "市级优秀老干部志愿者" }).pipe(as(cityAdmin))
      const before = yield* counts

      expect((yield* exemplars.update(county.id, { level: "city" }).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("Forbidden")
      expect((yield* exemplars.update(city.id, { title: "改" }).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("Forbidden")
      expect((yield* exemplars.remove(city.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("Forbidden")
      expect((yield* exemplars.update(county.id, { title: "改" }).pipe(as(yanduAdmin), Effect.flip))._tag).toBe("NotFound")
      expect(yield* counts).toEqual(before)
      expect((yield* store.get("exemplars", county.id)).level).toBe("county")

      const edited = yield* exemplars.update(county.id, { citation: "十年如一日，指导果蔬种植。" }).pipe(as(tinghuAdmin))
      expect(edited.citation).toBe("十年如一日，指导果蔬种植。")
      const raised = yield* exemplars.update(county.id, { level: "city" }).pipe(as(cityAdmin))
      expect(raised.level).toBe("city")
      yield* exemplars.remove(city.id).pipe(as(cityAdmin))
      expect((yield* store.getMany("exemplars", [city.id])).length).toBe(0)
    }).pipe(Effect.provide(layer()))
  )
})
