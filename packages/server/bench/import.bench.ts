/**
 * Import benchmark: a generated 100 000-row roster (.xlsx) imported into a fresh SQLite file by
 * the command a clerk runs, `yinfa import volunteers <file> --db <file>` from the built CLI
 * (all-or-nothing: one transaction, every row through the Volunteers service with its rules,
 * volunteer numbers and audit entries), beside a baseline in the same run: the same file read
 * with exceljs's streaming reader and written with raw better-sqlite3 prepared inserts in one
 * transaction. Run with `npm run bench:import` (it builds core, adapters and server first).
 *
 *   YINFA_BENCH_ROWS=10000   fewer rows (a quick smoke run)
 *   YINFA_BENCH_APPEND=0     do not append the results to docs/performance.md
 *
 * Each run is its own process, so that its peak RSS (getrusage maxrss, all threads) is its own.
 * The CLI runs twice: as shipped (the import in a worker whose heap is bounded,
 * YINFA_IMPORT_HEAP_MB's default), and with the bound off (YINFA_IMPORT_HEAP_MB=0: Node's
 * defaults, as an import through a server process runs). The CLI's time includes loading its
 * modules and opening the store; the baseline's starts after its imports.
 * Targets: import time ≤ 2× the baseline, peak RSS < 300 MB.
 */
import { spawnSync } from "node:child_process"
import { randomUUID } from "node:crypto"
import { appendFileSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { makeSqliteStore } from "@yinfa/adapters/sqlite"
import { residentIdCheckChar, YANCHENG_REGIONS } from "@yinfa/core"
import BetterSqlite3 from "better-sqlite3"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { DEFAULT_IMPORT_HEAP_MB } from "../src/cli/boundedWorker.js"
import { ROSTER_COLUMNS } from "../src/importExport/parseRoster.js"
import { SafeWorkbookReader } from "../src/importExport/workbookReader.js"

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

/**
 * The data rows of the roster's sheet, as exceljs reads them (cell values, header skipped), with
 * the importer's reader (exceljs's, mended: parts found through the zip's directory, characters split across chunks joined).
 */
async function* dataRows(file: string): AsyncGenerator<Array<unknown>> {
  const reader = new SafeWorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    worksheets: "emit",
    hyperlinks: "ignore",
    entries: "ignore"
  })
  for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
    let header = true
    for await (const row of sheet) {
      if (header) header = false
      else yield (row.values as Array<unknown>).slice(1)
    }
  }
}

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
  let rows = 0
  db.exec("begin")
  for await (const cells of dataRows(file)) {
    const v = cells.map((x) => (x === undefined || x === null ? null : x instanceof Date ? x.toISOString() : String(x)))
    while (v.length < 19) v.push(null)
    insert.run(`v${++rows}`, ...v)
  }
  db.exec("commit")
  db.close()
  return finish(start, rows)
}

/**
 * Not a target, a yardstick: the same raw parse, then raw prepared inserts of what an import must
 * store into yinfa's own migrated database: the volunteers table with its indexes, and one audit
 * row per volunteer with the created fields (as the audit log records them), with no
 * validation, rules or service. Tells how much of the import's time is the store's required
 * writes rather than the code around them.
 */
const schemaFloor = async (file: string, database: string): Promise<Result> => {
  const start = performance.now()
  const db = new BetterSqlite3(database)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = NORMAL")
  const volunteerColumns = [
    "id",
    "volunteer_number",
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "region_code",
    "former_unit",
    "former_position",
    "retirement_type",
    "party_member",
    "party_branch_id",
    "expertise",
    "expertise_years",
    "interests",
    "talent_pool",
    "fitness",
    "monthly_hours",
    "channels",
    "consent_at",
    "health_data_consent_at",
    "joined_at",
    "status",
    "archive_reason",
    "archive_note",
    "created_at",
    "updated_at"
  ]
  const auditColumns = [
    "id",
    "at",
    "actor_id",
    "actor_name",
    "actor_role",
    "resource",
    "record_id",
    "action",
    "region_code",
    "changes",
    "note"
  ]
  const insertSql = (table: string, columns: ReadonlyArray<string>) =>
    `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`
  const volunteer = db.prepare(insertSql("volunteers", volunteerColumns))
  const audit = db.prepare(insertSql("audit_log", auditColumns))
  const now = new Date().toISOString()
  const text = (x: unknown) => (x === undefined || x === null || x === "" ? null : x instanceof Date ? x.toISOString() : String(x))
  let rows = 0
  db.exec("begin")
  for await (const cells of dataRows(file)) {
    const v = cells.map(text)
    const id = randomUUID()
    const values = [
      id,
      `YC2021${String(++rows).padStart(6, "0")}`,
      v[0],
      v[1],
      v[2],
      v[3],
      v[4],
      "320902",
      v[6] ?? "",
      v[7] ?? "",
      v[8],
      1,
      null,
      JSON.stringify([v[10]]),
      "{}",
      JSON.stringify([v[11]]),
      0,
      v[13],
      Number(v[14]),
      JSON.stringify(["online", "offline"]),
      v[16],
      v[17],
      v[18],
      "active",
      null,
      "",
      now,
      now
    ]
    volunteer.run(values)
    const changes: Record<string, { before: null; after: unknown }> = {}
    volunteerColumns.forEach((c, i) => {
      if (i < 24 && values[i] !== null) changes[c] = { before: null, after: values[i] }
    })
    audit.run([randomUUID(), now, "system", "系统", "city-admin", "volunteers", id, "create", "320902", JSON.stringify(changes), ""])
  }
  db.exec("commit")
  db.close()
  return finish(start, rows)
}

