/**
 * A server process for the HTTP benchmark: `yinfa <sqlite file>`, `bare <sqlite file>` or
 * `yinfa-pg <url>`. Prints `READY <port>` once listening.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import Database from "better-sqlite3"
import { startServer } from "../src/handler.js"

const [mode, target] = process.argv.slice(2)

/** The statements the Kysely store runs for the benchmark's list request, on raw better-sqlite3. */
const bare = (filename: string) => {
  const db = new Database(filename, { readonly: true })
  db.pragma("journal_mode = WAL")
  const where = `region_code = @region and (interests = @inc1 or interests glob @inc2 or interests glob @inc3 or interests glob @inc4)
    and (lower(name) like lower(@q) escape '!' or lower(volunteer_number) like lower(@q) escape '!'
      or lower(former_unit) like lower(@q) escape '!' or lower(former_position) like lower(@q) escape '!')`
  const page = db.prepare(`select * from volunteers where ${where} order by name asc, id asc limit 25 offset 0`)
  const count = db.prepare(`select count(*) as n from volunteers where ${where}`)
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x")
    const filter = JSON.parse(url.searchParams.get("filter") ?? "{}")
    const e = JSON.stringify(filter.interests)
    const params = { region: filter.regionCode, inc1: `[${e}]`, inc2: `[${e},*`, inc3: `*,${e}]`, inc4: `*,${e},*`, q: `%${filter.q}%` }
    const rows = page.all(params)
    const total = rows.length < 25 ? rows.length : (count.get(params) as { n: number }).n
    res.writeHead(200, {
      "content-type": "application/json",
      "content-range": rows.length ? `volunteers 0-${rows.length - 1}/${total}` : `volunteers */${total}`
    })
    res.end(JSON.stringify(rows))
  })
}

if (mode === "bare") {
  const server = bare(target)
  server.listen(0, "127.0.0.1", () => console.log(`READY ${(server.address() as AddressInfo).port}`))
} else {
  const store =
    mode === "yinfa-pg" ? ({ kind: "postgres", connectionString: target } as const) : ({ kind: "sqlite", filename: target } as const)
  const server = await startServer({ store, log: false, adminDist: null, auth: { maxFailures: 1000 } })
  console.log(`READY ${server.port}`)
}
