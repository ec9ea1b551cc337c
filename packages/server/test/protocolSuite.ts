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
      const raw = await http(s, "POST", "/api/organizations", {
        token: s.tokens.admin,
        body: { name: `丁${stamp}`, kind: "bureau", regionCode: YANDU }
      })
      expect(raw.status).toBe(201)
      created.d = raw.body.id
    })

    it("getList pages, sorts and counts with Content-Range", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const filter = { q: stamp }
      const page1 = await admin.getList("organizations", {
        pagination: { page: 1, perPage: 2 },
        sort: { field: "name", order: "DESC" },
        filter
      })
      expect(page1.total).toBe(4)
      expect(page1.data).toHaveLength(2)
      const page2 = await admin.getList("organizations", {
        pagination: { page: 2, perPage: 2 },
        sort: { field: "name", order: "DESC" },
        filter
      })
      const names = [...page1.data, ...page2.data].map((o) => o.name)
      expect(names).toEqual([...names].sort().reverse())
      const raw = await http(s, "GET", `/api/organizations${q({ sort: ["name", "ASC"], range: [1, 2], filter })}`, {
        token: s.tokens.admin
      })
      expect(raw.headers.get("content-range")).toBe("organizations 1-2/4")
      const empty = await http(s, "GET", `/api/organizations${q({ filter: { q: `nothing-${stamp}` } })}`, { token: s.tokens.admin })
      expect(empty.body).toEqual([])
      expect(empty.headers.get("content-range")).toBe("organizations */0")
    })

    it("the total counts only what the caller may see", async () => {
      const tinghu = dataProvider(s, s.tokens.tinghu)
      const list = await tinghu.getList("organizations", {
        pagination: { page: 1, perPage: 10 },
        sort: { field: "name", order: "ASC" },
        filter: { q: stamp }
      })
      expect(list.total).toBe(2)
      expect(list.data.every((o) => o.regionCode === TINGHU)).toBe(true)
    })

    it("filters: plain, array (IN), _q, _neq, _gte", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const get = (filter: object) =>
        admin.getList("organizations", {
          pagination: { page: 1, perPage: 50 },
          sort: { field: "name", order: "ASC" },
          filter: { q: stamp, ...filter }
        })
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
      const { data } = await admin.update("organizations", {
        id: created.a,
        data: { ...before, address: "盐城市亭湖区" },
        previousData: before
      })
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
      const left = await admin.getList("organizations", {
        pagination: { page: 1, perPage: 10 },
        sort: { field: "name", order: "ASC" },
        filter: { q: stamp }
      })
      expect(left.data.map((o) => o.id)).toEqual([created.a])
      await expect(admin.getOne("organizations", { id: created.d })).rejects.toMatchObject({ status: 404 })
    })

    it("regions: the preset, sorted, readable by everyone signed in", async () => {
      const viewer = dataProvider(s, s.tokens.viewer)
      const list = await viewer.getList("regions", {
        pagination: { page: 1, perPage: 25 },
        sort: { field: "sortOrder", order: "ASC" },
        filter: {}
      })
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

    /** Local (UTC+8) dates: the server's calendar. */
    const localDate = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
    const volunteer = async (name: string, regionCode: string = TINGHU) => {
      const { data } = await dataProvider(s, s.tokens.admin).create("volunteers", {
        data: { name: `${name}${stamp}`, gender: "female", birthDate: "1957-05-01", regionCode, consentAt: "2025-01-01T00:00:00.000Z" }
      })
      return data.id as string
    }

    it("participations: POST is the sign-up; getManyReference by activityId; update; DELETE is refused (withdraw instead)", async () => {
      const tinghu = dataProvider(s, s.tokens.tinghu)
      const next = Number(localDate().slice(0, 4)) + 1
      const { data: activity } = await tinghu.create("activities", {
        data: {
          title: `线上宣讲${stamp}`,
          category: "party-story",
          format: "party-class",
          regionCode: TINGHU,
          channel: "online",
          startsAt: `${next}-06-01T09:00`,
          endsAt: `${next}-06-01T11:00`,
          volunteersNeeded: 5
        }
      })
      expect((await http(s, "POST", `/api/activities/${activity.id}/publish`, { token: s.tokens.tinghu })).status).toBe(200)
      const [a, b] = [await volunteer("报名甲"), await volunteer("报名乙")]
      const signUps: Array<string> = []
      for (const volunteerId of [a, b]) {
        const { data } = await tinghu.create("participations", { data: { activityId: activity.id, volunteerId, role: "讲解员" } })
        expect(data).toMatchObject({ activityId: activity.id, volunteerId, status: "signed-up", role: "讲解员" })
        signUps.push(data.id as string)
      }
      const refs = await tinghu.getManyReference("participations", {
        target: "activityId",
        id: activity.id,
        pagination: { page: 1, perPage: 10 },
        sort: { field: "signedUpAt", order: "ASC" },
        filter: {}
      })
      expect(refs.total).toBe(2)
      expect(refs.data.map((p) => p.volunteerId).sort()).toEqual([a, b].sort())
      // Out of the region, the activity's sign-ups do not exist.
      const yandu = await dataProvider(s, s.tokens.yandu).getManyReference("participations", {
        target: "activityId",
        id: activity.id,
        pagination: { page: 1, perPage: 10 },
        sort: { field: "signedUpAt", order: "ASC" },
        filter: {}
      })
      expect(yandu.total).toBe(0)
      const { data: before } = await tinghu.getOne("participations", { id: signUps[0] })
      const { data: updated } = await tinghu.update("participations", {
        id: signUps[0],
        data: { ...before, role: "主讲" },
        previousData: before
      })
      expect(updated).toMatchObject({ id: signUps[0], role: "主讲", status: "signed-up" })
      await expect(tinghu.delete("participations", { id: signUps[1], previousData: { id: signUps[1] } })).rejects.toMatchObject({
        status: 409
      })
      const withdrawn = await http(s, "POST", `/api/participations/${signUps[1]}/withdraw`, { token: s.tokens.tinghu })
      expect(withdrawn.body.status).toBe("withdrawn")
    })

    it("pairings and their check-ins: create, filter by mentor, update; check-ins by POST (both routes) and getManyReference", async () => {
      const tinghu = dataProvider(s, s.tokens.tinghu)
      const mentor = await volunteer("导师")
      const { data: pairing } = await tinghu.create("pairings", {
        data: {
          mentorId: mentor,
          menteeType: "young-cadre",
          menteeName: `青年干部${stamp}`,
          regionCode: TINGHU,
          category: "party-story",
          goals: "带好一名年轻干部"
        }
      })
      expect(pairing).toMatchObject({ mentorId: mentor, status: "proposed", regionCode: TINGHU })
      const byMentor = await tinghu.getList("pairings", {
        pagination: { page: 1, perPage: 5 },
        sort: { field: "createdAt", order: "ASC" },
        filter: { mentorId: mentor }
      })
      expect(byMentor.data.map((p) => p.id)).toEqual([pairing.id])
      const { data: changed } = await tinghu.update("pairings", {
        id: pairing.id,
        data: { ...pairing, goals: "每月面谈一次" },
        previousData: pairing
      })
      expect(changed.goals).toBe("每月面谈一次")
      expect((await http(s, "POST", `/api/pairings/${pairing.id}/activate`, { token: s.tokens.tinghu })).body.status).toBe("active")

      const viaPairing = await http(s, "POST", `/api/pairings/${pairing.id}/check-ins`, {
        token: s.tokens.tinghu,
        body: { date: localDate(), hours: 1.5, mode: "in-person", notes: "谈心" }
      })
      expect(viaPairing.status).toBe(201)
      expect(viaPairing.body).toMatchObject({ pairingId: pairing.id, hours: 1.5, regionCode: TINGHU })
      const { data: direct } = await tinghu.create("pairing-check-ins", {
        data: { pairingId: pairing.id, date: localDate(), hours: 1, mode: "phone" }
      })
      expect(direct).toMatchObject({ pairingId: pairing.id, mode: "phone", notes: "" })
      const refs = await tinghu.getManyReference("pairing-check-ins", {
        target: "pairingId",
        id: pairing.id,
        pagination: { page: 1, perPage: 10 },
        sort: { field: "hours", order: "DESC" },
        filter: {}
      })
      expect(refs.total).toBe(2)
      expect(refs.data.map((c) => c.hours)).toEqual([1.5, 1])
      const { data: noted } = await tinghu.update("pairing-check-ins", {
        id: direct.id,
        data: { ...direct, notes: "电话回访" },
        previousData: direct
      })
      expect(noted.notes).toBe("电话回访")
      await tinghu.delete("pairing-check-ins", { id: direct.id, previousData: direct })
      await expect(tinghu.getOne("pairing-check-ins", { id: direct.id })).rejects.toMatchObject({ status: 404 })
      const record = await http(s, "GET", `/api/volunteers/${mentor}/service-record`, { token: s.tokens.tinghu })
      expect(record.body.totalHours).toBe(1.5)
      // A pairing with check-ins is history: it cannot be deleted.
      await expect(tinghu.delete("pairings", { id: pairing.id, previousData: pairing })).rejects.toMatchObject({ status: 409 })
    })

    it("exemplars: create (the region comes from the volunteer), list by year, update, delete", async () => {
      const admin = dataProvider(s, s.tokens.admin)
      const person = await volunteer("典型", YANDU)
      const { data } = await admin.create("exemplars", {
        data: { volunteerId: person, level: "county", year: 2025, title: `银发先锋${stamp}`, citation: "常年义务宣讲" }
      })
      expect(data).toMatchObject({ volunteerId: person, regionCode: YANDU, year: 2025 })
      const list = await admin.getList("exemplars", {
        pagination: { page: 1, perPage: 5 },
        sort: { field: "year", order: "DESC" },
        filter: { q: stamp, year: 2025 }
      })
      expect(list.data.map((e) => e.id)).toEqual([data.id])
      const hidden = await dataProvider(s, s.tokens.tinghu).getList("exemplars", {
        pagination: { page: 1, perPage: 5 },
        sort: { field: "year", order: "DESC" },
        filter: { q: stamp }
      })
      expect(hidden.total).toBe(0)
      const { data: updated } = await admin.update("exemplars", { id: data.id, data: { ...data, level: "city" }, previousData: data })
      expect(updated.level).toBe("city")
      await admin.delete("exemplars", { id: data.id, previousData: data })
      await expect(admin.getOne("exemplars", { id: data.id })).rejects.toMatchObject({ status: 404 })
    })
  })
