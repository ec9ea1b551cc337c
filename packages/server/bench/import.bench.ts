/**
 * Import benchmark: a generated 100 000-row roster (.xlsx) imported into a fresh SQLite file by
 * `importVolunteers` (all-or-nothing: one transaction, every row through the Volunteers service
 * with its rules, volunteer numbers and audit entries), beside a baseline in the same run: the
 * same file read with exceljs's streaming reader and written with raw better-sqlite3 prepared
 * inserts in one transaction. Run with `npm run bench:import`.
 *
 *   YINFA_BENCH_ROWS=10000   fewer rows (a quick smoke run)
 *   YINFA_BENCH_APPEND=0     do not append the results to docs/performance.md
 *
 * Each phase runs in its own child process so that its peak RSS (getrusage maxrss) is its own.
 * The import runs twice: with Node's defaults, and with V8's old generation capped (what a
 * deployment sets with NODE_OPTIONS) to show how much of the peak is uncollected garbage.
 * Targets: import time ≤ 2× the baseline, peak RSS < 300 MB.
 */
import { spawnSync } from "node:child_process"
import { appendFileSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { makeSqliteStore } from "@yinfa/adapters/sqlite"
import { CurrentActor, Q, residentIdCheckChar, Store, systemActor, YANCHENG_REGIONS, YinfaConfig, YinfaServicesLive } from "@yinfa/core"
import BetterSqlite3 from "better-sqlite3"
import { Effect, Layer } from "effect"
import ExcelJS from "exceljs"
import { importVolunteers } from "../src/importExport/importVolunteers.js"
import { ROSTER_COLUMNS } from "../src/importExport/parseRoster.js"
import { Utf8SafeWorkbookReader } from "../src/importExport/table.js"

const ROWS = Number(process.env.YINFA_BENCH_ROWS ?? "100000")
const self = fileURLToPath(import.meta.url)

const DAY = 86_400_000
const BASE = Date.UTC(1940, 0, 1)
const REGIONS = YANCHENG_REGIONS.map((r) => r.name)

/** Row i of the roster: unique ID number and phone, every column filled the way clerks do. */
const rosterRow = (i: number) => {
  const birth = new Date(BASE + (i % 9000) * DAY).toISOString().slice(0, 10)
  const first17 = `320902${birth.replace(/-/g, "")}${String(Math.floor(i / 9000)).padStart(3, "0")}`
  const id = first17 + residentIdCheckChar(first17)
  return [
    `志愿者${i}`,
    Number(first17[16]) % 2 ? "男" : "女",
    birth,
    id,
    `13${String(i).padStart(9, "0")}`,
    REGIONS[i % REGIONS.length],
    "盐城市某单位",
    i % 3 ? "科员" : "科长",
    i % 50 ? "退休" : "离休",
    i % 4 ? "是" : "否",
    i % 2 ? "农业科技（20年）、种植养殖" : "党史宣讲",
    i % 2 ? "促进乡村振兴" : "讲好党的故事、培育时代新人",
    i % 5 ? "否" : "是",
    i % 3 ? "良好" : "",
    8,
    "线上线下",
    "2021-03-08",
    i % 3 ? "2021-03-08" : "",
    "2021-04-01"
  ]
}

const generate = async (file: string) => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false })
  const sheet = workbook.addWorksheet("志愿者名册")
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.header)).commit()
  for (let i = 1; i <= ROWS; i++) sheet.addRow(rosterRow(i)).commit()
  sheet.commit()
  await workbook.commit()
}

interface Result {
  readonly ms: number
  readonly rows: number
  readonly peakRssMb: number
}

const finish = (start: number, rows: number): Result => ({
  ms: Math.round(performance.now() - start),
  rows,
  // maxRSS is in kilobytes.
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
})

/** Raw parsing plus raw prepared inserts: the floor any importer stands on. */
const baseline = async (file: string, database: string): Promise<Result> => {
  const start = performance.now()
  const db = new BetterSqlite3(database)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = NORMAL")
  db.exec(`create table volunteers (id text primary key, name text, gender text, birth_date text, id_number text unique, phone text unique,
    region text, former_unit text, former_position text, retirement text, party text, expertise text, interests text, talent text,
    fitness text, monthly real, channels text, consent text, health_consent text, joined text)`)
  const insert = db.prepare("insert into volunteers values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
  // The same chunk-safe decoding as the importer (exceljs alone garbles characters split across chunks).
  const reader = new Utf8SafeWorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    worksheets: "emit",
    hyperlinks: "ignore",
    entries: "ignore"
  })
  let rows = 0
  db.exec("begin")
  for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
    let header = true
    for await (const row of sheet) {
      if (header) {
        header = false
        continue
      }
      const v = (row.values as Array<unknown>)
        .slice(1)
        .map((x) => (x === undefined || x === null ? null : x instanceof Date ? x.toISOString() : String(x)))
      while (v.length < 19) v.push(null)
      insert.run(`v${++rows}`, ...v)
    }
  }
  db.exec("commit")
  db.close()
  return finish(start, rows)
}

