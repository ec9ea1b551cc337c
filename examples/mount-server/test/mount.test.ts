import { afterAll, beforeAll, expect, it } from "vitest"
import { startHost } from "../main.js"

let host: Awaited<ReturnType<typeof startHost>>
beforeAll(async () => {
  host = await startHost({ store: { kind: "memory" } })
})
afterAll(() => host?.close())

it("serves the host's own route", async () => {
  const res = await fetch(`${host.url}/hello`)
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ hello: "from the host service" })
})

it("serves yinfa under /yinfa", async () => {
  const health = await fetch(`${host.url}/yinfa/healthz`)
  expect(health.status).toBe(200)
  expect(await health.json()).toEqual({ status: "ok" })
  const unauth = await fetch(`${host.url}/yinfa/api/volunteers`)
  expect(unauth.status).toBe(401)
  const spec = await fetch(`${host.url}/yinfa/api/openapi.json`)
  expect((await spec.json()).paths["/api/volunteers"]).toBeTruthy()
  // Not under the prefix: the host's 404, not yinfa's.
  expect((await fetch(`${host.url}/api/volunteers`)).status).toBe(404)
})
