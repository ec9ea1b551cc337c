import { Store, YANCHENG_REGIONS, YinfaServicesLive } from "@yinfa/core"
import { Effect, type Layer } from "effect"
import { fetchUtils } from "ra-core"
import simpleRestProvider from "ra-data-simple-rest"
import { addUser } from "../src/accounts.js"
import { type RunningServer, startServer, type YinfaHandlerOptions } from "../src/handler.js"

export const TINGHU = "320902"
export const YANDU = "320903"
export const PASSWORD = "correct-horse-battery"

export interface TestServer extends RunningServer {
  readonly tokens: { readonly admin: string; readonly tinghu: string; readonly yandu: string; readonly viewer: string }
  readonly userIds: Record<string, string>
}

/** A server on a random port over the memory store (or the given one), with four accounts signed in. */
export const startTestServer = async (options: Partial<YinfaHandlerOptions> = {}): Promise<TestServer> => {
  const server = await startServer({
    store: { kind: "memory" },
    services: YinfaServicesLive as Layer.Layer<any, never, any>,
    log: false,
    adminDist: null,
    ...options
  })
  await server.run(
    Effect.gen(function* () {
      const store = yield* Store
      const existing = yield* store.getMany(
        "regions",
        YANCHENG_REGIONS.map((r) => r.id)
      )
      for (const r of YANCHENG_REGIONS) if (!existing.some((e) => e.id === r.id)) yield* Effect.orDie(store.insert("regions", r))
    })
  )
  const userIds: Record<string, string> = {}
  for (const [username, role, region] of [
    ["admin", "city-admin", null],
    ["tinghu", "region-admin", TINGHU],
    ["yandu", "region-admin", YANDU],
    ["viewer", "viewer", null]
  ] as const) {
    const user = await server.run(Effect.either(addUser({ username, role, region, password: PASSWORD })))
    if (user._tag === "Right") userIds[username] = user.right.id
  }
  const login = async (username: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: PASSWORD })
    })
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
    return ((await res.json()) as { token: string }).token
  }
  const tokens = { admin: await login("admin"), tinghu: await login("tinghu"), yandu: await login("yandu"), viewer: await login("viewer") }
  return { ...server, tokens, userIds }
}

/** The unmodified react-admin client, with a bearer token. */
export const dataProvider = (server: { url: string }, token: string, locale = "en") =>
  simpleRestProvider(`${server.url}/api`, (url: string, options: fetchUtils.Options = {}) => {
    const headers = new Headers(options.headers ?? { Accept: "application/json" })
    headers.set("Authorization", `Bearer ${token}`)
    headers.set("Accept-Language", locale)
    return fetchUtils.fetchJson(url, { ...options, headers })
  })

export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly body: any
}

/** Raw HTTP: JSON in, JSON (or text) out. */
export const http = async (
  server: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}
): Promise<Reply> => {
  const headers: Record<string, string> = { "accept-language": "en", ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let body: string | undefined
  if (options.raw !== undefined) body = options.raw
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers["content-type"] ??= "application/json"
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = text === "" ? null : JSON.parse(text)
  } catch {}
  return { status: res.status, headers: res.headers, body: parsed }
}

export const q = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString()}`
