/**
 * `npm start` as a newcomer runs it: the built `yinfa serve` from the bin, no flags for the
 * dashboard, answers `/` with the built dashboard (not the "not built yet" page) and the API
 * beside it. The in-process harness gives the server its admin directory explicitly, so only
 * this test sees where the bin itself looks.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ADMIN_DIST, ensureAdminBuilt, ROOT } from "./browser.js"

const BIN = join(ROOT, "packages/server/dist/cli/main.js")

/** The bin as `npm run build` leaves it; built here (core, adapters, server) when missing. */
const ensureServerBuilt = () => {
  if (existsSync(BIN)) return
  for (const workspace of ["@yinfa/core", "@yinfa/adapters", "@yinfa/server"]) {
    const build = spawnSync("npm", ["run", "build", "-w", workspace], { cwd: ROOT, encoding: "utf8", timeout: 300_000 })
    if (build.status !== 0) throw new Error(`The ${workspace} build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`)
  }
}

let dir: string
let serve: ChildProcess | undefined
let url: string

beforeAll(async () => {
  ensureAdminBuilt()
  ensureServerBuilt()
  dir = mkdtempSync(join(tmpdir(), "yinfa-start-"))
  // As `npm start` runs it, from the repository root, with neither --admin-dist nor YINFA_ADMIN_DIST.
  const { YINFA_ADMIN_DIST: _, ...env } = process.env
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--host", "127.0.0.1", "--db", join(dir, "yinfa.db")], {
    cwd: ROOT,
    env
  })
  serve = child
  url = await new Promise<string>((resolve, reject) => {
    let out = ""
    const timer = setTimeout(() => reject(new Error(`yinfa serve did not start:\n${out}`)), 60_000)
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const found = /http:\/\/localhost:(\d+)\//.exec(out)
      if (found) {
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${found[1]}/`)
      }
    })
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.on("exit", (code) => reject(new Error(`yinfa serve exited (${code}):\n${out}`)))
  })
})

afterAll(() => {
  serve?.kill()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe("npm start", () => {
  it("serves the built dashboard at / and the API beside it", async () => {
    const page = await fetch(url)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toBe(readFileSync(join(ADMIN_DIST, "index.html"), "utf8"))
    expect(html).not.toContain("dist/app")
    const health = await fetch(new URL("healthz", url))
    expect(health.status).toBe(200)
  })
})