/** The real thing: importVolunteers into a fresh, migrated SQLite store. */
const viaImport = async (file: string, database: string): Promise<Result> => {
  const handle = await makeSqliteStore({ filename: database })
  const layer = YinfaServicesLive.pipe(Layer.provideMerge(Layer.merge(Layer.succeed(Store, handle.store), YinfaConfig.layer())))
  await Effect.runPromise(
    Effect.gen(function* () {
      const store = yield* Store
      for (const r of YANCHENG_REGIONS) yield* Effect.orDie(store.insert("regions", r))
    }).pipe(Effect.provide(layer))
  )
  const start = performance.now()
  const report = await Effect.runPromise(
    importVolunteers({ path: file }, { batchSize: 500 }).pipe(Effect.provideService(CurrentActor, systemActor), Effect.provide(layer))
  )
  const result = finish(start, report.written)
  if (report.issues.length > 0) throw new Error(`unexpected issues: ${JSON.stringify(report.issues.slice(0, 3))}`)
  const stored = await Effect.runPromise(
    Effect.map(handle.store.list("volunteers", Q.all([], [], { offset: 0, limit: 1 })), (r) => r.total)
  )
  if (stored !== ROWS) throw new Error(`stored ${stored} of ${ROWS}`)
  await handle.close()
  return result
}

/** The old-generation cap of the third run: the import's live data fits well below it. */
const HEAP_CAP_MB = 128

const runChild = (phase: string, file: string, database: string, nodeFlags: ReadonlyArray<string> = []): Result => {
  const out = spawnSync(process.execPath, [...nodeFlags, ...process.execArgv, self, phase, file, database], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024
  })
  if (out.status !== 0) throw new Error(`${phase} failed: ${out.stderr}`)
  const line = out.stdout.trim().split("\n").at(-1) ?? ""
  return JSON.parse(line) as Result
}

const main = async () => {
  const [phase, file, database] = process.argv.slice(2)
  if (phase === "baseline" || phase === "import") {
    const result = phase === "baseline" ? await baseline(file, database) : await viaImport(file, database)
    process.stdout.write(`${JSON.stringify(result)}\n`)
    return
  }
  const dir = mkdtempSync(join(tmpdir(), "yinfa-import-bench-"))
  try {
    const roster = join(dir, "roster.xlsx")
    const g0 = performance.now()
    await generate(roster)
    const sizeMb = (statSync(roster).size / 1024 / 1024).toFixed(1)
    process.stdout.write(`Generated ${ROWS} rows (${sizeMb} MB) in ${Math.round(performance.now() - g0)} ms\n`)
    const base = runChild("baseline", roster, join(dir, "baseline.db"))
    const ours = runChild("import", roster, join(dir, "import.db"))
    // The same import with V8's old generation capped: how much of the peak is live data and how
    // much is the heap V8 lets grow before it collects.
    const capped = runChild("import", roster, join(dir, "import-capped.db"), [`--max-old-space-size=${HEAP_CAP_MB}`])
    const ratio = ours.ms / base.ms
    const table = [
      "| run | rows | time | rows/s | peak RSS |",
      "|---|---:|---:|---:|---:|",
      `| baseline: exceljs stream + raw better-sqlite3 inserts | ${base.rows} | ${(base.ms / 1000).toFixed(1)} s | ${Math.round(base.rows / (base.ms / 1000))} | ${base.peakRssMb} MB |`,
      `| importVolunteers (all-or-nothing, Volunteers service, SQLite) | ${ours.rows} | ${(ours.ms / 1000).toFixed(1)} s | ${Math.round(ours.rows / (ours.ms / 1000))} | ${ours.peakRssMb} MB |`,
      `| the same, node --max-old-space-size=${HEAP_CAP_MB} | ${capped.rows} | ${(capped.ms / 1000).toFixed(1)} s | ${Math.round(capped.rows / (capped.ms / 1000))} | ${capped.peakRssMb} MB |`
    ].join("\n")
    const cappedRatio = capped.ms / base.ms
    const verdict = [
      `import / baseline = ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? "met" : "NOT met"}); peak RSS ${ours.peakRssMb} MB (target < 300 MB: ${ours.peakRssMb < 300 ? "met" : "NOT met"})`,
      `with the heap capped: ${cappedRatio.toFixed(2)}×, peak RSS ${capped.peakRssMb} MB (${capped.peakRssMb < 300 ? "met" : "NOT met"})`
    ].join("; ")
    process.stdout.write(`\n${table}\n\n${verdict}\n`)
    if (process.env.YINFA_BENCH_APPEND !== "0") {
      const doc = fileURLToPath(new URL("../../../docs/performance.md", import.meta.url))
      appendFileSync(
        doc,
        `\n## Import\n\n${ROWS} generated roster rows (${sizeMb} MB .xlsx, every column filled), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, \`npm run bench:import\`. Each run in its own process; peak RSS is getrusage's maxrss.\n\n${table}\n\n${verdict}.\n`
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
