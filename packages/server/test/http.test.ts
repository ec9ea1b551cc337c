import { Organizations, Store, YinfaServicesLive } from "@yinfa/core"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { http, q, startTestServer, TINGHU, type TestServer } from "./support.js"

/** Raw HTTP: headers, status codes, CORS, bad input, logs. */
let s: TestServer
const lines: Array<Record<string, unknown>> = []
beforeAll(async () => {
  s = await startTestServer({ log: (entry) => lines.push(entry), bodyLimit: 64 * 1024 })
})
afterAll(() => s?.close())

const countStored = () =>
  s.run(
    Effect.gen(function* () {
      const store = yield* Store
      const orgs = yield* store.list("organizations", { filters: [], sort: [] })
      const audit = yield* store.list("audit-log", { filters: [], sort: [] })
      return { orgs: orgs.total, audit: audit.total }
    })
  )

describe("CORS", () => {
  it("answers a preflight with the exposed Content-Range and the allowed headers", async () => {
    const res = await fetch(`${s.url}/api/organizations`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "PUT",
        "access-control-request-headers": "authorization,content-type"
      }
    })
    expect(res.status).toBe(204)
    expect(res.headers.get("access-control-expose-headers")).toContain("Content-Range")
    const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase()
    expect(allowed).toContain("authorization")
    expect(allowed).toContain("content-type")
    expect(res.headers.get("access-control-allow-methods")).toContain("PUT")
    expect(res.headers.get("access-control-allow-origin")).toBe("*")
  })
  it("exposes Content-Range on list responses, errors included", async () => {
    const list = await http(s, "GET", "/api/regions", { token: s.tokens.admin, headers: { origin: "http://x" } })
    expect(list.headers.get("access-control-expose-headers")).toContain("Content-Range")
    expect(list.headers.get("content-range")).toBe("regions 0-11/12")
    const unauth = await http(s, "GET", "/api/regions", { headers: { origin: "http://x" } })
    expect(unauth.status).toBe(401)
    expect(unauth.headers.get("access-control-allow-origin")).toBe("*")
  })
})

