import { describe, it } from "@effect/vitest"

/**
 * The PostgreSQL and MySQL suites need a server. Without its URL a suite is skipped, loudly;
 * with YINFA_REQUIRE_DATABASES=1 (CI) a missing URL is a failure instead.
 */
export const requireUrl = (variable: string, name: string, example: string): string | null => {
  const url = process.env[variable]
  if (url) return url
  if (process.env.YINFA_REQUIRE_DATABASES === "1") {
    describe(`${name} adapter`, () => {
      it(`${variable} is set (YINFA_REQUIRE_DATABASES=1)`, () => {
        throw new Error(
          `${variable} is not set but YINFA_REQUIRE_DATABASES=1: the ${name} suite cannot run. Set it, e.g. ${variable}=${example}`
        )
      })
    })
    return null
  }
  const line = "=".repeat(78)
  console.warn(`\n${line}\n  ${name} adapter suite SKIPPED: ${variable} is not set.\n  Run it with ${variable}=${example}\n${line}\n`)
  describe.skip(`${name} adapter (SKIPPED: ${variable} not set)`, () => {
    it("needs a server", () => {})
  })
  return null
}

/** The same server URL with another database name. */
export const withDatabase = (url: string, database: string): string => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
