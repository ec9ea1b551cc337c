import { describe, expect, layer } from "@effect/vitest"
import {
  type AggregateRow,
  type Filter,
  type ListResult,
  Q,
  type Query,
  RESOURCE_NAMES,
  RESOURCE_SCHEMAS,
  type ResourceName,
  type RowOf,
  type Sort,
  Store,
  type StoreService
} from "@yinfa/core"
import { Cause, Deferred, Effect, Exit, Fiber, type Layer, Schema } from "effect"
import { RawReader } from "./RawReader.js"
import {
  activityRow,
  auditEntryRow,
  mobilePhone,
  participationRow,
  ROW_BUILDERS,
  type RowOverrides,
  residentIdNumber,
  serviceHourRow,
  userRow,
  volunteerRow
} from "./rows.js"

export interface StoreContractTarget {
  readonly name: string
  /** Builds a fresh, EMPTY, ready store (own database/schema, migrated); release drops it. Built once per describe block of the suite. */
  readonly layer: Layer.Layer<Store | RawReader>
}

/**
 * A test's own slice of the shared store. The store is built once per block (a database per
 * test would make PostgreSQL and MySQL runs slow), so every test writes rows under its own
 * region code and id prefix and filters on that region: tests never see each other's rows and
 * can run in any order. Unique values (phones, ID numbers, usernames) come from block-wide
 * counters for the same reason. Tags are lower case because MySQL's default collations ignore
 * case; an adapter that compares case-insensitively is caught by the `eq` test instead.
 */
interface Slice {
  /** A region code of this test only (also the id prefix). */
  readonly tag: string
  readonly id: (suffix: string) => string
  readonly phone: () => string
  readonly idNumber: () => string
  readonly username: () => string
  /** A sequence name of this test only. */
  readonly sequence: (name: string) => string
  /** Filters every query of the test starts with. */
  readonly mine: Filter
}

const services = Effect.all({ store: Store, raw: RawReader })

/** Ids of rows without the test's prefix, in the order the store returned them. */
const suffixes = (slice: Slice, rows: ReadonlyArray<{ readonly id: string }>) => rows.map((r) => r.id.slice(slice.tag.length + 1))
const sorted = (xs: ReadonlyArray<string>) => [...xs].sort()

/** A raw column by field name, whether the storage keeps camelCase or snake_case names. */
const rawField = (raw: Record<string, unknown>, field: string): unknown => {
  if (field in raw) return raw[field]
  const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
  return raw[snake]
}