describe("status codes", () => {
  it("401 JSON without a token or with a bad one", async () => {
    for (const token of [undefined, "not-a-token-at-all-xxxxxxxx"]) {
      const r = await http(s, "GET", "/api/organizations", token ? { token } : {})
      expect(r.status).toBe(401)
      expect(r.body.message).toBe("Please sign in")
    }
    const zh = await http(s, "GET", "/api/organizations", { headers: { "accept-language": "zh-CN,zh;q=0.9" } })
    expect(zh.body.message).toBe("请先登录")
  })
  it("404 for an unknown id and an unknown route; 405 for writes to read-only resources", async () => {
    expect((await http(s, "GET", "/api/organizations/nope", { token: s.tokens.admin })).status).toBe(404)
    const unknown = await http(s, "GET", "/api/nothing-here", { token: s.tokens.admin })
    expect(unknown.status).toBe(404)
    expect(unknown.body.message).toBe("No such endpoint")
    for (const [method, path] of [
      ["POST", "/api/audit-log"],
      ["PUT", "/api/audit-log/x"],
      ["DELETE", "/api/service-hours/x"]
    ] as const) {
      const r = await http(s, method, path, { token: s.tokens.admin, body: {} })
      expect(r.status).toBe(405)
    }
    expect((await http(s, "GET", "/api/sessions", { token: s.tokens.admin })).status).toBe(404)
  })
  it("415 for a non-JSON body, 413 for a body over the limit, 400 for malformed JSON; nothing stored", async () => {
    const before = await countStored()
    const text = await http(s, "POST", "/api/organizations", {
      token: s.tokens.admin,
      raw: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    expect(text.status).toBe(415)
    const big = await http(s, "POST", "/api/organizations", {
      token: s.tokens.admin,
      body: { name: "x".repeat(70 * 1024), kind: "bureau", regionCode: TINGHU }
    })
    expect(big.status).toBe(413)
    const malformed = await http(s, "POST", "/api/organizations", {
      token: s.tokens.admin,
      raw: '{"name": "x",',
      headers: { "content-type": "application/json" }
    })
    expect(malformed.status).toBe(400)
    expect(malformed.body.message).toMatch(/JSON/)
    const array = await http(s, "POST", "/api/organizations", { token: s.tokens.admin, body: [1, 2] })
    expect(array.status).toBe(400)
    expect(await countStored()).toEqual(before)
  })
  it("400 with field errors for a body failing the schema, localized", async () => {
    const before = await countStored()
    const en = await http(s, "POST", "/api/organizations", {
      token: s.tokens.admin,
      body: { name: "", kind: "castle", regionCode: TINGHU }
    })
    expect(en.status).toBe(400)
    expect(Object.keys(en.body.errors)).toEqual(expect.arrayContaining(["kind"]))
    const zh = await http(s, "POST", "/api/organizations", {
      token: s.tokens.admin,
      body: { kind: "bureau", regionCode: TINGHU },
      headers: { "accept-language": "zh-CN" }
    })
    expect(zh.status).toBe(400)
    expect(zh.body.errors.name).toBeTruthy()
    expect(zh.body.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await countStored()).toEqual(before)
  })
})

describe("bad list parameters: 400 naming the parameter, nothing stored", () => {
  const cases: ReadonlyArray<[string, Record<string, string>, RegExp]> = [
    ["unknown filter field", { filter: JSON.stringify({ colour: "red" }) }, /filter.*colour/],
    ["sensitive filter field", { filter: JSON.stringify({ passwordHash: "x" }) }, /filter/],
    ["unknown operator for the field", { filter: JSON.stringify({ name_inc: "x" }) }, /filter.*name_inc/],
    [
      "range operator on a boolean-less text? wrong value type",
      { filter: JSON.stringify({ createdAt_gte: { a: 1 } }) },
      /filter.*createdAt_gte/
    ],
    ["malformed filter JSON", { filter: "{regionCode:" }, /filter.*JSON/],
    ["malformed sort JSON", { sort: '["name",' }, /sort.*JSON/],
    ["malformed range JSON", { range: "[0," }, /range.*JSON/],
    ["non-sortable field", { sort: JSON.stringify(["nope", "ASC"]) }, /sort.*nope/],
    ["bad sort order", { sort: JSON.stringify(["name", "UP"]) }, /sort/],
    ["range end before start", { range: "[10,5]" }, /range/],
    ["range negative", { range: "[-1,5]" }, /range/],
    ["range wider than 1000 rows", { range: "[0,1000]" }, /range.*1000/]
  ]
  for (const [label, params, pattern] of cases) {
    it(label, async () => {
      const before = await countStored()
      const r = await http(s, "GET", `/api/organizations?${new URLSearchParams(params)}`, { token: s.tokens.admin })
      expect(r.status).toBe(400)
      expect(r.body.message).toMatch(pattern)
      expect(await countStored()).toEqual(before)
    })
  }
  it("names the parameter in Chinese too", async () => {
    const r = await http(s, "GET", `/api/organizations${q({ range: [0, 5000] })}`, {
      token: s.tokens.admin,
      headers: { "accept-language": "zh" }
    })
    expect(r.status).toBe(400)
    expect(r.body.message).toContain("range")
    expect(r.body.message).toContain("1000")
    expect(r.body.errors.range).toBeTruthy()
  })
  it("a 1000-row range is accepted", async () => {
    const r = await http(s, "GET", `/api/organizations${q({ range: [0, 999] })}`, { token: s.tokens.admin })
    expect(r.status).toBe(200)
  })
  it("volunteers' sensitive fields can be neither filtered nor sorted on", async () => {
    for (const params of [{ filter: { idNumber: "320902195805010011" } }, { filter: { phone_q: "139" } }, { sort: ["birthDate", "ASC"] }]) {
      const r = await http(s, "GET", `/api/volunteers${q(params)}`, { token: s.tokens.admin })
      expect(r.status).toBe(400)
    }
  })
})

describe("system routes", () => {
  it("/healthz checks the store", async () => {
    const r = await http(s, "GET", "/healthz")
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ status: "ok" })
  })
  it("/api/openapi.json is generated from the API definition", async () => {
    const r = await http(s, "GET", "/api/openapi.json")
    expect(r.status).toBe(200)
    expect(r.body.openapi).toMatch(/^3/)
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/volunteers",
        "/api/volunteers/{id}",
        "/api/activities/{id}/publish",
        "/api/auth/login",
        "/api/stats/overview"
      ])
    )
    expect(r.body.components.securitySchemes).toBeTruthy()
    // The create body is documented with the core schema's fields.
    const post = r.body.paths["/api/organizations"].post
    expect(JSON.stringify(post.requestBody)).toContain("regionCode")
  })
  it("/api/docs is a self-contained page", async () => {
    const res = await fetch(`${s.url}/api/docs`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain("<html")
    expect(html).not.toMatch(/<script[^>]+src="https?:/)
  })
  it("/ says the dashboard is not built when there is no admin build", async () => {
    const res = await fetch(`${s.url}/volunteers/123`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain("not built")
  })
})

describe("logs", () => {
  it("one JSON line per request: path without query string, status, ms, request id, user id", async () => {
    lines.length = 0
    const r = await http(s, "GET", `/api/organizations${q({ filter: { q: "320902195805010011" } })}`, {
      token: s.tokens.tinghu,
      headers: { "x-request-id": "trace-123" }
    })
    expect(r.headers.get("x-request-id")).toBe("trace-123")
    const line = lines.find((l) => l.requestId === "trace-123")
    expect(line).toMatchObject({ method: "GET", path: "/api/organizations", status: 200, userId: s.userIds.tinghu })
    expect(typeof line?.ms).toBe("number")
    expect(JSON.stringify(lines)).not.toContain("320902195805010011")
  })
  it("never logs bodies", async () => {
    lines.length = 0
    await http(s, "POST", "/api/auth/login", { body: { username: "admin", password: "secret-in-body-xyz" } })
    expect(JSON.stringify(lines)).not.toContain("secret-in-body-xyz")
    expect(lines).toHaveLength(1)
  })
})

describe("unexpected failures", () => {
  it("500 with a request id; the details only in the log", async () => {
    const log: Array<Record<string, unknown>> = []
    const Broken = Layer.succeed(Organizations, {
      list: () => Effect.die(new Error("database on fire: SECRET-DETAIL")),
      get: () => Effect.die(new Error("x")),
      getMany: () => Effect.die(new Error("x")),
      create: () => Effect.die(new Error("x")),
      update: () => Effect.die(new Error("x")),
      remove: () => Effect.die(new Error("x"))
    })
    const broken = await startTestServer({
      services: Layer.merge(YinfaServicesLive, Broken) as never,
      log: (e) => log.push(e)
    })
    try {
      const r = await http(broken, "GET", "/api/organizations", { token: broken.tokens.admin })
      expect(r.status).toBe(500)
      const id = r.headers.get("x-request-id")
      expect(id).toBeTruthy()
      expect(r.body.message).toContain(id)
      expect(JSON.stringify(r.body)).not.toContain("SECRET-DETAIL")
      expect(log.some((l) => l.requestId === id && String(l.error).includes("SECRET-DETAIL"))).toBe(true)
    } finally {
      await broken.close()
    }
  })
})
