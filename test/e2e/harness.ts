/**
 * Browser tests against the real thing: the built admin app served by an in-process yinfa server
 * on a fresh SQLite file seeded with the demo, driven by the system Chromium through
 * playwright-core. One server and one browser per test file; a fresh browser context (cookies,
 * localStorage) and page per test, and a screenshot of every test's last screen in
 * artifacts/e2e/ — taken whether the test passed or not, since a failing one is when it is needed.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DEMO_PASSWORD, type DemoSummary, hashPassword, type RunningServer, seedDemo, startServer } from "@yinfa/server"
import { Effect } from "effect"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest"

export { ADMIN_DIST, CHROMIUM, CHROMIUM_ARGS, ensureAdminBuilt, launchChromium, ROOT } from "./browser.js"
import { ADMIN_DIST, ensureAdminBuilt, launchChromium, ROOT } from "./browser.js"

export const ARTIFACTS = join(ROOT, "artifacts/e2e")

export interface YinfaUnderTest {
  readonly server: RunningServer
  /** http://127.0.0.1:<port> — the app at `/`, the API at `/api`. */
  readonly url: string
  readonly demo: DemoSummary
  /** Removes the server's temp directory (database included). */
  readonly dispose: () => Promise<void>
}

/** A yinfa server on a random port and a fresh SQLite file, holding the demo data. */
export const startYinfa = async (): Promise<YinfaUnderTest> => {
  const dir = mkdtempSync(join(tmpdir(), "yinfa-e2e-"))
  let demo: DemoSummary | undefined
  try {
    const server = await startServer({
      store: { kind: "sqlite", filename: join(dir, "yinfa.db") },
      port: 0,
      host: "127.0.0.1",
      adminDist: ADMIN_DIST,
      log: false,
      // Seeded before the port opens, like `yinfa serve --demo`, with the server's own scrypt hasher
      // so the demo accounts sign in through the real login.
      beforeListen: async (yinfa) => {
        demo = await yinfa.run(seedDemo({ hashPassword: (password) => Effect.promise(() => hashPassword(password)) }))
      }
    })
    return {
      server,
      url: server.url,
      demo: demo!,
      dispose: async () => {
        await server.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
}

/**
 * The system Chromium (never a downloaded one). Playwright gives every launch a fresh temporary
 * profile (user-data dir) and removes it on close; each test then gets its own context on top.
 */

/** A file name from a test name: readable, and safe on any file system. */
export const artifactName = (testName: string): string =>
  `${
    testName
      .normalize("NFKC")
      .replace(/[\\/:*?"<>|\s]+/g, "-")
      .replace(/-+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 120) || "test"
  }.png`

export interface Session {
  readonly token: string
  readonly user: {
    readonly id: string
    readonly username: string
    readonly displayName: string
    readonly role: string
    readonly regionCode: string | null
  }
}

/** Signs in through the API (for test set-up and for reading what the UI should show). */
export const apiLogin = async (url: string, username: string, password = DEMO_PASSWORD): Promise<Session> => {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password })
  })
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`)
  return (await res.json()) as Session
}

/** A small API client bound to one session, for arranging data and reading expectations. */
export const apiClient = (url: string, session: Session) => {
  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T; headers: Headers }> => {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json", "accept-language": "zh-CN" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await res.text()
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T, headers: res.headers }
  }
  const ok = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await call<T>(method, path, body)
    if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`)
    return r.json
  }
  /** GET /api/<resource> in the simple-rest dialect. */
  const list = <T = any>(
    resource: string,
    filter: object = {},
    range: [number, number] = [0, 24],
    sort: [string, "ASC" | "DESC"] = ["id", "ASC"]
  ) =>
    ok<T[]>(
      "GET",
      `/${resource}?${new URLSearchParams({ filter: JSON.stringify(filter), range: JSON.stringify(range), sort: JSON.stringify(sort) })}`
    )
  return {
    call,
    ok,
    list,
    get: <T = any>(path: string) => ok<T>("GET", path),
    post: <T = any>(path: string, body: unknown = {}) => ok<T>("POST", path, body)
  }
}

/**
 * Puts a session where the app's auth provider keeps it (localStorage "yinfa.session", see
 * packages/admin/src/providers/session.ts) before any page script runs: the app starts signed in.
 */
export const signInContext = async (context: BrowserContext, session: Session): Promise<void> => {
  await context.addInitScript((value) => {
    if (!window.localStorage.getItem("yinfa.session")) window.localStorage.setItem("yinfa.session", value)
  }, JSON.stringify(session))
}

export interface E2e {
  readonly yinfa: YinfaUnderTest
  readonly browser: Browser
  readonly context: BrowserContext
  readonly page: Page
  /** Problems the page reported (uncaught errors), for assertions and failure messages. */
  readonly pageErrors: ReadonlyArray<string>
  /**
   * Loads outside the API that failed, e.g. a missing icon or script:
   * the API's refusals are answers some tests expect, the app's own files should always be there.
   */
  readonly failedAssets: ReadonlyArray<string>
}

/**
 * Registers the suite's hooks and returns a handle whose fields are valid inside tests. The
 * context is pinned to zh-CN and Yancheng's time zone so dates typed into forms mean what the
 * city means, whatever the machine's settings.
 */
export const useE2e = (): E2e => {
  let yinfa: YinfaUnderTest | undefined
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  let page: Page | undefined
  let errors: string[] = []
  let failedAssets: string[] = []

  beforeAll(async () => {
    ensureAdminBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    yinfa = await startYinfa()
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await yinfa?.dispose()
  })

  beforeEach(async () => {
    errors = []
    failedAssets = []
    context = await browser!.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 1000 } })
    // Generous but finite: a loaded CI machine renders react-admin slowly; no test waits on time itself.
    context.setDefaultTimeout(30_000)
    page = await context.newPage()
    page.on("pageerror", (e) => errors.push(String(e)))
    // Chromium reports every failed load, the favicon's included, as a console error naming the URL.
    page.on("console", (message) => {
      const url = message.location().url || "about:blank"
      if (message.type() === "error" && message.text().startsWith("Failed to load resource") && !new URL(url).pathname.startsWith("/api/"))
        failedAssets.push(`${url}: ${message.text()}`)
    })
  })

  afterEach(async (ctx) => {
    try {
      if (page && !page.isClosed()) await page.screenshot({ path: join(ARTIFACTS, artifactName(ctx.task.name)), fullPage: true })
    } finally {
      await context?.close()
      context = undefined
      page = undefined
    }
    // Every test, whatever it looked at: the app's and the server's pages load all their files.
    expect(failedAssets).toEqual([])
  })

  const need = <A>(value: A | undefined, what: string): A => {
    if (value === undefined) throw new Error(`e2e: ${what} is only available inside a test`)
    return value
  }
  return {
    get yinfa() {
      return need(yinfa, "the server")
    },
    get browser() {
      return need(browser, "the browser")
    },
    get context() {
      return need(context, "the browser context")
    },
    get page() {
      return need(page, "the page")
    },
    get pageErrors() {
      return errors
    },
    get failedAssets() {
      return failedAssets
    }
  }
}
