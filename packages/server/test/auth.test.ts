import { Store } from "@yinfa/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { http, PASSWORD, startTestServer, TINGHU, type TestServer } from "./support.js"

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ auth: { maxFailures: 3, failureWindowMinutes: 15 } })
})
afterAll(() => s?.close())

const login = (username: string, password: string, lang = "en") =>
  http(s, "POST", "/api/auth/login", { body: { username, password }, headers: { "accept-language": lang } })

describe("login, me, logout", () => {
  it("login returns a token and the user without its password hash", async () => {
    const r = await login("tinghu", PASSWORD)
    expect(r.status).toBe(200)
    expect(typeof r.body.token).toBe("string")
    expect(r.body.token.length).toBeGreaterThanOrEqual(32)
    expect(r.body.user).toMatchObject({ username: "tinghu", role: "region-admin", regionCode: TINGHU })
    expect(r.body.user.passwordHash).toBeUndefined()
    const me = await http(s, "GET", "/api/auth/me", { token: r.body.token })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ username: "tinghu" })
    expect(me.body.passwordHash).toBeUndefined()
  })
  it("stores only a SHA-256 hash of the token, with an expiry", async () => {
    const r = await login("viewer", PASSWORD)
    const sessions = await s.run(Effect.flatMap(Store, (store) => store.list("sessions", { filters: [], sort: [] })))
    expect(JSON.stringify(sessions.rows)).not.toContain(r.body.token)
    const mine = sessions.rows.filter((x) => x.userId === r.body.user.id)
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((x) => /^[0-9a-f]{64}$/.test(x.tokenHash) && x.expiresAt > new Date().toISOString())).toBe(true)
  })
  it("logout revokes the token; other sessions stay", async () => {
    const a = (await login("yandu", PASSWORD)).body.token
    const b = (await login("yandu", PASSWORD)).body.token
    expect((await http(s, "POST", "/api/auth/logout", { token: a })).status).toBe(200)
    expect((await http(s, "GET", "/api/auth/me", { token: a })).status).toBe(401)
    expect((await http(s, "GET", "/api/organizations", { token: a })).status).toBe(401)
    expect((await http(s, "GET", "/api/auth/me", { token: b })).status).toBe(200)
  })
  it("a wrong password or unknown user is 401 with the same message", async () => {
    const wrong = await login("admin", "wrong-password-1")
    const unknown = await login("nobody-here", "wrong-password-1")
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body.message).toBe(unknown.body.message)
    expect((await login("admin", "wrong-password-1", "zh-CN")).body.message).toBe("用户名或密码错误")
  })
  it("a missing field is 400 naming it", async () => {
    const r = await http(s, "POST", "/api/auth/login", { body: { username: "admin" } })
    expect(r.status).toBe(400)
    expect(r.body.errors).toHaveProperty("password")
  })
  it("a deactivated account loses its sessions at once", async () => {
    const created = await http(s, "POST", "/api/users", {
      token: s.tokens.admin,
      body: { username: "temp.user", displayName: "临时", role: "viewer", password: "temporary-pass" }
    })
    expect(created.status).toBe(201)
    const token = (await login("temp.user", "temporary-pass")).body.token
    expect((await http(s, "GET", "/api/auth/me", { token })).status).toBe(200)
    const off = await http(s, "PUT", `/api/users/${created.body.id}`, { token: s.tokens.admin, body: { active: false } })
    expect(off.status).toBe(200)
    expect((await http(s, "GET", "/api/auth/me", { token })).status).toBe(401)
    expect((await login("temp.user", "temporary-pass")).status).toBe(401)
  })
})

describe("throttling", () => {
  it("429 after repeated failures, even with the right password; per username", async () => {
    for (let i = 0; i < 3; i++) expect((await login("yandu", `bad-password-${i}`)).status).toBe(401)
    const blocked = await login("yandu", PASSWORD)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0)
    expect((await login("yandu", PASSWORD, "zh-CN")).body.message).toMatch(/分钟/)
    // Another account is not affected.
    expect((await login("viewer", PASSWORD)).status).toBe(200)
  })
})

describe("users: passwords in, hashes never out", () => {
  it("POST hashes the password (scrypt) and the new account can sign in", async () => {
    const r = await http(s, "POST", "/api/users", {
      token: s.tokens.admin,
      body: { username: "clerk.tinghu", displayName: "亭湖办事员", role: "region-admin", regionCode: TINGHU, password: "clerk-password" }
    })
    expect(r.status).toBe(201)
    expect(r.body.passwordHash).toBeUndefined()
    const stored = await s.run(Effect.flatMap(Store, (store) => store.get("users", r.body.id)))
    expect(stored.passwordHash).toMatch(/^scrypt\$/)
    expect(stored.passwordHash).not.toContain("clerk-password")
    expect((await login("clerk.tinghu", "clerk-password")).status).toBe(200)
  })
  it("a short password is 400 on the password field; a client-sent passwordHash is ignored", async () => {
    const short = await http(s, "POST", "/api/users", {
      token: s.tokens.admin,
      body: { username: "short.pw", displayName: "x", role: "viewer", password: "123" }
    })
    expect(short.status).toBe(400)
    expect(short.body.errors).toHaveProperty("password")
    const missing = await http(s, "POST", "/api/users", {
      token: s.tokens.admin,
      body: { username: "no.pw", displayName: "x", role: "viewer", passwordHash: "scrypt$1$1$1$AAAA$AAAA" }
    })
    expect(missing.status).toBe(400)
    const user = (
      await http(s, "GET", `/api/users?filter=${encodeURIComponent(JSON.stringify({ username: "viewer" }))}`, { token: s.tokens.admin })
    ).body[0]
    const before = await s.run(Effect.flatMap(Store, (store) => store.get("users", user.id)))
    const put = await http(s, "PUT", `/api/users/${user.id}`, {
      token: s.tokens.admin,
      body: { ...user, passwordHash: "scrypt$1$1$1$AAAA$AAAA" }
    })
    expect(put.status).toBe(200)
    const after = await s.run(Effect.flatMap(Store, (store) => store.get("users", user.id)))
    expect(after.passwordHash).toBe(before.passwordHash)
  })
  it("PUT with a new password changes it", async () => {
    const list = await http(s, "GET", `/api/users?filter=${encodeURIComponent(JSON.stringify({ username: "clerk.tinghu" }))}`, {
      token: s.tokens.admin
    })
    const id = list.body[0].id
    expect((await http(s, "PUT", `/api/users/${id}`, { token: s.tokens.admin, body: { password: "a-new-password" } })).status).toBe(200)
    expect((await login("clerk.tinghu", "clerk-password")).status).toBe(401)
    expect((await login("clerk.tinghu", "a-new-password")).status).toBe(200)
  })
  it("no list ever carries a password hash", async () => {
    const r = await http(s, "GET", "/api/users", { token: s.tokens.admin })
    expect(r.status).toBe(200)
    expect(r.body.length).toBeGreaterThan(3)
    expect(JSON.stringify(r.body)).not.toContain("scrypt$")
  })
})
