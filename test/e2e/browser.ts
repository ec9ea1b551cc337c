/**
 * The system Chromium and the built admin app, as the browser tests (harness.ts) and the admin
 * benchmark (packages/admin/bench) both use them. No test-runner imports here, so a plain script
 * can load it.
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { type Browser, chromium } from "playwright-core"

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)))
export const ADMIN_DIST = join(ROOT, "packages/admin/dist/app")
export const CHROMIUM = process.env.YINFA_CHROMIUM ?? "/usr/bin/chromium"

/** Flags for a container without a GPU, a sandbox or the network Chromium would like to reach. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync"
]

/**
 * The tests run the built bundle, as users get it. Building takes a while, so an existing build
 * is reused; a missing one is built once, and a failed build fails the suite with vite's output
 * rather than with a confusing "not built" page later.
 */
export const ensureAdminBuilt = (): void => {
  if (existsSync(join(ADMIN_DIST, "index.html"))) return
  const build = spawnSync("npm", ["run", "build", "-w", "@yinfa/admin"], { cwd: ROOT, encoding: "utf8", timeout: 300_000 })
  if (build.status !== 0 || !existsSync(join(ADMIN_DIST, "index.html"))) {
    throw new Error(
      `The admin build failed (exit ${build.status}):\n${build.stdout ?? ""}\n${build.stderr ?? ""}${build.error ? `\n${build.error}` : ""}`
    )
  }
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
