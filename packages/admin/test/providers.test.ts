import { afterEach, describe, expect, it, vi } from "vitest"
import { createAuthProvider } from "../src/providers/authProvider.js"
import { changedFields, createDataProvider } from "../src/providers/dataProvider.js"
import { createHttpClient } from "../src/providers/httpClient.js"
import { memorySession } from "../src/providers/session.js"

const user = { id: "u1", username: "city", displayName: "市局管理员", role: "city-admin" as const, regionCode: null }

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } })

afterEach(() => vi.unstubAllGlobals())

describe("http client", () => {
  it("sends the bearer token and the UI language", async () => {
    const fetch = vi.fn(async () => respond(200, []))
    vi.stubGlobal("fetch", fetch)
    let locale = "zh-CN"
    const http = createHttpClient({ session: memorySession({ token: "t0k", user }), getLocale: () => locale })
    await http("/api/regions")
    locale = "en"
    await http("/api/regions")
    const headers = (fetch.mock.calls as any[]).map(([, init]) => init.headers as Headers)
    expect(headers[0].get("Authorization")).toBe("Bearer t0k")
    expect(headers[0].get("Accept-Language")).toBe("zh-CN")
    expect(headers[1].get("Accept-Language")).toBe("en")
  })

  it("rejects with the server's JSON message and field errors", async () => {
    vi.stubGlobal("fetch", async () => respond(400, { message: "输入有误", errors: { phone: "请输入 11 位大陆手机号码" } }))
    const http = createHttpClient({ session: memorySession(), getLocale: () => "zh-CN" })
    await expect(http("/api/volunteers", { method: "POST", body: "{}" })).rejects.toMatchObject({
      message: "输入有误",
      status: 400,
      body: { errors: { phone: "请输入 11 位大陆手机号码" } }
    })
  })
})

describe("data provider", () => {
  it("posts workflow actions to /<resource>/<id>/<action>", async () => {
    const fetch = vi.fn(async () => respond(200, { id: "a1", status: "published" }))
    vi.stubGlobal("fetch", fetch)
    const http = createHttpClient({ session: memorySession(), getLocale: () => "zh-CN" })
    const dp = createDataProvider("/api", http)
    const { data } = await dp.action("activities", "a1", "cancel", { reason: "天气" })
    expect(data.status).toBe("published")
    const [url, init] = fetch.mock.calls[0] as any
    expect(url).toBe("/api/activities/a1/cancel")
    expect(init.method).toBe("POST")
    expect(JSON.parse(init.body)).toEqual({ reason: "天气" })
  })

  it("asks for statistics with the period, region and category as query parameters", async () => {
    const fetch = vi.fn(async () => respond(200, []))
    vi.stubGlobal("fetch", fetch)
    const dp = createDataProvider("/api", createHttpClient({ session: memorySession(), getLocale: () => "zh-CN" }))
    await dp.stats("series", { from: "2025-01-01", to: "2025-12-31", regionCode: null, category: "party-story" })
    expect((fetch.mock.calls[0] as any)[0]).toBe("/api/stats/series?from=2025-01-01&to=2025-12-31&category=party-story")
  })

  it("updates send only changed fields, never a masked ID number or phone", () => {
    const previous = { id: "1", name: "王建国", idNumber: "3209**********0017", phone: "138****0000", monthlyHours: 8 }
    expect(changedFields({ ...previous, monthlyHours: 10 }, previous)).toEqual({ monthlyHours: 10 })
    expect(changedFields({ ...previous, phone: "13912345678" }, previous)).toEqual({ phone: "13912345678" })
  })
})

describe("auth provider", () => {
  it("signs in, keeps the token and reports role and region as permissions", async () => {
    vi.stubGlobal("fetch", async () => respond(200, { token: "abc", user: { ...user, role: "region-admin", regionCode: "320902" } }))
    const session = memorySession()
    const http = createHttpClient({ session, getLocale: () => "zh-CN" })
    const auth = createAuthProvider({ apiUrl: "/api", session, httpClient: http })
    await auth.login({ username: "tinghu", password: "secret-123" })
    expect(session.get()?.token).toBe("abc")
    expect(await auth.getPermissions!({})).toEqual({ role: "region-admin", regionCode: "320902" })
    expect(await auth.canAccess!({ resource: "users", action: "list" })).toBe(false)
  })

  it("signs out on 401 but not on 403", async () => {
    const session = memorySession({ token: "abc", user })
    const auth = createAuthProvider({ apiUrl: "/api", session, httpClient: createHttpClient({ session, getLocale: () => "zh-CN" }) })
    await expect(auth.checkError({ status: 403 })).resolves.toBeUndefined()
    expect(session.get()).not.toBeNull()
    await expect(auth.checkError({ status: 401 })).rejects.toBeTruthy()
    expect(session.get()).toBeNull()
    await expect(auth.checkAuth({})).rejects.toBeTruthy()
  })

  it("a failed sign-in rejects with the server's message", async () => {
    vi.stubGlobal("fetch", async () => respond(401, { message: "用户名或密码错误" }))
    const session = memorySession()
    const auth = createAuthProvider({ apiUrl: "/api", session, httpClient: createHttpClient({ session, getLocale: () => "zh-CN" }) })
    await expect(auth.login({ username: "x", password: "y" })).rejects.toMatchObject({ message: "用户名或密码错误" })
    expect(session.get()).toBeNull()
  })
})
