import pg from "pg"
import { afterAll, beforeAll, describe, it } from "vitest"
import { protocolSuite } from "./protocolSuite.js"

/**
 * The protocol suite on PostgreSQL. Without YINFA_PG_URL it is skipped, loudly; with
 * YINFA_REQUIRE_DATABASES=1 (CI) a missing URL fails instead, so a misconfigured pipeline cannot
 * pass by silently skipping the database it was meant to test.
 */
const url = process.env.YINFA_PG_URL
const example = "postgres://postgres@127.0.0.1:5432/postgres"

/** Runs SQL on the server's maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
const onServer = async (serverUrl: string, sql: string) => {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

if (url) {
  // A database of its own for each run: the machine's PostgreSQL outlives test runs, and a shared
  // database would carry another checkout's migrations.
  const database = `yinfa_protocol_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const own = new URL(url)
  own.pathname = `/${database}`
  beforeAll(() => onServer(url, `CREATE DATABASE ${database}`))
  afterAll(() => onServer(url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`))
  protocolSuite("PostgreSQL", () => ({ store: { kind: "postgres", connectionString: own.toString() } }))
} else if (process.env.YINFA_REQUIRE_DATABASES === "1") {
  describe("simple-rest protocol (PostgreSQL)", () => {
    it("YINFA_PG_URL is set (YINFA_REQUIRE_DATABASES=1)", () => {
      throw new Error(
        `YINFA_PG_URL is not set but YINFA_REQUIRE_DATABASES=1: the PostgreSQL protocol suite cannot run. Set it, e.g. YINFA_PG_URL=${example}`
      )
    })
  })
} else {
  describe("simple-rest protocol (PostgreSQL)", () => {
    // Skipped loudly: set YINFA_PG_URL to run it.
    it.skip("SKIPPED: YINFA_PG_URL is not set, so the PostgreSQL run of the protocol suite did not happen", () => {})
  })
  console.warn(`[yinfa/server] YINFA_PG_URL not set: the PostgreSQL protocol suite is SKIPPED (run it with YINFA_PG_URL=${example})`)
}
