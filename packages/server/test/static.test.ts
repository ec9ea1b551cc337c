import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { request } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestServer, type TestServer } from "./support.js"

/** A raw GET, so that we see the bytes and headers as sent (fetch would decompress them). */
const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on("error", reject)
      .end()
  })

describe("the dashboard's static files", () => {
  let server: TestServer
  let dir: string
  const script = `console.log(${JSON.stringify("银发再出发".repeat(500))})`

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "yinfa-static-"))
    mkdirSync(join(dir, "assets"))
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>银发再出发</title>")
    writeFileSync(join(dir, "assets", "app-1a2b.js"), script)
    server = await startTestServer({ adminDist: dir })
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("sends assets gzip-compressed to browsers that accept it, and plain to others", async () => {
    const zipped = await get(`${server.url}/assets/app-1a2b.js`, { "accept-encoding": "gzip, deflate, br" })
    expect(zipped.status).toBe(200)
    expect(zipped.headers["content-encoding"]).toBe("gzip")
    expect(zipped.headers.vary).toMatch(/accept-encoding/i)
    expect(zipped.headers["cache-control"]).toContain("immutable")
    expect(zipped.body.length).toBeLessThan(Buffer.byteLength(script) / 5)
    expect(gunzipSync(zipped.body).toString()).toBe(script)

    const plain = await get(`${server.url}/assets/app-1a2b.js`)
    expect(plain.headers["content-encoding"]).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
  })

  it("answers client routes with index.html, missing assets with 404, and never leaves the directory", async () => {
    const route = await get(`${server.url}/volunteers/123`)
    expect(route.status).toBe(200)
    expect(route.body.toString()).toContain("银发再出发")
    expect(route.headers["cache-control"]).toBe("no-cache")
    expect((await get(`${server.url}/assets/missing.js`)).status).toBe(404)
    // An escape attempt never reaches outside the directory: at most it is a client route.
    const escaped = await get(`${server.url}/%2e%2e/%2e%2e/etc/passwd`)
    expect(escaped.body.toString()).not.toContain("root:")
    expect((await get(`${server.url}/..%2f..%2fetc%2fhostname.txt`)).status).toBe(404)
  })
})
