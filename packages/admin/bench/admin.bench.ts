/**
 * Admin benchmark (npm run bench:admin):
 *   1. the size of the built app (packages/admin/dist/app) as a browser downloads it: every file
 *      but the source maps, raw and gzip-compressed (node:zlib, level 9 as a static host would);
 *   2. the time from navigation to the first rendered row of the volunteers list in Chromium,
 *      signed in as the city admin, against a yinfa server on SQLite holding 100 000 volunteers.
 *      Each run is a fresh browser context (empty HTTP cache and storage), so it counts loading
 *      the bundle too. Median of 5 runs (YINFA_BENCH_RUNS); target: under 1.5 s.
 * Prints tables; asserts nothing. Builds the app first if it is not built.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { gzipSync } from "node:zlib"
import { volunteerRow } from "@yinfa/adapters/testing"
import { newId, Store, YANCHENG_REGIONS } from "@yinfa/core"
import { addUser, startServer } from "@yinfa/server"
import { Effect } from "effect"
import type { Page } from "playwright-core"
// The browser tests' Chromium, flags and build step: the benchmark measures what they test.
import { ADMIN_DIST as DIST, CHROMIUM, ensureAdminBuilt, launchChromium, ROOT } from "../../../test/e2e/browser.js"

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 100_000)
const RUNS = Number(process.env.YINFA_BENCH_RUNS ?? 5)
const TARGET_MS = 1500
const PASSWORD = "bench-password"
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))

/** Source maps are served only to developer tools, so they are listed apart from the download. */
const bundleSize = () => {
  const files = filesUnder(DIST).map((path) => {
    const bytes = readFileSync(path)
    return { file: relative(DIST, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, map: path.endsWith(".map") }
  })
  const shipped = files.filter((f) => !f.map)
  const maps = files.filter((f) => f.map)
  const sum = (xs: typeof files, k: "raw" | "gzip") => xs.reduce((n, f) => n + f[k], 0)
  console.log(`\nBuilt app (${relative(ROOT, DIST)}), as downloaded:`)
  console.table([
    ...shipped.sort((a, b) => b.raw - a.raw).map((f) => ({ file: f.file, raw: kib(f.raw), gzip: kib(f.gzip) })),
    { file: "TOTAL (without source maps)", raw: kib(sum(shipped, "raw")), gzip: kib(sum(shipped, "gzip")) },
    { file: `source maps (${maps.length}, not downloaded)`, raw: kib(sum(maps, "raw")), gzip: kib(sum(maps, "gzip")) }
  ])
  return { files: shipped.length, raw: sum(shipped, "raw"), gzip: sum(shipped, "gzip"), largest: shipped[0] }
}

// Realistic enough for the list: names, regions and numbers vary; the rest is the row builder's.
const SURNAMES =
  "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁沈姜范江傅钟卢汪戴崔任陆廖姚方金邱夏谭"
const GIVEN = "建国华明军平伟强秀英玉兰桂芝志刚永红海燕文德宝春生金凤淑珍爱民"
const CATEGORIES = ["party-story", "rural-revitalization", "grassroots-governance", "tech-innovation", "new-generation"] as const

const row = (i: number) =>
  volunteerRow(newId(), {
    volunteerNumber: `YC2026${String(i).padStart(6, "0")}`,
    name: `${SURNAMES[(i * 7919) % SURNAMES.length]}${GIVEN[(i * 104_729) % GIVEN.length]}${GIVEN[(i * 15_485_863) % GIVEN.length]}`,
    gender: i % 2 ? "male" : "female",
    regionCode: YANCHENG_REGIONS[i % YANCHENG_REGIONS.length].code,
    interests: [CATEGORIES[i % CATEGORIES.length]],
    talentPool: i % 5 === 0,
    status: i % 20 === 0 ? "paused" : "active"
  })

interface RunTiming {
  /** performance.now() in the page: navigation start → the first list row in the DOM. */
  readonly firstRow: number
  /** The app's JavaScript bundle fully received. */
  readonly bundleLoaded: number
  readonly domContentLoaded: number
  /** The volunteers list request (server time + transfer), as the page's resource timing saw it. */
  readonly listRequest: number
  readonly listStarted: number
}

const main = async () => {
  ensureAdminBuilt()
  const size = bundleSize()

  const dir = mkdtempSync(join(tmpdir(), "yinfa-bench-admin-"))
  let seedMs = 0
  const server = await startServer({
    store: { kind: "sqlite", filename: join(dir, "bench.db") },
    port: 0,
    adminDist: DIST,
    log: false,
    beforeListen: async (yinfa) => {
      const started = Date.now()
      await yinfa.run(
        Effect.gen(function* () {
          const store = yield* Store
          yield* Effect.orDie(store.insertMany("regions", YANCHENG_REGIONS))
          for (let start = 0; start < VOLUNTEERS; start += 10_000) {
            const rows = Array.from({ length: Math.min(10_000, VOLUNTEERS - start) }, (_, k) => row(start + k))
            yield* Effect.orDie(store.insertMany("volunteers", rows))
          }
        })
      )
      await yinfa.run(addUser({ username: "admin", role: "city-admin", password: PASSWORD }))
      seedMs = Date.now() - started
    }
  })
  const browser = await launchChromium()
  try {
    console.log(`\nSeeded ${VOLUNTEERS} volunteers with insertMany in ${(seedMs / 1000).toFixed(1)} s`)
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD })
    })
    if (!login.ok) throw new Error(`login failed: ${login.status}`)
    // Stored where the app's auth provider keeps it (providers/session.ts): the app starts signed in.
    const session = JSON.stringify(await login.json())

    const ROW = ".RaDataTable-tbody .RaDataTable-row"
    /** Waits for the first row, then reads the page's own clock (origin: navigation start). */
    const measure = async (page: Page): Promise<RunTiming> => {
      await page.locator(ROW).first().waitFor({ state: "visible", timeout: 120_000 })
      if ((await page.locator(ROW).count()) === 0) throw new Error("no rows rendered")
      return page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined
        const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[]
        const list = resources.find((r) => /\/api\/volunteers\?/.test(r.name))
        const bundle = resources.find((r) => /\/assets\/.*\.js$/.test(r.name))
        return {
          firstRow: (window as unknown as { __firstRow: number }).__firstRow,
          bundleLoaded: bundle?.responseEnd ?? Number.NaN,
          domContentLoaded: nav?.domContentLoadedEventEnd ?? Number.NaN,
          listStarted: list?.startTime ?? Number.NaN,
          listRequest: list ? list.responseEnd - list.startTime : Number.NaN
        }
      })
    }

    const cold: RunTiming[] = []
    const warm: RunTiming[] = []
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 1000 } })
      await context.addInitScript(
        ([value, selector]) => {
          window.localStorage.setItem("yinfa.session", value)
          // Stamps the moment the first data row is in the DOM, from inside the page (no polling delay).
          const w = window as unknown as { __firstRow?: number }
          new MutationObserver((_, observer) => {
            if (document.querySelector(selector)) {
              w.__firstRow = performance.now()
              observer.disconnect()
            }
          }).observe(document, { childList: true, subtree: true })
        },
        [session, ROW] as const
      )
      const page = await context.newPage()
      // Cold: a first visit (empty cache). Warm: the same browser coming back (the hashed bundle
      // is cached as immutable; V8 may reuse its compiled code).
      await page.goto(`${server.url}/#/volunteers`)
      cold.push(await measure(page))
      await page.reload()
      warm.push(await measure(page))
      await context.close()
    }

    const ms = (v: number) => Math.round(v)
    const table = (timings: ReadonlyArray<RunTiming>) => {
      const line = (run: number | string, t: RunTiming) => ({
        run,
        "first row ms": ms(t.firstRow),
        "bundle loaded ms": ms(t.bundleLoaded),
        "DOMContentLoaded ms": ms(t.domContentLoaded),
        "list request starts ms": ms(t.listStarted),
        "list request ms": ms(t.listRequest)
      })
      const med = (k: keyof RunTiming) => median(timings.map((t) => t[k]))
      console.table([
        ...timings.map((t, i) => line(i + 1, t)),
        line("median", {
          firstRow: med("firstRow"),
          bundleLoaded: med("bundleLoaded"),
          domContentLoaded: med("domContentLoaded"),
          listStarted: med("listStarted"),
          listRequest: med("listRequest")
        })
      ])
    }
    console.log(`\nNavigation to the first volunteers list row, ${VOLUNTEERS} volunteers, Chromium (${CHROMIUM}), Node ${process.version}`)
    console.log("\nCold (fresh context, empty cache):")
    table(cold)
    console.log("\nWarm (reload in the same context):")
    table(warm)
    const verdict = (m: number) => `${ms(m)} ms (target < ${TARGET_MS} ms: ${m < TARGET_MS ? "met" : "MISSED"})`
    console.log(
      `\nBundle: ${size.files} files, ${kib(size.raw)} raw, ${kib(size.gzip)} gzip. First row, median of ${RUNS}: cold ${verdict(
        median(cold.map((t) => t.firstRow))
      )}, warm ${verdict(median(warm.map((t) => t.firstRow)))}`
    )
  } finally {
    await browser.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
