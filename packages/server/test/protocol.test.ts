import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { dataProvider, http, startTestServer, TINGHU } from "./support.js"
import { protocolSuite } from "./protocolSuite.js"

const dir = mkdtempSync(join(tmpdir(), "yinfa-server-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

protocolSuite("memory", () => ({ store: { kind: "memory" } }))
protocolSuite("SQLite", () => ({ store: { kind: "sqlite", filename: join(dir, "protocol.db") } }))

describe("restarting", () => {
  it("keeps every record, account and session (SQLite file)", async () => {
    const filename = join(dir, "restart.db")
    const first = await startTestServer({ store: { kind: "sqlite", filename } })
    const { data } = await dataProvider(first, first.tokens.admin).create("organizations", {
      data: { name: "重启前创建", kind: "partner", regionCode: TINGHU }
    })
    const token = first.tokens.tinghu
    await first.close()
    const second = await startTestServer({ store: { kind: "sqlite", filename } })
    try {
      // The session made before the restart still works: sessions live in the store.
      const again = await http(second, "GET", `/api/organizations/${data.id}`, { token })
      expect(again.status).toBe(200)
      expect(again.body.name).toBe("重启前创建")
      const audit = await http(second, "GET", `/api/audit-log?filter=${encodeURIComponent(JSON.stringify({ recordId: data.id }))}`, {
        token: second.tokens.admin
      })
      expect(audit.body.map((e: { action: string }) => e.action)).toContain("create")
    } finally {
      await second.close()
    }
  })
})
