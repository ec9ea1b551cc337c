import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { http, q, startTestServer, TINGHU, type TestServer, YANDU } from "./support.js"

/**
 * The authorisation matrix: role (city admin, 亭湖 region admin, viewer) × resource × verb ×
 * in/out of 亭湖's jurisdiction, every cell asserted — plus 401 for every verb without a token.
 * Out-of-scope records do not exist for a region admin (404, for writes too: the core looks a
 * record up in the caller's scope before judging the write); creating in another region and
 * every viewer write are 403 — except where the region comes from the record pointed at (a
 * sign-up's activity, an exemplar's volunteer): that record is not found, 404.
 */
let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s?.close())

let n = 0

const adminPost = async (path: string, body: object) => {
  const r = await http(s, "POST", path, { token: s.tokens.admin, body })
  if (r.status !== 201 && r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.id as string
}

/** A fresh volunteer of the region: sign-ups, pairings and exemplars each get their own (no capacity or clash limits in the way). */
const newVolunteer = (regionCode: string) =>
  adminPost("/api/volunteers", {
    name: `矩阵${++n}`,
    gender: "female",
    birthDate: "1957-05-01",
    regionCode,
    consentAt: "2025-01-01T00:00:00.000Z"
  })

/** One published online activity per region, open to sign-ups. */
const openActivities = new Map<string, Promise<string>>()
const openActivity = (regionCode: string) => {
  let id = openActivities.get(regionCode)
  if (!id) {
    id = adminPost("/api/activities", {
      title: `矩阵活动${regionCode}`,
      category: "party-story",
      format: "party-class",
      regionCode,
      channel: "online",
      startsAt: "2099-03-01T09:00",
      endsAt: "2099-03-01T11:00",
      volunteersNeeded: 500
    }).then(async (activityId) => {
      await adminPost(`/api/activities/${activityId}/publish`, {})
      return activityId
    })
    openActivities.set(regionCode, id)
  }
  return id
}

const fixtures: Record<string, { create: (region: string) => object | Promise<object>; patch: object; field: string }> = {
  organizations: {
    create: (regionCode) => ({ name: `组织${++n}`, kind: "partner", regionCode }),
    patch: { address: "改过的地址" },
    field: "address"
  },
  "brand-projects": {
    create: (regionCode) => ({ name: `品牌${++n}`, category: "party-story", regionCode, yearStarted: 2020 }),
    patch: { description: "改过" },
    field: "description"
  },
  volunteers: {
    create: (regionCode) => ({
      name: `老同志${++n}`,
      gender: "male",
      birthDate: "1956-03-01",
      regionCode,
      consentAt: "2025-01-01T00:00:00.000Z"
    }),
    patch: { formerUnit: "市农业农村局" },
    field: "formerUnit"
  },
  activities: {
    create: (regionCode) => ({
      title: `宣讲${++n}`,
      category: "party-story",
      format: "party-class",
      regionCode,
      channel: "online",
      startsAt: "2027-03-01T09:00",
      endsAt: "2027-03-01T11:00",
      volunteersNeeded: 3
    }),
    patch: { description: "改过" },
    field: "description"
  },
  "experience-reports": {
    create: (regionCode) => ({ title: `经验${++n}`, category: "party-story", regionCode, body: "做法与成效" }),
    patch: { body: "改过的正文" },
    field: "body"
  },
  // The region of these comes from what they point at (the activity, the volunteer).
  participations: {
    create: async (regionCode) => ({ activityId: await openActivity(regionCode), volunteerId: await newVolunteer(regionCode) }),
    patch: { role: "联络员" },
    field: "role"
  },
  pairings: {
    create: async (regionCode) => ({
      mentorId: await newVolunteer(regionCode),
      menteeType: "young-talent",
      menteeName: `青年${++n}`,
      regionCode,
      category: "party-story"
    }),
    patch: { goals: "改过的目标" },
    field: "goals"
  },
  exemplars: {
    create: async () => ({ level: "county", year: 2025, title: `先进${++n}`, citation: "事迹材料" }),
    patch: { citation: "改过的事迹" },
    field: "citation"
  }
}

/** The body a role sends to create in a region (prerequisites made by the city admin). */
const body = async (resource: string, region: string) => {
  const created = await fixtures[resource].create(region)
  return resource === "exemplars" ? { ...created, volunteerId: await newVolunteer(region) } : created
}

type Role = "admin" | "tinghu" | "viewer"
const ROLES: ReadonlyArray<Role> = ["admin", "tinghu", "viewer"]
const SCOPES = { in: TINGHU, out: YANDU } as const

const seed = async (resource: string, region: string) => {
  const r = await http(s, "POST", `/api/${resource}`, { token: s.tokens.admin, body: await body(resource, region) })
  if (r.status !== 201) throw new Error(`seeding ${resource}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body as { id: string } & Record<string, unknown>
}

/** Resources whose region is taken from a referenced record: creating against another region's record finds nothing (404). */
const DERIVED_REGION = new Set(["participations", "exemplars"])

const expected = (resource: string, role: Role, scope: "in" | "out", verb: "list" | "getOne" | "create" | "update" | "delete"): number => {
  if (verb === "list") return 200
  if (verb === "getOne") return role === "tinghu" && scope === "out" ? 404 : 200
  if (role === "viewer") return 403
  if (role === "tinghu" && scope === "out") return verb === "create" && !DERIVED_REGION.has(resource) ? 403 : 404
  // Sign-ups are history: never deleted, withdrawn instead.
  if (verb === "delete" && resource === "participations") return 409
  return verb === "create" ? 201 : 200
}

for (const resource of Object.keys(fixtures)) {
  describe(resource, () => {
    for (const role of ROLES) {
      for (const scope of ["in", "out"] as const) {
        const region = SCOPES[scope]
        it(`${role} · list · ${scope}`, async () => {
          const record = await seed(resource, region)
          const r = await http(s, "GET", `/api/${resource}${q({ filter: { id: [record.id] } })}`, { token: s.tokens[role] })
          expect(r.status).toBe(200)
          const visible = !(role === "tinghu" && scope === "out")
          expect(r.body.map((x: { id: string }) => x.id)).toEqual(visible ? [record.id] : [])
          const page = await http(s, "GET", `/api/${resource}${q({ filter: { regionCode: region }, range: [0, 999] })}`, {
            token: s.tokens[role]
          })
          expect(Number(page.headers.get("content-range")?.split("/").pop())).toBe(visible ? page.body.length : 0)
          expect(page.body.length > 0).toBe(visible)
        })
        it(`${role} · getOne · ${scope}`, async () => {
          const record = await seed(resource, region)
          const r = await http(s, "GET", `/api/${resource}/${record.id}`, { token: s.tokens[role] })
          expect(r.status).toBe(expected(resource, role, scope, "getOne"))
        })
        it(`${role} · create · ${scope}`, async () => {
          const r = await http(s, "POST", `/api/${resource}`, { token: s.tokens[role], body: await body(resource, region) })
          expect(r.status, JSON.stringify(r.body)).toBe(expected(resource, role, scope, "create"))
          if (r.status === 201) expect(r.body.regionCode).toBe(region)
        })
        it(`${role} · update · ${scope}`, async () => {
          const record = await seed(resource, region)
          const r = await http(s, "PUT", `/api/${resource}/${record.id}`, { token: s.tokens[role], body: fixtures[resource].patch })
          expect(r.status).toBe(expected(resource, role, scope, "update"))
          const after = await http(s, "GET", `/api/${resource}/${record.id}`, { token: s.tokens.admin })
          const field = fixtures[resource].field
          expect(after.body[field]).toEqual(r.status === 200 ? (fixtures[resource].patch as Record<string, unknown>)[field] : record[field])
        })
        it(`${role} · delete · ${scope}`, async () => {
          const record = await seed(resource, region)
          const r = await http(s, "DELETE", `/api/${resource}/${record.id}`, { token: s.tokens[role] })
          expect(r.status).toBe(expected(resource, role, scope, "delete"))
          const after = await http(s, "GET", `/api/${resource}/${record.id}`, { token: s.tokens.admin })
          expect(after.status).toBe(r.status === 200 ? 404 : 200)
        })
      }
    }
    it("401 for every verb without a token", async () => {
      const record = await seed(resource, TINGHU)
      for (const [method, path] of [
        ["GET", `/api/${resource}`],
        ["GET", `/api/${resource}/${record.id}`],
        ["POST", `/api/${resource}`],
        ["PUT", `/api/${resource}/${record.id}`],
        ["DELETE", `/api/${resource}/${record.id}`]
      ] as const) {
        const r = await http(s, method, path, method === "POST" || method === "PUT" ? { body: await body(resource, TINGHU) } : {})
        expect(r.status, `${method} ${path}`).toBe(401)
      }
      expect((await http(s, "GET", `/api/${resource}/${record.id}`, { token: s.tokens.admin })).status).toBe(200)
    })
  })
}

describe("regions (city-wide reference data)", () => {
  for (const role of ROLES) {
    it(`${role}: reads every region; writes only as city admin`, async () => {
      const list = await http(s, "GET", "/api/regions", { token: s.tokens[role] })
      expect(list.headers.get("content-range")).toBe("regions 0-11/12")
      expect((await http(s, "GET", `/api/regions/${YANDU}`, { token: s.tokens[role] })).status).toBe(200)
      const put = await http(s, "PUT", `/api/regions/${YANDU}`, { token: s.tokens[role], body: { nameEn: "Yandu" } })
      expect(put.status).toBe(role === "admin" ? 200 : 403)
      const create = await http(s, "POST", "/api/regions", {
        token: s.tokens[role],
        body: {
          code: `99${role.length}`,
          name: "测试区",
          nameEn: "Test",
          kind: "district",
          parentCode: "320900",
          slug: `test-${role}`,
          sortOrder: 99
        }
      })
      expect(create.status).toBe(role === "admin" ? 201 : 403)
      if (create.status === 201)
        expect((await http(s, "DELETE", `/api/regions/${create.body.id}`, { token: s.tokens.admin })).status).toBe(200)
    })
  }
})

describe("users (city admins only; others see themselves)", () => {
  for (const role of ROLES) {
    it(`${role}`, async () => {
      const list = await http(s, "GET", "/api/users", { token: s.tokens[role] })
      if (role === "admin") expect(list.body.length).toBeGreaterThanOrEqual(4)
      else expect(list.body.map((u: { username: string }) => u.username)).toEqual([role])
      const other = await http(s, "GET", `/api/users/${s.userIds.yandu}`, { token: s.tokens[role] })
      expect(other.status).toBe(role === "admin" ? 200 : 404)
      const create = await http(s, "POST", "/api/users", {
        token: s.tokens[role],
        body: { username: `made.by.${role}`, displayName: "x", role: "viewer", password: "long-enough-pw" }
      })
      expect(create.status).toBe(role === "admin" ? 201 : 403)
    })
  }
})

describe("audit log (read-only, scoped)", () => {
  it("a region admin sees entries of their region only; writes are 405", async () => {
    const mine = await seed("organizations", TINGHU)
    const theirs = await seed("organizations", YANDU)
    const forTinghu = await http(s, "GET", `/api/audit-log${q({ filter: { recordId: [mine.id, theirs.id] }, range: [0, 99] })}`, {
      token: s.tokens.tinghu
    })
    expect(forTinghu.status).toBe(200)
    expect(forTinghu.body.map((e: { recordId: string }) => e.recordId)).toEqual([mine.id])
    const forAdmin = await http(s, "GET", `/api/audit-log${q({ filter: { recordId: [mine.id, theirs.id] }, range: [0, 99] })}`, {
      token: s.tokens.admin
    })
    expect(new Set(forAdmin.body.map((e: { recordId: string }) => e.recordId))).toEqual(new Set([mine.id, theirs.id]))
    expect((await http(s, "POST", "/api/audit-log", { token: s.tokens.admin, body: {} })).status).toBe(405)
    expect((await http(s, "DELETE", `/api/audit-log/${forAdmin.body[0].id}`, { token: s.tokens.admin })).status).toBe(405)
  })
})

describe("figures and candidates are scoped", () => {
  it("a region admin's overview counts their region whatever regionCode they pass", async () => {
    const all = await http(s, "GET", "/api/stats/overview", { token: s.tokens.admin })
    const tinghuOnly = await http(s, "GET", "/api/stats/overview", { token: s.tokens.admin, headers: {} }).then(() =>
      http(s, "GET", `/api/stats/overview?regionCode=${TINGHU}`, { token: s.tokens.admin })
    )
    const asTinghu = await http(s, "GET", `/api/stats/overview?regionCode=${YANDU}`, { token: s.tokens.tinghu })
    expect(all.status).toBe(200)
    expect(asTinghu.status).toBe(200)
    expect(asTinghu.body.volunteers.active).toBe(tinghuOnly.body.volunteers.active)
    expect(all.body.volunteers.active).toBeGreaterThan(tinghuOnly.body.volunteers.active)
    const series = await http(s, "GET", "/api/stats/series?from=2026-01-01&to=2026-03-31", { token: s.tokens.viewer })
    expect(series.body.map((p: { month: string }) => p.month)).toEqual(["2026-01", "2026-02", "2026-03"])
    const coverage = await http(s, "GET", "/api/stats/coverage", { token: s.tokens.tinghu })
    expect(coverage.status).toBe(200)
    expect(coverage.body.every((row: { regionCode: string }) => row.regionCode === TINGHU)).toBe(true)
    const bad = await http(s, "GET", "/api/stats/overview?from=yesterday", { token: s.tokens.admin })
    expect(bad.status).toBe(400)
  })
  it("candidates: ranked with explained factors, only in scope", async () => {
    const activity = await seed("activities", TINGHU)
    const elsewhere = await seed("activities", YANDU)
    const r = await http(s, "GET", `/api/activities/${activity.id}/candidates?limit=5`, { token: s.tokens.tinghu })
    expect(r.status).toBe(200)
    expect(r.body.length).toBeGreaterThan(0)
    expect(r.body.length).toBeLessThanOrEqual(5)
    expect(r.body.every((c: { volunteer: { regionCode: string } }) => c.volunteer.regionCode === TINGHU)).toBe(true)
    expect(r.body[0].factors.every((f: { explanation: string }) => typeof f.explanation === "string" && f.explanation.length > 0)).toBe(
      true
    )
    expect((await http(s, "GET", `/api/activities/${elsewhere.id}/candidates`, { token: s.tokens.tinghu })).status).toBe(404)
    const badLimit = await http(s, "GET", `/api/activities/${activity.id}/candidates?limit=0`, { token: s.tokens.tinghu })
    expect(badLimit.status).toBe(400)
    expect(badLimit.body.message).toContain("limit")
  })
})