export const runStoreContract = (target: StoreContractTarget): void => {
  let tests = 0
  let uniques = 0
  const slice = (): Slice => {
    const n = ++tests
    const tag = `ct${String(n).padStart(3, "0")}`
    return {
      tag,
      id: (suffix) => `${tag}-${suffix}`,
      phone: () => mobilePhone(++uniques),
      idNumber: () => residentIdNumber(++uniques),
      username: () => `user${++uniques}`,
      sequence: (name) => `${tag}.${name}`,
      mine: Q.eq("regionCode", tag)
    }
  }

  /** Inserts volunteers of this test; `specs` are id suffixes and overrides. */
  const seedVolunteers = (s: Slice, specs: ReadonlyArray<readonly [string, RowOverrides<"volunteers">]>) =>
    Effect.flatMap(Store, (store) =>
      Effect.forEach(specs, ([suffix, o]) =>
        Effect.orDie(store.insert("volunteers", volunteerRow(s.id(suffix), { regionCode: s.tag, ...o })))
      )
    )

  const listIds = <R extends ResourceName>(s: Slice, resource: R, filters: ReadonlyArray<Filter>, sort: ReadonlyArray<Sort> = []) =>
    Effect.flatMap(Store, (store) => store.list(resource, Q.all([s.mine, ...filters], sort))).pipe(
      Effect.map((r: ListResult<RowOf<R>>) => suffixes(s, r.rows as never))
    )

  /** Matching ids, order ignored. */
  const matching = <R extends ResourceName>(s: Slice, resource: R, ...filters: ReadonlyArray<Filter>) =>
    Effect.map(listIds(s, resource, filters), sorted)

  layer(target.layer, { excludeTestServices: true, timeout: "120 seconds" })(`Store contract: ${target.name}`, (it) => {
    describe("row builders", () => {
      it.effect("every builder yields a row the core schema accepts unchanged", () =>
        Effect.sync(() => {
          for (const resource of RESOURCE_NAMES) {
            const row = (ROW_BUILDERS[resource] as (id: string) => unknown)(`${resource}-1`)
            const decoded = Schema.decodeUnknownSync(RESOURCE_SCHEMAS[resource] as Schema.Schema<any, any, never>)(row)
            expect(decoded, resource).toEqual(row)
          }
          // The generated unique values are valid too.
          const decodeVolunteer = Schema.decodeUnknownSync(RESOURCE_SCHEMAS.volunteers)
          expect(() => decodeVolunteer(volunteerRow("v", { idNumber: residentIdNumber(123_456), phone: mobilePhone(42) }))).not.toThrow()
        })
      )
    })

    describe("insert, get, getMany, update, remove", () => {
      it.effect("insert returns the row, get reads it back, and the write reaches the storage", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          const row = volunteerRow(s.id("a"), { regionCode: s.tag })
          expect(yield* store.insert("volunteers", row)).toEqual(row)
          expect(yield* store.get("volunteers", row.id)).toEqual(row)
          const stored = yield* raw.read("volunteers", row.id)
          expect(stored).not.toBeNull()
          expect(String(rawField(stored!, "id"))).toBe(row.id)
          expect(String(rawField(stored!, "name"))).toBe("王建国")
        })
      )

      it.effect("get of a missing id fails with NotFound naming the resource and id", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const error = yield* Effect.flip(store.get("activities", s.id("missing")))
          expect(error._tag).toBe("NotFound")
          expect(error).toMatchObject({ resource: "activities", id: s.id("missing") })
        })
      )

      it.effect("getMany returns the rows that exist and leaves missing ids out", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedVolunteers(s, [
            ["a", {}],
            ["b", { name: "李秀英" }],
            ["c", {}]
          ])
          const rows = yield* store.getMany("volunteers", [s.id("c"), s.id("missing"), s.id("a")])
          expect(sorted(suffixes(s, rows))).toEqual(["a", "c"])
          expect(rows.find((r) => r.id === s.id("a"))).toEqual(volunteerRow(s.id("a"), { regionCode: s.tag }))
          expect(yield* store.getMany("volunteers", [])).toEqual([])
          expect(yield* store.getMany("volunteers", [s.id("nope")])).toEqual([])
        })
      )

      it.effect("update applies the patch, leaves other fields alone and returns the whole row", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          const row = volunteerRow(s.id("a"), { regionCode: s.tag, interests: ["party-story"], monthlyHours: 8 })
          yield* store.insert("volunteers", row)
          const patch = { name: "王建华", monthlyHours: 2.5, interests: ["party-story", "new-generation"], fitness: "good" } as const
          const updated = yield* store.update("volunteers", row.id, patch)
          const expected = { ...row, ...patch }
          expect(updated).toEqual(expected)
          expect(yield* store.get("volunteers", row.id)).toEqual(expected)
          const stored = yield* raw.read("volunteers", row.id)
          expect(String(rawField(stored!, "name"))).toBe("王建华")
          // Setting a value back to null is a write too.
          const cleared = yield* store.update("volunteers", row.id, { fitness: null })
          expect(cleared.fitness).toBeNull()
          expect((yield* store.get("volunteers", row.id)).fitness).toBeNull()
        })
      )

      it.effect("update and remove of a missing id fail with NotFound and write nothing", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          const u = yield* Effect.flip(store.update("volunteers", s.id("missing"), { name: "无名" }))
          expect(u._tag).toBe("NotFound")
          expect(u).toMatchObject({ resource: "volunteers", id: s.id("missing") })
          const r = yield* Effect.flip(store.remove("volunteers", s.id("missing")))
          expect(r._tag).toBe("NotFound")
          expect(yield* raw.read("volunteers", s.id("missing"))).toBeNull()
        })
      )

      it.effect("remove deletes the row from reads, lists and the storage; the id can be used again", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          yield* seedVolunteers(s, [
            ["a", {}],
            ["b", {}]
          ])
          yield* store.remove("volunteers", s.id("a"))
          expect((yield* Effect.flip(store.get("volunteers", s.id("a"))))._tag).toBe("NotFound")
          expect(yield* raw.read("volunteers", s.id("a"))).toBeNull()
          expect(yield* matching(s, "volunteers")).toEqual(["b"])
          expect((yield* Effect.flip(store.remove("volunteers", s.id("a"))))._tag).toBe("NotFound")
          yield* seedVolunteers(s, [["a", { name: "重新登记" }]])
          expect((yield* store.get("volunteers", s.id("a"))).name).toBe("重新登记")
        })
      )

      it.effect("inserting an id that exists fails with Conflict and keeps the first row", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedVolunteers(s, [["a", { name: "第一" }]])
          const error = yield* Effect.flip(store.insert("volunteers", volunteerRow(s.id("a"), { regionCode: s.tag, name: "第二" })))
          expect(error._tag).toBe("Conflict")
          expect(error.key).toBe("conflict.unique")
          expect((yield* store.get("volunteers", s.id("a"))).name).toBe("第一")
        })
      )

      it.effect("rows handed out are the caller's own: changing them does not change the store", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const row = volunteerRow(s.id("a"), { regionCode: s.tag, interests: ["party-story"], expertiseYears: { education: 3 } })
          const inserted = yield* store.insert("volunteers", row)
          ;(inserted as any).name = "改了"
          ;(inserted.interests as Array<string>).push("tech-innovation")
          const got = yield* store.get("volunteers", row.id)
          ;(got.expertiseYears as any).education = 99
          ;(row as any).monthlyHours = 99
          const listed = (yield* store.list("volunteers", Q.all([s.mine]))).rows[0]
          expect(listed).toEqual(
            volunteerRow(s.id("a"), { regionCode: s.tag, interests: ["party-story"], expertiseYears: { education: 3 } })
          )
        })
      )
    })

    describe("values round-trip exactly", () => {
      it.effect("a minimal row of every resource comes back equal from get, getMany and list", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          for (const resource of RESOURCE_NAMES) {
            // Region rows are keyed by their code, which has a pattern of its own.
            const id = resource === "regions" ? `${s.tag}r` : s.id(resource)
            const row = (ROW_BUILDERS[resource] as (id: string, o?: object) => RowOf<typeof resource>)(
              id,
              "regionCode" in ROW_BUILDERS[resource]("x") ? { regionCode: s.tag } : {}
            )
            expect(yield* store.insert(resource, row), resource).toEqual(row)
            expect(yield* store.get(resource, id), resource).toEqual(row)
            expect(yield* store.getMany(resource, [id]), resource).toEqual([row])
            const listed = yield* store.list(resource, Q.all([Q.eq("id", id)]))
            expect(listed, resource).toEqual({ rows: [row], total: 1 })
          }
        })
      )

      it.effect("strings (Chinese, emoji, quotes, empty), numbers (decimals, 0, negative), booleans, nulls, arrays and JSON", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const volunteer = volunteerRow(s.id("v"), {
            regionCode: s.tag,
            name: "欧阳·建国",
            formerUnit: `盐城市 "供电局" 'O\\Brien' 100% _x_ 🌸\n第二行`,
            formerPosition: "",
            idNumber: s.idNumber(),
            phone: s.phone(),
            partyMember: false,
            talentPool: true,
            monthlyHours: 2.5,
            expertise: ["education", "party-history"],
            expertiseYears: { education: 12, "party-history": 0 },
            interests: [],
            channels: ["offline"],
            fitness: "limited",
            healthDataConsentAt: "2024-03-02T09:30:00.123Z"
          })
          const zero = volunteerRow(s.id("z"), { regionCode: s.tag, monthlyHours: 0, expertiseYears: {}, channels: [] })
          const activity = activityRow(s.id("a"), {
            regionCode: s.tag,
            partnerIds: ["组织-甲", "org-2"],
            description: "活动说明：\t带上老花镜。",
            beneficiaryCount: 1_000_000,
            safetyPlan: {
              medicalAid: "社区卫生服务中心随队",
              transport: "",
              insurer: "中国人寿",
              insurancePolicyNumber: "P-2024-001",
              epidemicMeasures: "",
              risksDisclosed: "久坐、天气炎热"
            }
          })
          const audit = auditEntryRow(s.id("log"), {
            regionCode: s.tag,
            changes: {
              name: { before: "旧名", after: "新名" },
              interests: { before: [], after: ["party-story"] },
              monthlyHours: { before: null, after: 2.5 },
              safetyPlan: { before: { insurer: "" }, after: { insurer: "中国人寿", nested: { deep: [1, true, null] } } }
            }
          })
          const correction = serviceHourRow(s.id("h"), { regionCode: s.tag, hours: -1.5, source: "correction", reason: "多记了" })
          const participation = participationRow(s.id("p"), { regionCode: s.tag, hours: 7.25, recordedLate: true })
          for (const [resource, row] of [
            ["volunteers", volunteer],
            ["volunteers", zero],
            ["activities", activity],
            ["audit-log", audit],
            ["service-hours", correction],
            ["participations", participation]
          ] as const) {
            yield* store.insert(resource, row as never)
            expect(yield* store.get(resource, row.id), row.id).toEqual(row)
          }
          // JSON and arrays written by update come back the same way, and a JSON field can go back to null.
          const withPlan = yield* store.update("activities", activity.id, { safetyPlan: null, partnerIds: [] })
          expect(withPlan).toEqual({ ...activity, safetyPlan: null, partnerIds: [] })
          expect(yield* store.get("activities", activity.id)).toEqual({ ...activity, safetyPlan: null, partnerIds: [] })
          const years = yield* store.update("volunteers", zero.id, { expertiseYears: { rnd: 30 }, monthlyHours: 0.5 })
          expect(years.expertiseYears).toEqual({ rnd: 30 })
          expect((yield* store.get("volunteers", zero.id)).monthlyHours).toBe(0.5)
          const types = yield* store.get("volunteers", volunteer.id)
          expect(typeof types.partyMember).toBe("boolean")
          expect(typeof types.monthlyHours).toBe("number")
        })
      )
    })

    describe("filters", () => {
      it.effect("eq matches strings exactly (case-sensitive), numbers, booleans, and null as IS NULL", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["a", { name: "Zhang Wei", monthlyHours: 10, partyMember: true, fitness: "good" }],
            ["b", { name: "zhang wei", monthlyHours: 2.5, partyMember: false, fitness: null }],
            ["c", { name: "张伟", monthlyHours: 0, partyMember: true, fitness: null }]
          ])
          expect(yield* matching(s, "volunteers", Q.eq("name", "Zhang Wei"))).toEqual(["a"])
          expect(yield* matching(s, "volunteers", Q.eq("name", "张伟"))).toEqual(["c"])
          expect(yield* matching(s, "volunteers", Q.eq("name", "张"))).toEqual([])
          expect(yield* matching(s, "volunteers", Q.eq("monthlyHours", 2.5))).toEqual(["b"])
          expect(yield* matching(s, "volunteers", Q.eq("monthlyHours", 0))).toEqual(["c"])
          expect(yield* matching(s, "volunteers", Q.eq("partyMember", true))).toEqual(["a", "c"])
          expect(yield* matching(s, "volunteers", Q.eq("partyMember", false))).toEqual(["b"])
          expect(yield* matching(s, "volunteers", Q.eq("fitness", null))).toEqual(["b", "c"])
          expect(yield* matching(s, "volunteers", Q.eq("fitness", "good"))).toEqual(["a"])
        })
      )

      it.effect("neq keeps rows whose field is null; neq null means IS NOT NULL", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["a", { fitness: "good", partyMember: true }],
            ["b", { fitness: "limited", partyMember: false }],
            ["c", { fitness: null, partyMember: true }]
          ])
          expect(yield* matching(s, "volunteers", Q.neq("fitness", "good"))).toEqual(["b", "c"])
          expect(yield* matching(s, "volunteers", Q.neq("fitness", null))).toEqual(["a", "b"])
          expect(yield* matching(s, "volunteers", Q.neq("partyMember", true))).toEqual(["b"])
        })
      )

      it.effect("in and notIn over strings, numbers and null; notIn keeps null fields", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["a", { fitness: "good", monthlyHours: 4 }],
            ["b", { fitness: "limited", monthlyHours: 8 }],
            ["c", { fitness: null, monthlyHours: 2.5 }],
            ["d", { fitness: "online-only", monthlyHours: 8 }]
          ])
          expect(yield* matching(s, "volunteers", Q.in("fitness", ["good", "online-only"]))).toEqual(["a", "d"])
          expect(yield* matching(s, "volunteers", Q.in("monthlyHours", [8, 2.5]))).toEqual(["b", "c", "d"])
          expect(yield* matching(s, "volunteers", Q.in("fitness", [null, "good"]))).toEqual(["a", "c"])
          expect(yield* matching(s, "volunteers", Q.notIn("fitness", ["good", "limited"]))).toEqual(["c", "d"])
          expect(yield* matching(s, "volunteers", Q.notIn("fitness", [null]))).toEqual(["a", "b", "d"])
          expect(yield* matching(s, "volunteers", Q.notIn("monthlyHours", [8]))).toEqual(["a", "c"])
        })
      )

      it.effect("empty value lists: in/includesAny/or() match nothing, notIn/includesNone match everything", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["a", { interests: ["party-story"] }],
            ["b", { interests: [] }]
          ])
          expect(yield* matching(s, "volunteers", Q.in("name", []))).toEqual([])
          expect(yield* matching(s, "volunteers", Q.notIn("name", []))).toEqual(["a", "b"])
          expect(yield* matching(s, "volunteers", Q.includesAny("interests", []))).toEqual([])
          expect(yield* matching(s, "volunteers", Q.includesNone("interests", []))).toEqual(["a", "b"])
          expect(yield* matching(s, "volunteers", Q.or())).toEqual([])
          expect(yield* matching(s, "volunteers", Q.or([]))).toEqual(["a", "b"])
        })
      )

      it.effect("gt/gte/lt/lte compare numbers numerically; nulls never match", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const hours: ReadonlyArray<readonly [string, number | null]> = [
            ["n0", 0],
            ["n2", 2.5],
            ["n9", 9],
            ["n10", 10],
            ["n100", 100],
            ["null", null]
          ]
          for (const [suffix, h] of hours)
            yield* store.insert("participations", participationRow(s.id(suffix), { regionCode: s.tag, hours: h }))
          expect(yield* matching(s, "participations", Q.gt("hours", 9))).toEqual(["n10", "n100"])
          expect(yield* matching(s, "participations", Q.gte("hours", 9))).toEqual(["n10", "n100", "n9"])
          expect(yield* matching(s, "participations", Q.lt("hours", 10))).toEqual(["n0", "n2", "n9"])
          expect(yield* matching(s, "participations", Q.lte("hours", 2.5))).toEqual(["n0", "n2"])
          expect(yield* matching(s, "participations", Q.gt("hours", -1))).toEqual(["n0", "n10", "n100", "n2", "n9"])
          expect(yield* matching(s, "participations", Q.gt("hours", 2), Q.lt("hours", 10))).toEqual(["n2", "n9"])
        })
      )

      it.effect("gt/gte/lt/lte compare ISO dates, date-times and instants as strings; nulls never match", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedVolunteers(s, [
            ["a", { birthDate: "1949-10-01", healthDataConsentAt: "2024-01-31T23:59:59Z" }],
            ["b", { birthDate: "1958-06-01", healthDataConsentAt: null }],
            ["c", { birthDate: "1960-12-31", healthDataConsentAt: "2024-02-01T00:00:00Z" }]
          ])
          expect(yield* matching(s, "volunteers", Q.gte("birthDate", "1958-06-01"))).toEqual(["b", "c"])
          expect(yield* matching(s, "volunteers", Q.lt("birthDate", "1958-06-01"))).toEqual(["a"])
          expect(yield* matching(s, "volunteers", Q.gte("birthDate", "1950-01-01"), Q.lte("birthDate", "1960-12-31"))).toEqual(["b", "c"])
          expect(yield* matching(s, "volunteers", Q.gte("healthDataConsentAt", "2024-02-01"))).toEqual(["c"])
          expect(yield* matching(s, "volunteers", Q.lt("healthDataConsentAt", "2099-01-01"))).toEqual(["a", "c"])
          for (const [suffix, startsAt] of [
            ["morning", "2024-04-01T09:00"],
            ["evening", "2024-04-01T19:30"],
            ["next", "2024-04-02T08:00"]
          ] as const) {
            yield* store.insert("activities", activityRow(s.id(suffix), { regionCode: s.tag, startsAt, endsAt: startsAt }))
          }
          expect(yield* matching(s, "activities", Q.gte("startsAt", "2024-04-01T12:00"))).toEqual(["evening", "next"])
          expect(yield* matching(s, "activities", Q.gte("startsAt", "2024-04-01"), Q.lt("startsAt", "2024-04-02"))).toEqual([
            "evening",
            "morning"
          ])
        })
      )

      it.effect("contains: case-insensitive for latin, Chinese as typed, % and _ taken literally, null never matches", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedVolunteers(s, [
            ["a", { formerUnit: "Yancheng Power Supply Bureau", formerPosition: "副局长" }],
            ["b", { formerUnit: "盐城市供电局", formerPosition: "50%_time" }],
            ["c", { formerUnit: "盐城师范学院", formerPosition: "500 time" }]
          ])
          expect(yield* matching(s, "volunteers", Q.contains("formerUnit", "power"))).toEqual(["a"])
          expect(yield* matching(s, "volunteers", Q.contains("formerUnit", "YANCHENG pOWER"))).toEqual(["a"])
          expect(yield* matching(s, "volunteers", Q.contains("formerUnit", "盐城"))).toEqual(["b", "c"])
          expect(yield* matching(s, "volunteers", Q.contains("formerUnit", "供电局"))).toEqual(["b"])
          expect(yield* matching(s, "volunteers", Q.contains("formerPosition", "50%"))).toEqual(["b"])
          expect(yield* matching(s, "volunteers", Q.contains("formerPosition", "%"))).toEqual(["b"])
          expect(yield* matching(s, "volunteers", Q.contains("formerPosition", "_"))).toEqual(["b"])
          expect(yield* matching(s, "volunteers", Q.contains("formerPosition", "%_t"))).toEqual(["b"])
          expect(yield* matching(s, "volunteers", Q.contains("formerPosition", "5%time"))).toEqual([])
          yield* store.insert("participations", participationRow(s.id("p"), { regionCode: s.tag, overrideReason: null }))
          yield* store.insert("participations", participationRow(s.id("q"), { regionCode: s.tag, overrideReason: "本人同意" }))
          expect(yield* matching(s, "participations", Q.contains("overrideReason", ""))).toEqual(["q"])
        })
      )

      it.effect("includes/includesAny/includesNone match whole elements, never substrings or LIKE patterns", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const partners: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
            ["a", ["org-party-story"]],
            ["b", ["org-party"]],
            ["c", ["org_1", "org%2"]],
            ["d", []],
            ["e", ["org-party", "org-party-story"]],
            ["f", ["组织-甲"]],
            ["g", ["x,y", 'say "hi"']],
            ["h", ["x", "y"]]
          ]
          for (const [suffix, partnerIds] of partners)
            yield* store.insert("activities", activityRow(s.id(suffix), { regionCode: s.tag, partnerIds }))
          const m = (f: Filter) => matching(s, "activities", f)
          expect(yield* m(Q.includes("partnerIds", "org-party"))).toEqual(["b", "e"])
          expect(yield* m(Q.includes("partnerIds", "org-party-story"))).toEqual(["a", "e"])
          expect(yield* m(Q.includes("partnerIds", "org"))).toEqual([])
          expect(yield* m(Q.includes("partnerIds", "party"))).toEqual([])
          expect(yield* m(Q.includes("partnerIds", "org_1"))).toEqual(["c"])
          expect(yield* m(Q.includes("partnerIds", "orgX1"))).toEqual([])
          expect(yield* m(Q.includes("partnerIds", "org%"))).toEqual([])
          expect(yield* m(Q.includes("partnerIds", "org_2"))).toEqual([])
          expect(yield* m(Q.includes("partnerIds", "org%2"))).toEqual(["c"])
          expect(yield* m(Q.includes("partnerIds", "组织"))).toEqual([])
          expect(yield* m(Q.includes("partnerIds", "组织-甲"))).toEqual(["f"])
          expect(yield* m(Q.includes("partnerIds", "x,y"))).toEqual(["g"])
          expect(yield* m(Q.includes("partnerIds", "x"))).toEqual(["h"])
          expect(yield* m(Q.includes("partnerIds", 'say "hi"'))).toEqual(["g"])
          expect(yield* m(Q.includesAny("partnerIds", ["org-party", "org_1"]))).toEqual(["b", "c", "e"])
          expect(yield* m(Q.includesAny("partnerIds", ["party", "org-"]))).toEqual([])
          expect(yield* m(Q.includesNone("partnerIds", ["org-party"]))).toEqual(["a", "c", "d", "f", "g", "h"])
          expect(yield* m(Q.includesNone("partnerIds", ["org-party-story", "x"]))).toEqual(["b", "c", "d", "f", "g"])
          // The same on a field of category codes, where one code starts like another word.
          yield* seedVolunteers(s, [
            ["v1", { interests: ["party-story", "new-generation"] }],
            ["v2", { interests: ["rural-revitalization"] }]
          ])
          expect(yield* matching(s, "volunteers", Q.includes("interests", "party"))).toEqual([])
          expect(yield* matching(s, "volunteers", Q.includes("interests", "party-story"))).toEqual(["v1"])
          expect(yield* matching(s, "volunteers", Q.includesNone("interests", ["new-generation"]))).toEqual(["v2"])
        })
      )

      it.effect("search: every term must be in some searchable field; Chinese, latin case, ideographic space", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["a", { name: "王建国", formerUnit: "盐城市供电局", formerPosition: "副局长", phone: s.phone() }],
            ["b", { name: "李秀英", formerUnit: "Yancheng Power Supply Co.", formerPosition: "工程师" }],
            ["c", { name: "张伟", formerUnit: "盐城市教育局", formerPosition: "教师" }]
          ])
          const q = (text: string) => matching(s, "volunteers", Q.search(text))
          expect(yield* q("盐城")).toEqual(["a", "c"])
          expect(yield* q("盐城 局长")).toEqual(["a"])
          expect(yield* q("局长 盐城")).toEqual(["a"])
          expect(yield* q("盐城\u3000教师")).toEqual(["c"])
          expect(yield* q("  盐城 \u3000 教育  ")).toEqual(["c"])
          expect(yield* q("power")).toEqual(["b"])
          expect(yield* q("POWER 工程")).toEqual(["b"])
          expect(yield* q("王建国 工程师")).toEqual([])
          // Each volunteer number is derived from the id, so the tag finds them all.
          expect(yield* q(`YF-${s.tag}`)).toEqual(["a", "b", "c"])
          expect(yield* q(`yf-${s.id("b")}`)).toEqual(["b"])
          expect(yield* q(" \u3000 ")).toEqual(["a", "b", "c"])
          // The phone is not a searchable field.
          expect(yield* q("139")).toEqual([])
          expect(yield* q("%")).toEqual([])
          expect(yield* matching(s, "volunteers", Q.search("盐城"), Q.eq("name", "张伟"))).toEqual(["c"])
        })
      )

      it.effect("or: any group matches, each group an AND; combined with the other filters by AND", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["a", { gender: "female", monthlyHours: 4, partyMember: true }],
            ["b", { gender: "male", monthlyHours: 20, partyMember: false }],
            ["c", { gender: "male", monthlyHours: 20, partyMember: true }],
            ["d", { gender: "male", monthlyHours: 4, partyMember: false, fitness: null }]
          ])
          const either = Q.or([Q.eq("gender", "female")], [Q.gte("monthlyHours", 10), Q.eq("partyMember", false)])
          expect(yield* matching(s, "volunteers", either)).toEqual(["a", "b"])
          expect(yield* matching(s, "volunteers", either, Q.eq("partyMember", true))).toEqual(["a"])
          expect(yield* matching(s, "volunteers", Q.or([Q.eq("gender", "female")]))).toEqual(["a"])
          const nested = Q.or([Q.or([Q.eq("id", s.id("c"))], [Q.eq("id", s.id("d"))]), Q.eq("partyMember", false)], [Q.eq("id", s.id("a"))])
          expect(yield* matching(s, "volunteers", nested)).toEqual(["a", "d"])
        })
      )
    })

    describe("sorting and paging", () => {
      it.effect("strings sort by code point (Chinese names by their code points, not pinyin), ASC and DESC", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["1", { name: "王建国" }], // U+738B
            ["2", { name: "abc" }],
            ["3", { name: "陈红" }], // U+9648
            ["4", { name: "张伟" }], // U+5F20
            ["5", { name: "Zhao" }],
            ["6", { name: "李秀英" }] // U+674E
          ])
          const { store } = yield* services
          const names = (order: "ASC" | "DESC") =>
            Effect.map(store.list("volunteers", Q.all([s.mine], [{ field: "name", order }])), (r) => r.rows.map((v) => v.name))
          const byCodePoint = ["Zhao", "abc", "张伟", "李秀英", "王建国", "陈红"]
          expect(yield* names("ASC")).toEqual(byCodePoint)
          expect(yield* names("DESC")).toEqual([...byCodePoint].reverse())
        })
      )

      it.effect("numbers sort numerically and booleans false before true", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["a", { monthlyHours: 10, partyMember: true }],
            ["b", { monthlyHours: 9, partyMember: false }],
            ["c", { monthlyHours: 100, partyMember: true }],
            ["d", { monthlyHours: 2.5, partyMember: false }],
            ["e", { monthlyHours: 0, partyMember: true }]
          ])
          expect(yield* listIds(s, "volunteers", [], [{ field: "monthlyHours", order: "ASC" }])).toEqual(["e", "d", "b", "a", "c"])
          expect(yield* listIds(s, "volunteers", [], [{ field: "monthlyHours", order: "DESC" }])).toEqual(["c", "a", "b", "d", "e"])
          expect(yield* listIds(s, "volunteers", [], [{ field: "partyMember", order: "ASC" }])).toEqual(["b", "d", "a", "c", "e"])
        })
      )

      it.effect("nulls come first in ASC and last in DESC", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          for (const [suffix, hours] of [
            ["a", 3],
            ["b", null],
            ["c", 0],
            ["d", null],
            ["e", 1.5]
          ] as const) {
            yield* store.insert("participations", participationRow(s.id(suffix), { regionCode: s.tag, hours }))
          }
          expect(yield* listIds(s, "participations", [], [{ field: "hours", order: "ASC" }])).toEqual(["b", "d", "c", "e", "a"])
          expect(yield* listIds(s, "participations", [], [{ field: "hours", order: "DESC" }])).toEqual(["a", "e", "c", "b", "d"])
        })
      )

      it.effect("ties are broken by id ASC (also under DESC); no sort means id ASC; several sort fields apply in order", () =>
        Effect.gen(function* () {
          const s = slice()
          yield* seedVolunteers(s, [
            ["d", { gender: "male", monthlyHours: 4 }],
            ["b", { gender: "female", monthlyHours: 4 }],
            ["e", { gender: "male", monthlyHours: 8 }],
            ["a", { gender: "male", monthlyHours: 4 }],
            ["c", { gender: "female", monthlyHours: 8 }]
          ])
          expect(yield* listIds(s, "volunteers", [])).toEqual(["a", "b", "c", "d", "e"])
          expect(yield* listIds(s, "volunteers", [], [{ field: "monthlyHours", order: "ASC" }])).toEqual(["a", "b", "d", "c", "e"])
          expect(yield* listIds(s, "volunteers", [], [{ field: "monthlyHours", order: "DESC" }])).toEqual(["c", "e", "a", "b", "d"])
          expect(
            yield* listIds(
              s,
              "volunteers",
              [],
              [
                { field: "gender", order: "ASC" },
                { field: "monthlyHours", order: "DESC" }
              ]
            )
          ).toEqual(["c", "b", "e", "a", "d"])
          expect(yield* listIds(s, "volunteers", [], [{ field: "id", order: "DESC" }])).toEqual(["e", "d", "c", "b", "a"])
        })
      )

      it.effect("offset/limit page the sorted matches; total counts every match", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedVolunteers(
            s,
            Array.from({ length: 12 }, (_, i) => [String(i).padStart(2, "0"), { monthlyHours: i % 2 === 0 ? 5 : 1 }] as const)
          )
          const sort = [{ field: "monthlyHours", order: "DESC" }] as const
          const page = (offset: number, limit: number, filters: ReadonlyArray<Filter> = []) =>
            store.list("volunteers", Q.all([s.mine, ...filters], sort, { offset, limit }))
          const first = yield* page(0, 5)
          expect(first.total).toBe(12)
          expect(suffixes(s, first.rows)).toEqual(["00", "02", "04", "06", "08"])
          const second = yield* page(5, 5)
          expect(second.total).toBe(12)
          expect(suffixes(s, second.rows)).toEqual(["10", "01", "03", "05", "07"])
          const last = yield* page(10, 5)
          expect(suffixes(s, last.rows)).toEqual(["09", "11"])
          expect(yield* page(20, 5)).toEqual({ rows: [], total: 12 })
          const filtered = yield* page(1, 2, [Q.eq("monthlyHours", 1)])
          expect(filtered.total).toBe(6)
          expect(suffixes(s, filtered.rows)).toEqual(["03", "05"])
          const none = yield* page(0, 5, [Q.eq("monthlyHours", 99)])
          expect(none).toEqual({ rows: [], total: 0 })
          const all = yield* store.list("volunteers", Q.all([s.mine], sort))
          expect(all.total).toBe(12)
          expect(all.rows).toHaveLength(12)
        })
      )
    })

    describe("unique fields", () => {
      const expectUniqueConflict = (error: unknown, field: string) => {
        expect(error).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field })
      }

      it.effect("a duplicate phone, ID number or volunteer number is a Conflict naming the field; nothing is written", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          const phone = s.phone()
          const idNumber = s.idNumber()
          yield* seedVolunteers(s, [["a", { phone, idNumber }]])
          const cases: ReadonlyArray<readonly [string, RowOverrides<"volunteers">, string]> = [
            ["p", { phone }, "phone"],
            ["i", { idNumber }, "idNumber"],
            ["n", { volunteerNumber: `YF-${s.id("a")}` }, "volunteerNumber"]
          ]
          for (const [suffix, overrides, field] of cases) {
            const error = yield* Effect.flip(store.insert("volunteers", volunteerRow(s.id(suffix), { regionCode: s.tag, ...overrides })))
            expectUniqueConflict(error, field)
            expect(yield* raw.read("volunteers", s.id(suffix))).toBeNull()
          }
          expect(yield* matching(s, "volunteers")).toEqual(["a"])
        })
      )

      it.effect("a duplicate username is a Conflict on username", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const username = s.username()
          yield* store.insert("users", userRow(s.id("a"), { regionCode: s.tag, username }))
          const error = yield* Effect.flip(store.insert("users", userRow(s.id("b"), { regionCode: s.tag, username })))
          expectUniqueConflict(error, "username")
          expect(yield* matching(s, "users")).toEqual(["a"])
        })
      )

      it.effect("an update into another row's unique value is a Conflict and changes nothing; keeping one's own value is fine", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const [phoneA, phoneB] = [s.phone(), s.phone()]
          yield* seedVolunteers(s, [
            ["a", { phone: phoneA }],
            ["b", { phone: phoneB, name: "李秀英" }]
          ])
          const error = yield* Effect.flip(store.update("volunteers", s.id("b"), { phone: phoneA, name: "改名" }))
          expectUniqueConflict(error, "phone")
          const b = yield* store.get("volunteers", s.id("b"))
          expect([b.phone, b.name]).toEqual([phoneB, "李秀英"])
          const same = yield* store.update("volunteers", s.id("a"), { phone: phoneA, name: "王建华" })
          expect(same.name).toBe("王建华")
          const usernames = [s.username(), s.username()]
          yield* store.insert("users", userRow(s.id("u1"), { regionCode: s.tag, username: usernames[0] }))
          yield* store.insert("users", userRow(s.id("u2"), { regionCode: s.tag, username: usernames[1] }))
          expectUniqueConflict(yield* Effect.flip(store.update("users", s.id("u2"), { username: usernames[0] })), "username")
        })
      )

      it.effect("nulls in unique fields never collide", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedVolunteers(s, [
            ["a", { phone: null, idNumber: null }],
            ["b", { phone: null, idNumber: null }],
            ["c", { phone: s.phone(), idNumber: null }]
          ])
          yield* store.update("volunteers", s.id("c"), { phone: null })
          expect(yield* matching(s, "volunteers", Q.eq("phone", null), Q.eq("idNumber", null))).toEqual(["a", "b", "c"])
        })
      )

      it.effect("a Conflict caught inside a transaction does not spoil the transaction", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          const phone = s.phone()
          yield* seedVolunteers(s, [["a", { phone }]])
          const outcome = yield* store.transaction(
            Effect.gen(function* () {
              const clash = yield* Effect.flip(store.insert("volunteers", volunteerRow(s.id("b"), { regionCode: s.tag, phone })))
              yield* store.insert("volunteers", volunteerRow(s.id("c"), { regionCode: s.tag }))
              yield* store.update("volunteers", s.id("a"), { name: "事务内改名" })
              return clash._tag
            })
          )
          expect(outcome).toBe("Conflict")
          expect(yield* matching(s, "volunteers")).toEqual(["a", "c"])
          expect(yield* raw.read("volunteers", s.id("c"))).not.toBeNull()
          expect((yield* store.get("volunteers", s.id("a"))).name).toBe("事务内改名")
        })
      )
    })

    describe("insertMany", () => {
      /**
       * More rows than one multi-row INSERT carries in any SQL adapter (they chunk under the
       * drivers' parameter limits), so that a failure in a later chunk is tested against earlier
       * chunks already sent.
       */
      const BIG = 1_203
      const batch = (s: Slice, n: number, overrides: (i: number) => RowOverrides<"volunteers"> = () => ({})) =>
        Array.from({ length: n }, (_, i) =>
          volunteerRow(s.id(`m${String(i).padStart(5, "0")}`), {
            regionCode: s.tag,
            // Varied values, so that a column shifted by one in a chunk would not read back equal.
            name: `批量${i}`,
            monthlyHours: i % 40,
            partyMember: i % 2 === 0,
            interests: i % 3 === 0 ? ["party-story"] : [],
            ...(i % 5 === 0 ? { expertise: ["law-mediation"], expertiseYears: { "law-mediation": i % 30 } } : {}),
            fitness: i % 4 === 0 ? null : "good",
            ...overrides(i)
          })
        )

      it.effect("round trip: every row reads back equal, across chunks", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const rows = batch(s, BIG, (i) => (i % 7 === 0 ? { phone: s.phone(), idNumber: s.idNumber() } : {}))
          const result = yield* store.insertMany("volunteers", rows)
          expect(result).toBeUndefined()
          const back = yield* store.list("volunteers", Q.all([s.mine], [{ field: "name", order: "ASC" }]))
          expect(back.total).toBe(BIG)
          const byId = new Map(back.rows.map((r) => [r.id, r]))
          for (const row of rows) expect(byId.get(row.id)).toEqual(row)
          expect(yield* store.get("volunteers", rows[BIG - 1].id)).toEqual(rows[BIG - 1])
        })
      )

      it.effect("an empty array writes nothing and succeeds", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* store.insertMany("volunteers", [])
          yield* store.transaction(store.insertMany("activities", []))
          expect(yield* matching(s, "volunteers")).toEqual([])
        })
      )

      it.effect("a unique value already stored, even in the last row, is a Conflict naming the field and writes none of the batch", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          const phone = s.phone()
          yield* seedVolunteers(s, [["a", { phone }]])
          const rows = batch(s, BIG, (i) => (i === BIG - 1 ? { phone } : {}))
          const error = yield* Effect.flip(store.insertMany("volunteers", rows))
          expect(error).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "phone" })
          expect(yield* matching(s, "volunteers")).toEqual(["a"])
          expect(yield* raw.read("volunteers", rows[0].id)).toBeNull()
          // An id already stored is a Conflict on id.
          const again = yield* Effect.flip(
            store.insertMany("volunteers", [volunteerRow(s.id("a"), { regionCode: s.tag, volunteerNumber: `YF-${s.id("a2")}` })])
          )
          expect(again).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "id" })
        })
      )

      it.effect("a duplicate within the batch itself is a Conflict and writes none of it", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const idNumber = s.idNumber()
          const rows = batch(s, BIG, (i) => (i === 3 || i === BIG - 2 ? { idNumber } : {}))
          const error = yield* Effect.flip(store.insertMany("volunteers", rows))
          expect(error).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "idNumber" })
          const twice = [
            volunteerRow(s.id("x"), { regionCode: s.tag }),
            volunteerRow(s.id("x"), { regionCode: s.tag, volunteerNumber: "other" })
          ]
          expect(yield* Effect.flip(store.insertMany("volunteers", twice))).toMatchObject({ _tag: "Conflict", field: "id" })
          // Nulls in unique fields still never collide.
          yield* store.insertMany(
            "volunteers",
            batch(s, 3, () => ({ phone: null, idNumber: null }))
          )
          expect(yield* matching(s, "volunteers")).toEqual(["m00000", "m00001", "m00002"])
        })
      )

      it.effect(
        "inside a transaction it joins it: a caught Conflict leaves none of the batch, the outer writes stay; an outer failure undoes the batch",
        () =>
          Effect.gen(function* () {
            const s = slice()
            const { store } = yield* services
            const phone = s.phone()
            yield* seedVolunteers(s, [["a", { phone }]])
            const outcome = yield* store.transaction(
              Effect.gen(function* () {
                yield* store.insert("activities", activityRow(s.id("act"), { regionCode: s.tag }))
                const clash = yield* Effect.flip(
                  store.insertMany(
                    "volunteers",
                    batch(s, BIG, (i) => (i === BIG - 1 ? { phone } : {}))
                  )
                )
                yield* store.insertMany("volunteers", [volunteerRow(s.id("b"), { regionCode: s.tag })])
                return clash._tag
              })
            )
            expect(outcome).toBe("Conflict")
            expect(yield* matching(s, "volunteers")).toEqual(["a", "b"])
            expect(yield* matching(s, "activities")).toEqual(["act"])
            const error = yield* Effect.flip(
              store.transaction(Effect.zipRight(store.insertMany("volunteers", batch(s, 5)), Effect.fail("outer fails" as const)))
            )
            expect(error).toBe("outer fails")
            expect(yield* matching(s, "volunteers")).toEqual(["a", "b"])
          })
      )
    })

    describe("transactions", () => {
      /** Several writes across resources: inserts, an update and a remove of rows that existed before. */
      const seedForTransaction = (s: Slice) =>
        Effect.gen(function* () {
          const { store } = yield* services
          yield* seedVolunteers(s, [["kept", { name: "原名" }]])
          yield* store.insert("service-hours", serviceHourRow(s.id("h0"), { regionCode: s.tag }))
        })
      const writeAcrossResources = (s: Slice) =>
        Effect.gen(function* () {
          const { store } = yield* services
          yield* store.insert("volunteers", volunteerRow(s.id("new"), { regionCode: s.tag, phone: s.phone() }))
          yield* store.insert("activities", activityRow(s.id("act"), { regionCode: s.tag }))
          yield* store.insert("audit-log", auditEntryRow(s.id("log"), { regionCode: s.tag }))
          yield* store.update("volunteers", s.id("kept"), { name: "新名" })
          yield* store.remove("service-hours", s.id("h0"))
          // The transaction reads its own writes.
          expect((yield* store.get("volunteers", s.id("new"))).id).toBe(s.id("new"))
          expect((yield* store.get("volunteers", s.id("kept"))).name).toBe("新名")
          expect((yield* store.list("service-hours", Q.all([s.mine]))).total).toBe(0)
        })
      const expectUntouched = (s: Slice) =>
        Effect.gen(function* () {
          const { store, raw } = yield* services
          expect(yield* matching(s, "volunteers")).toEqual(["kept"])
          expect((yield* store.get("volunteers", s.id("kept"))).name).toBe("原名")
          expect(yield* matching(s, "activities")).toEqual([])
          expect(yield* matching(s, "audit-log")).toEqual([])
          expect(yield* matching(s, "service-hours")).toEqual(["h0"])
          expect(yield* raw.read("volunteers", s.id("new"))).toBeNull()
          expect(yield* raw.read("activities", s.id("act"))).toBeNull()
          expect(String(rawField((yield* raw.read("volunteers", s.id("kept")))!, "name"))).toBe("原名")
          expect(yield* raw.read("service-hours", s.id("h0"))).not.toBeNull()
        })

      it.effect("a successful transaction keeps every write and returns the effect's value", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          yield* seedForTransaction(s)
          const value = yield* store.transaction(Effect.as(writeAcrossResources(s), "完成"))
          expect(value).toBe("完成")
          expect(yield* matching(s, "volunteers")).toEqual(["kept", "new"])
          expect((yield* store.get("volunteers", s.id("kept"))).name).toBe("新名")
          expect(yield* matching(s, "activities")).toEqual(["act"])
          expect(yield* matching(s, "service-hours")).toEqual([])
          expect(yield* raw.read("audit-log", s.id("log"))).not.toBeNull()
          expect(yield* raw.read("service-hours", s.id("h0"))).toBeNull()
        })
      )

      it.effect("Effect.fail inside a transaction undoes every write, across resources, and passes the error on", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedForTransaction(s)
          const error = yield* Effect.flip(store.transaction(Effect.zipRight(writeAcrossResources(s), Effect.fail("规则不允许" as const))))
          expect(error).toBe("规则不允许")
          yield* expectUntouched(s)
        })
      )

      it.effect("a domain error from the store itself (a Conflict after other writes) undoes the transaction", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedForTransaction(s)
          const phone = s.phone()
          yield* store.update("volunteers", s.id("kept"), { phone })
          const error = yield* Effect.flip(
            store.transaction(
              Effect.zipRight(writeAcrossResources(s), store.insert("volunteers", volunteerRow(s.id("dup"), { regionCode: s.tag, phone })))
            )
          )
          expect(error._tag).toBe("Conflict")
          yield* expectUntouched(s)
        })
      )

      it.effect("Effect.die inside a transaction undoes every write and keeps the defect", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedForTransaction(s)
          const boom = new Error("断电了")
          const exit = yield* Effect.exit(store.transaction(Effect.zipRight(writeAcrossResources(s), Effect.die(boom))))
          expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
          if (Exit.isFailure(exit)) expect(Cause.squash(exit.cause)).toBe(boom)
          yield* expectUntouched(s)
        })
      )

      it.effect("an interrupted transaction undoes its writes", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedForTransaction(s)
          const written = yield* Deferred.make<void>()
          const fiber = yield* Effect.fork(
            store.transaction(Effect.zipRight(writeAcrossResources(s), Effect.zipRight(Deferred.succeed(written, undefined), Effect.never)))
          )
          yield* Deferred.await(written)
          yield* Fiber.interrupt(fiber)
          yield* expectUntouched(s)
        })
      )

      it.effect("a nested transaction commits with the outer one: the outer failure undoes the inner writes", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedForTransaction(s)
          const error = yield* Effect.flip(
            store.transaction(
              Effect.gen(function* () {
                const inner = yield* store.transaction(Effect.as(writeAcrossResources(s), "inner done"))
                expect(inner).toBe("inner done")
                // The inner writes are visible to the rest of the outer transaction.
                expect((yield* store.get("activities", s.id("act"))).id).toBe(s.id("act"))
                return yield* Effect.fail("outer fails" as const)
              })
            )
          )
          expect(error).toBe("outer fails")
          yield* expectUntouched(s)
          const ok = yield* store.transaction(
            store.transaction(store.insert("activities", activityRow(s.id("nested-ok"), { regionCode: s.tag })))
          )
          expect(ok.id).toBe(s.id("nested-ok"))
          expect(yield* matching(s, "activities")).toEqual(["nested-ok"])
        })
      )

      it.effect("a failed nested transaction undoes its own writes alone; the outer one goes on and commits", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store, raw } = yield* services
          yield* seedForTransaction(s)
          const outcome = yield* store.transaction(
            Effect.gen(function* () {
              yield* store.insert("activities", activityRow(s.id("before"), { regionCode: s.tag }))
              const inner = yield* Effect.flip(
                store.transaction(Effect.zipRight(writeAcrossResources(s), Effect.fail("row refused" as const)))
              )
              // Undone inside the outer transaction already: its reads no longer see them.
              expect(yield* matching(s, "activities")).toEqual(["before"])
              expect((yield* store.get("volunteers", s.id("kept"))).name).toBe("原名")
              expect(yield* matching(s, "service-hours")).toEqual(["h0"])
              // A second inner transaction after the failed one works as any other.
              yield* store.transaction(store.insert("activities", activityRow(s.id("after"), { regionCode: s.tag })))
              return inner
            })
          )
          expect(outcome).toBe("row refused")
          expect(yield* matching(s, "activities")).toEqual(["after", "before"])
          expect(yield* matching(s, "volunteers")).toEqual(["kept"])
          expect(yield* raw.read("volunteers", s.id("new"))).toBeNull()
          expect(yield* raw.read("audit-log", s.id("log"))).toBeNull()
          expect(String(rawField((yield* raw.read("volunteers", s.id("kept")))!, "name"))).toBe("原名")
          expect(yield* raw.read("service-hours", s.id("h0"))).not.toBeNull()
        })
      )

      it.effect("savepoints nest: an inner failure inside a successful inner transaction undoes only the innermost", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* store.transaction(
            store.transaction(
              Effect.gen(function* () {
                yield* store.insert("activities", activityRow(s.id("middle"), { regionCode: s.tag }))
                yield* Effect.exit(
                  store.transaction(
                    Effect.zipRight(store.insert("activities", activityRow(s.id("inner"), { regionCode: s.tag })), Effect.fail("no"))
                  )
                )
              })
            )
          )
          expect(yield* matching(s, "activities")).toEqual(["middle"])
        })
      )
    })

    describe("sequences", () => {
      it.effect("nextSequence starts at 1, counts up by one, and names are independent", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const a = s.sequence("volunteer-number")
          const b = s.sequence("certificate.2024")
          expect(yield* store.nextSequence(a)).toBe(1)
          expect(yield* store.nextSequence(a)).toBe(2)
          expect(yield* store.nextSequence(b)).toBe(1)
          expect(yield* store.nextSequence(a)).toBe(3)
          expect(yield* store.nextSequence(b)).toBe(2)
        })
      )

      it.effect("reserveSequence hands out a block of consecutive values, shared with nextSequence", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const name = s.sequence("block")
          expect(yield* store.reserveSequence(name, 3)).toBe(1)
          expect(yield* store.nextSequence(name)).toBe(4)
          expect(yield* store.reserveSequence(name, 500)).toBe(5)
          expect(yield* store.reserveSequence(name, 1)).toBe(505)
          // Inside a transaction that fails, the block is given back where the store can; never handed out twice.
          yield* Effect.exit(store.transaction(Effect.zipRight(store.reserveSequence(name, 10), Effect.fail("no"))))
          expect(yield* store.nextSequence(name)).toBeGreaterThanOrEqual(506)
          const blocks = yield* Effect.all(
            Array.from({ length: 10 }, () => store.reserveSequence(name, 7)),
            { concurrency: "unbounded" }
          )
          const values = blocks.flatMap((first) => Array.from({ length: 7 }, (_, i) => first + i))
          expect(new Set(values).size).toBe(70)
        })
      )

      it.effect("concurrent callers never get the same value", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const name = s.sequence("concurrent")
          const values = yield* Effect.all(
            Array.from({ length: 20 }, () => store.nextSequence(name)),
            { concurrency: "unbounded" }
          )
          expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
        })
      )
    })

    describe("aggregate", () => {
      const seedHours = (s: Slice) =>
        Effect.gen(function* () {
          const { store } = yield* services
          const entries: ReadonlyArray<readonly [string, string, "party-story" | "new-generation" | "tech-innovation", string, number]> = [
            ["1", "v1", "party-story", "2024-01-15", 2.5],
            ["2", "v1", "party-story", "2024-01-20", 1.25],
            ["3", "v2", "party-story", "2024-02-01", 3],
            ["4", "v2", "new-generation", "2024-01-31", 0.5],
            ["5", "v3", "tech-innovation", "2023-12-31", 4],
            ["6", "v1", "new-generation", "2024-02-29", -0.5]
          ]
          for (const [suffix, volunteer, category, serviceDate, hours] of entries) {
            yield* store.insert(
              "service-hours",
              serviceHourRow(s.id(suffix), { regionCode: s.tag, volunteerId: s.id(volunteer), category, serviceDate, hours })
            )
          }
        })
      const measures = [
        { fn: "count", as: "entries" },
        { fn: "sum", field: "hours", as: "hours" },
        { fn: "countDistinct", field: "volunteerId", as: "volunteers" }
      ] as const
      const round = (rows: ReadonlyArray<AggregateRow>) =>
        rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v])))

      it.effect("count, sum and countDistinct over the filtered rows, as numbers", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedHours(s)
          const rows = yield* store.aggregate("service-hours", { filters: [s.mine], groupBy: [], measures })
          expect(rows).toHaveLength(1)
          for (const v of Object.values(rows[0])) expect(typeof v).toBe("number")
          expect(round(rows)).toEqual([{ entries: 6, hours: 10.75, volunteers: 3 }])
          const filtered = yield* store.aggregate("service-hours", {
            filters: [s.mine, Q.eq("category", "party-story"), Q.gte("serviceDate", "2024-01-16")],
            groupBy: [],
            measures
          })
          expect(round(filtered)).toEqual([{ entries: 2, hours: 4.25, volunteers: 2 }])
          // Decimal sums are summed as numbers, not rounded to integers.
          const tenths = yield* store.aggregate("service-hours", {
            filters: [s.mine, Q.in("id", [s.id("1"), s.id("2")])],
            groupBy: [],
            measures: [{ fn: "sum", field: "hours", as: "h" }]
          })
          expect(tenths[0].h).toBeCloseTo(3.75, 9)
        })
      )

      it.effect("without groupBy, zero matching rows still give one row of zeros", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          const rows = yield* store.aggregate("service-hours", { filters: [s.mine], groupBy: [], measures })
          expect(rows).toEqual([{ entries: 0, hours: 0, volunteers: 0 }])
          const grouped = yield* store.aggregate("service-hours", {
            filters: [s.mine],
            groupBy: [{ field: "category", as: "category" }],
            measures
          })
          expect(grouped).toEqual([])
        })
      )

      it.effect("groupBy a field: one row per value, sorted by the key", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedHours(s)
          const rows = yield* store.aggregate("service-hours", {
            filters: [s.mine],
            groupBy: [{ field: "category", as: "category" }],
            measures
          })
          expect(round(rows)).toEqual([
            { category: "new-generation", entries: 2, hours: 0, volunteers: 2 },
            { category: "party-story", entries: 3, hours: 6.75, volunteers: 2 },
            { category: "tech-innovation", entries: 1, hours: 4, volunteers: 1 }
          ])
        })
      )

      it.effect("groupBy month and year buckets of ISO dates, with several keys, sorted by the keys in order", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedHours(s)
          const byMonth = yield* store.aggregate("service-hours", {
            filters: [s.mine],
            groupBy: [{ field: "serviceDate", bucket: "month", as: "month" }],
            measures: [
              { fn: "count", as: "n" },
              { fn: "sum", field: "hours", as: "h" }
            ]
          })
          expect(round(byMonth)).toEqual([
            { month: "2023-12", n: 1, h: 4 },
            { month: "2024-01", n: 3, h: 4.25 },
            { month: "2024-02", n: 2, h: 2.5 }
          ])
          const byYear = yield* store.aggregate("service-hours", {
            filters: [s.mine],
            groupBy: [{ field: "serviceDate", bucket: "year", as: "year" }],
            measures: [{ fn: "count", as: "n" }]
          })
          expect(byYear).toEqual([
            { year: "2023", n: 1 },
            { year: "2024", n: 5 }
          ])
          const byCategoryMonth = yield* store.aggregate("service-hours", {
            filters: [s.mine, Q.gte("serviceDate", "2024-01-01")],
            groupBy: [
              { field: "category", as: "c" },
              { field: "serviceDate", bucket: "month", as: "m" }
            ],
            measures: [{ fn: "sum", field: "hours", as: "h" }]
          })
          expect(round(byCategoryMonth)).toEqual([
            { c: "new-generation", m: "2024-01", h: 0.5 },
            { c: "new-generation", m: "2024-02", h: -0.5 },
            { c: "party-story", m: "2024-01", h: 3.75 },
            { c: "party-story", m: "2024-02", h: 3 }
          ])
        })
      )

      it.effect("month buckets of 'YYYY-MM-DDTHH:mm' date-times", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          for (const [suffix, startsAt, needed] of [
            ["a", "2024-03-31T23:30", 2],
            ["b", "2024-04-01T00:00", 3],
            ["c", "2024-04-30T18:00", 5]
          ] as const) {
            yield* store.insert(
              "activities",
              activityRow(s.id(suffix), { regionCode: s.tag, startsAt, endsAt: startsAt, volunteersNeeded: needed })
            )
          }
          const rows = yield* store.aggregate("activities", {
            filters: [s.mine],
            groupBy: [{ field: "startsAt", bucket: "month", as: "month" }],
            measures: [
              { fn: "count", as: "n" },
              { fn: "sum", field: "volunteersNeeded", as: "needed" }
            ]
          })
          expect(rows).toEqual([
            { month: "2024-03", n: 1, needed: 2 },
            { month: "2024-04", n: 2, needed: 8 }
          ])
          const years = yield* store.aggregate("activities", {
            filters: [s.mine],
            groupBy: [{ field: "startsAt", bucket: "year", as: "y" }],
            measures: [{ fn: "count", as: "n" }]
          })
          expect(years).toEqual([{ y: "2024", n: 3 }])
        })
      )

      it.effect("group keys keep their kind: numbers, booleans, and null (first)", () =>
        Effect.gen(function* () {
          const s = slice()
          const { store } = yield* services
          yield* seedVolunteers(s, [
            ["a", { monthlyHours: 10, partyMember: true, fitness: "good" }],
            ["b", { monthlyHours: 2.5, partyMember: false, fitness: null }],
            ["c", { monthlyHours: 10, partyMember: true, fitness: null }]
          ])
          const byHours = yield* store.aggregate("volunteers", {
            filters: [s.mine],
            groupBy: [{ field: "monthlyHours", as: "mh" }],
            measures: [{ fn: "count", as: "n" }]
          })
          expect(byHours).toEqual([
            { mh: 2.5, n: 1 },
            { mh: 10, n: 2 }
          ])
          const byParty = yield* store.aggregate("volunteers", {
            filters: [s.mine],
            groupBy: [{ field: "partyMember", as: "p" }],
            measures: [{ fn: "count", as: "n" }]
          })
          expect(byParty).toEqual([
            { p: false, n: 1 },
            { p: true, n: 2 }
          ])
          const byFitness = yield* store.aggregate("volunteers", {
            filters: [s.mine],
            groupBy: [{ field: "fitness", as: "f" }],
            measures: [{ fn: "count", as: "n" }]
          })
          expect(byFitness).toEqual([
            { f: null, n: 2 },
            { f: "good", n: 1 }
          ])
        })
      )
    })
  })
}

/** Re-exported for targets that want to check a query against the reference semantics. */
export type { Query, StoreService }
