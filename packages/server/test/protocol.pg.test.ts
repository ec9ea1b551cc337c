import { describe, it } from "vitest"
import { protocolSuite } from "./protocolSuite.js"

const url = process.env.YINFA_PG_URL

if (url) {
  protocolSuite("PostgreSQL", () => ({ store: { kind: "postgres", connectionString: url } }))
} else {
  describe("simple-rest protocol (PostgreSQL)", () => {
    // Skipped loudly: set YINFA_PG_URL=postgres://user:pass@host/db to run it.
    it.skip("SKIPPED: YINFA_PG_URL is not set, so the PostgreSQL run of the protocol suite did not happen", () => {})
  })
  console.warn("[yinfa/server] YINFA_PG_URL not set: the PostgreSQL protocol suite is SKIPPED")
}
