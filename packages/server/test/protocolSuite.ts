import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dataProvider, http, q, startTestServer, TINGHU, type TestServer, YANDU } from "./support.js"
import type { YinfaHandlerOptions } from "../src/handler.js"

/**
 * The simple-rest protocol through the unmodified ra-data-simple-rest client, against a listening
 * server. Run once per store (memory, SQLite, PostgreSQL when configured).
 */
export const protocolSuite = (label: string, options: () => Partial<YinfaHandlerOptions>) =>
  describe(`simple-rest protocol (${label})`, () => {
    let s: TestServer
    const created: Record<string, string> = {}
    const stamp = Date.now().toString(36)
    beforeAll(async () => {
      s = await startTestServer(options())
    })
    afterAll(() => s?.close())

    it("create returns the record with its id (201)", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      for (const [key, name, regionCode] of [
        ["a", `甲社区${stamp}`, TINGHU],
        ["b", `乙村${stamp}`, TINGHU],
        ["c", `丙学校${stamp}`, YANDU]
      ] as const) {
        const { data } = await admin.create("organizations", { data: { name, kind: "beneficiary", regionCode } })
        expect(data).toMatchObject({ name, kind: "beneficiary", regionCode, contactName: "" })
        expect(typeof data.id).toBe("string")
        created[key] = data.id as string
      }
      const raw = await http(s, "POST", "/api/organizations", { token: s.tokens.admin, body: { name: `丁${stamp}`, kind: "bureau", regionCode: YANDU } })
      expect(raw.status).toBe(201)
      created.d = raw.body.id
    })

    it("getList pages, sorts and counts with Content-Range", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const filter = { q: stamp }
      const page1 = await admin.getList("organizations", { pagination: { page: 1, perPage: 2 }, sort: { field: "name", order: "DESC" }, filter })
      expect(page1.total).toBe(4)
      expect(page1.data).toHaveLength(2)
      const page2 = await admin.getList("organizations", { pagination: { page: 2, perPage: 2 }, sort: { field: "name", order: "DESC" }, filter })
      const names = [...page1.data, ...page2.data].map((o) => o.name)
      expect(names).toEqual([...names].sort().reverse())
      const raw = await http(s, "GET", `/api/organizations${q({ sort: ["name", "ASC"], range: [1, 2], filter })}`, { token: s.tokens.admin })
      expect(raw.headers.get("content-range")).toBe("organizations 1-2/4")
      const empty = await http(s, "GET", `/api/organizations${q({ filter: { q: `nothing-${stamp}` } })}`, { token: s.tokens.admin })
      expect(empty.body).toEqual([])
      expect(empty.headers.get("content-range")).toBe("organizations */0")
    })

    it("the total counts only what the caller may see", async () => {
      const tinghu = dataProvider(s, s.tokens.tinghu)
      const list = await tinghu.getList("organizations", { pagination: { page: 1, perPage: 10 }, sort: { field: "name", order: "ASC" }, filter: { q: stamp } })
      expect(list.total).toBe(2)
      expect(list.data.every((o) => o.regionCode === TINGHU)).toBe(true)
    })

    it("filters: plain, array (IN), _q, _neq, _gte", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const get = (filter: object) =>
        admin.getList("organizations", { pagination: { page: 1, perPage: 50 }, sort: { field: "name", order: "ASC" }, filter: { q: stamp, ...filter } })
      expect((await get({ regionCode: YANDU })).total).toBe(2)
      expect((await get({ regionCode: [YANDU, TINGHU] })).total).toBe(4)
      expect((await get({ kind: "bureau" })).data.map((o) => o.id)).toEqual([created.d])
      expect((await get({ name_q: "乙村" })).data.map((o) => o.id)).toEqual([created.b])
      expect((await get({ kind_neq: "beneficiary" })).total).toBe(1)
      expect((await get({ kind_eq_any: ["bureau", "partner"] })).total).toBe(1)
      expect((await get({ createdAt_gte: "2000-01-01T00:00:00.000Z" })).total).toBe(4)
      expect((await get({ createdAt_lt: "2000-01-01T00:00:00.000Z" })).total).toBe(0)
    })

    it("getOne, and getMany leaves out what the caller may not see", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const one = await admin.getOne("organizations", { id: created.a })
      expect(one.data.id).toBe(created.a)
      const many = await admin.getMany("organizations", { ids: [created.a, created.c] })
      expect(many.data.map((o) => o.id).sort()).toEqual([created.a, created.c].sort())
      const tinghu = dataProvider(s, s.tokens.tinghu)
      const scoped = await tinghu.getMany("organizations", { ids: [created.a, created.c] })
      expect(scoped.data.map((o) => o.id)).toEqual([created.a])
    })

    it("getManyReference", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const refs = await admin.getManyReference("organizations", {
        target: "regionCode",
        id: YANDU,
        pagination: { page: 1, perPage: 10 },
        sort: { field: "name", order: "ASC" },
        filter: { q: stamp },
        meta: undefined
      })
      expect(refs.total).toBe(2)
      expect(refs.data.map((o) => o.id).sort()).toEqual([created.c, created.d].sort())
    })

    it("update (a whole record sent back) and updateMany", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const { data: before } = await admin.getOne("organizations", { id: created.a })
      const { data } = await admin.update("organizations", { id: created.a, data: { ...before, address: "盐城市亭湖区" }, previousData: before })
      expect(data).toMatchObject({ id: created.a, address: "盐城市亭湖区", name: before.name })
      const many = await admin.updateMany("organizations", { ids: [created.a, created.b], data: { contactName: "王主任" } })
      expect([...(many.data ?? [])].sort()).toEqual([created.a, created.b].sort())
      const after = await admin.getMany("organizations", { ids: [created.a, created.b] })
      expect(after.data.map((o) => o.contactName)).toEqual(["王主任", "王主任"])
    })

    it("delete returns the deleted record; deleteMany", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const { data } = await admin.delete("organizations", { id: created.d, previousData: { id: created.d } })
      expect(data.id).toBe(created.d)
      const many = await admin.deleteMany("organizations", { ids: [created.b, created.c] })
      expect([...(many.data ?? [])].sort()).toEqual([created.b, created.c].sort())
      const left = await admin.getList("organizations", { pagination: { page: 1, perPage: 10 }, sort: { field: "name", order: "ASC" }, filter: { q: stamp } })
      expect(left.data.map((o) => o.id)).toEqual([created.a])
      await expect(admin.getOne("organizations", { id: created.d })).rejects.toMatchObject({ status: 404 })
    })

    it("regions: the preset, sorted, readable by everyone signed in", async () => {
      const viewer = dataProvider(s, s.tokens.viewer)
      const list = await viewer.getList("regions", { pagination: { page: 1, perPage: 25 }, sort: { field: "sortOrder", order: "ASC" }, filter: {} })
      expect(list.total).toBe(12)
      expect(list.data[0]).toMatchObject({ code: TINGHU, name: "亭湖区" })
      const one = await viewer.getOne("regions", { id: YANDU })
      expect(one.data.name).toBe("盐都区")
      const many = await viewer.getMany("regions", { ids: [TINGHU, YANDU] })
      expect(many.data).toHaveLength(2)
    })

    it("brand projects round-trip through create/update/delete", async () => {
      const tinghu = dataProvider(s, s.tokens.tinghu)
      const { data } = await tinghu.create("brand-projects", {
        data: { name: `银发先锋${stamp}`, category: "party-story", regionCode: TINGHU, yearStarted: 2021 }
      })
      expect(data).toMatchObject({ regionCode: TINGHU, yearStarted: 2021 })
      const updated = await tinghu.update("brand-projects", { id: data.id, data: { ...data, yearStarted: 2022 }, previousData: data })
      expect(updated.data.yearStarted).toBe(2022)
      const ref = await tinghu.getManyReference("brand-projects", {
        target: "regionCode",
        id: TINGHU,
        pagination: { page: 1, perPage: 5 },
        sort: { field: "name", order: "ASC" },
        filter: { q: stamp }
      })
      expect(ref.total).toBe(1)
      await tinghu.delete("brand-projects", { id: data.id, previousData: data })
      await expect(tinghu.getOne("brand-projects", { id: data.id })).rejects.toMatchObject({ status: 404 })
    })
  })