/** A fresh, migrated SQLite file holding the city's regions (what a new deployment starts from). */
const freshStore = async (database: string) => {
  const handle = await makeSqliteStore({ filename: database })
  for (const r of YANCHENG_REGIONS) await Effect.runPromise(Effect.orDie(handle.store.insert("regions", r)))
  await handle.close()
}

const cli = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url))
const peak = fileURLToPath(new URL("./peak.mjs", import.meta.url))

/** The real thing: the built `yinfa import volunteers`, under plain node, timed from its start. */
const viaCli = (file: string, database: string, heapMb: string): Result => {
  const out = spawnSync(process.execPath, [peak, cli, "import", "volunteers", file, "--db", database], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, YINFA_IMPORT_HEAP_MB: heapMb }
  })
  const line = out.stderr.split("\n").find((l) => l.startsWith("PEAK ")) ?? ""
  if (out.status !== 0 || line === "") throw new Error(`yinfa import failed (${out.status}): ${out.stdout}\n${out.stderr}`)
  const { ms, peakRssMb } = JSON.parse(line.slice("PEAK ".length)) as { ms: number; peakRssMb: number }
  const db = new BetterSqlite3(database, { readonly: true })
  const rows = (db.prepare("select count(*) as n from volunteers").get() as { n: number }).n
  db.close()
  if (rows !== ROWS) throw new Error(`stored ${rows} of ${ROWS}`)
  return { ms, rows, peakRssMb }
}

const runChild = (phase: string, file: string, database: string): Result => {
  const out = spawnSync(process.execPath, [...process.execArgv, self, phase, file, database], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024
  })
  if (out.status !== 0) throw new Error(`${phase} failed: ${out.stderr}`)
  const line = out.stdout.trim().split("\n").at(-1) ?? ""
  return JSON.parse(line) as Result
}

const main = async () => {
  const [phase, file, database] = process.argv.slice(2)
  if (phase === "baseline" || phase === "schema-floor") {
    const result = phase === "baseline" ? await baseline(file, database) : await schemaFloor(file, database)
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
    await freshStore(join(dir, "floor.db"))
    const floor = runChild("schema-floor", roster, join(dir, "floor.db"))
    await freshStore(join(dir, "import.db"))
    const ours = viaCli(roster, join(dir, "import.db"), String(DEFAULT_IMPORT_HEAP_MB))
    await freshStore(join(dir, "import-unbounded.db"))
    const unbounded = viaCli(roster, join(dir, "import-unbounded.db"), "0")
    const ratio = ours.ms / base.ms
    const table = [
      "| run | rows | time | rows/s | peak RSS |",
      "|---|---:|---:|---:|---:|",
      `| baseline: exceljs stream + raw better-sqlite3 inserts | ${base.rows} | ${(base.ms / 1000).toFixed(1)} s | ${Math.round(base.rows / (base.ms / 1000))} | ${base.peakRssMb} MB |`,
      `| yardstick: the same parse + raw inserts into yinfa's migrated tables, with an audit row each | ${floor.rows} | ${(floor.ms / 1000).toFixed(1)} s | ${Math.round(floor.rows / (floor.ms / 1000))} | ${floor.peakRssMb} MB |`,
      `| yinfa import volunteers (built CLI, all-or-nothing, heap bound ${DEFAULT_IMPORT_HEAP_MB} MB) | ${ours.rows} | ${(ours.ms / 1000).toFixed(1)} s | ${Math.round(ours.rows / (ours.ms / 1000))} | ${ours.peakRssMb} MB |`,
      `| the same, YINFA_IMPORT_HEAP_MB=0 (Node's defaults) | ${unbounded.rows} | ${(unbounded.ms / 1000).toFixed(1)} s | ${Math.round(unbounded.rows / (unbounded.ms / 1000))} | ${unbounded.peakRssMb} MB |`
    ].join("\n")
    const unboundedRatio = unbounded.ms / base.ms
    const verdict = [
      `import / baseline = ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? "met" : "NOT met"}); peak RSS ${ours.peakRssMb} MB (target < 300 MB: ${ours.peakRssMb < 300 ? "met" : "NOT met"})`,
      `without the bound: ${unboundedRatio.toFixed(2)}×, peak RSS ${unbounded.peakRssMb} MB`,
      `the yardstick (raw writes into yinfa's own tables) takes ${(floor.ms / base.ms).toFixed(2)}× the baseline's time`
    ].join("; ")
    process.stdout.write(`\n${table}\n\n${verdict}\n`)
    if (process.env.YINFA_BENCH_APPEND !== "0") {
      const doc = fileURLToPath(new URL("../../../docs/performance.md", import.meta.url))
      appendFileSync(
        doc,
        `\n## Import\n\n${ROWS} generated roster rows (${sizeMb} MB .xlsx, every column filled), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, \`npm run bench:import\`. Each run in its own process; peak RSS is getrusage's maxrss. Load average at the end: ${loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}.\n\n${table}\n\n${verdict}.\n`
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
