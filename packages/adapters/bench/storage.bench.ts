/**
 * Storage benchmark: the SQL adapters against the same queries hand-written on the raw driver,
 * on one generated Yancheng-sized data set. Run with `npm run bench:storage`.
 *
 *   YINFA_BENCH_SCALE=0.1   a tenth of the data (a quick smoke run)
 *   YINFA_BENCH_RUNS=15     timed runs per query (after 2 warm-up runs)
 *   YINFA_PG_URL=postgres://…  also measure PostgreSQL (a scratch schema is created and dropped)
 *
 * Every measurement runs the adapter and its baseline against the same database, so the ratio is
 * the adapter's own cost: query translation, the round trip through Effect, and decoding rows.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { isDeepStrictEqual } from "node:util"
import * as core from "@yinfa/core"
import {
  type Actor,
  CATEGORY_CODES,
  CurrentActor,
  EXPERTISE_FIELDS,
  type Filter,
  Q,
  RESOURCES,
  type ResourceName,
  type RowOf,
  Store,
  type StoreService,
  YANCHENG_REGIONS,
  YinfaConfig
} from "@yinfa/core"
import BetterSqlite3 from "better-sqlite3"
import { Effect, Layer } from "effect"
import pg from "pg"
import { activityRow, mobilePhone, participationRow, residentIdNumber, serviceHourRow, volunteerRow } from "../src/testing/rows.js"

const SCALE = Number(process.env.YINFA_BENCH_SCALE ?? "1")
const RUNS = Number(process.env.YINFA_BENCH_RUNS ?? "15")
const N_VOLUNTEERS = Math.round(100_000 * SCALE)
const N_ACTIVITIES = Math.max(20, Math.round(2_000 * SCALE))
const N_PARTICIPATIONS = Math.round(1_000_000 * SCALE)

// ---- deterministic data ------------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence on every machine. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <A>(r: () => number, xs: ReadonlyArray<A>): A => xs[Math.floor(r() * xs.length)]
const subset = <A>(r: () => number, xs: ReadonlyArray<A>, p: number): Array<A> => xs.filter(() => r() < p)

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "顾"]
const GIVEN = ["建国", "秀英", "伟", "芳", "军", "敏", "志强", "桂兰", "海燕", "红", "国华", "立新", "玉梅", "振华", "德明", "淑珍"]
const UNITS = [
  "盐城市供电局",
  "盐城市教育局",
  "盐城市农业农村局",
  "盐城市人民医院",
  "亭湖区政府",
  "东台市科技局",
  "盐城师范学院",
  "射阳县水利局",
  "大丰区法院",
  "建湖县财政局"
]
const POSITIONS = ["局长", "副局长", "处长", "科长", "主任", "教师", "工程师", "医生", "法官", "会计师"]
const REGION_CODES = YANCHENG_REGIONS.map((r) => r.code as string)
const EXPERTISE = EXPERTISE_FIELDS.map((e) => e.code)

const volunteers = (): Array<RowOf<"volunteers">> => {
  const r = rng(1)
  return Array.from({ length: N_VOLUNTEERS }, (_, i) => {
    const expertise = subset(r, EXPERTISE, 0.15)
    return volunteerRow(`v${String(i).padStart(6, "0")}`, {
      volunteerNumber: `YF${String(i + 1).padStart(8, "0")}`,
      name: pick(r, SURNAMES) + pick(r, GIVEN),
      gender: r() < 0.55 ? "male" : "female",
      birthDate: `19${40 + Math.floor(r() * 25)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
      idNumber: i < 300_000 ? residentIdNumber(i) : null,
      phone: r() < 0.9 ? mobilePhone(i) : null,
      regionCode: pick(r, REGION_CODES),
      formerUnit: pick(r, UNITS),
      formerPosition: pick(r, POSITIONS),
      partyMember: r() < 0.8,
      expertise,
      expertiseYears: Object.fromEntries(expertise.map((e) => [e, Math.floor(r() * 30)])),
      interests: subset(r, CATEGORY_CODES, 0.35),
      talentPool: r() < 0.2,
      fitness: pick(r, ["good", "good", "limited", "online-only", null] as const),
      monthlyHours: pick(r, [4, 8, 12, 16, 20]),
      status: r() < 0.92 ? "active" : pick(r, ["paused", "archived"] as const)
    })
  })
}

const MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]

const activities = (): Array<RowOf<"activities">> => {
  const r = rng(2)
  return Array.from({ length: N_ACTIVITIES }, (_, i) => {
    const day = `2024-${pick(r, MONTHS)}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`
    const hour = 8 + Math.floor(r() * 8)
    return activityRow(`a${String(i).padStart(5, "0")}`, {
      category: pick(r, CATEGORY_CODES),
      regionCode: pick(r, REGION_CODES),
      channel: pick(r, ["online", "offline", "hybrid"] as const),
      startsAt: `${day}T${String(hour).padStart(2, "0")}:00`,
      endsAt: `${day}T${String(hour + 2).padStart(2, "0")}:00`,
      volunteersNeeded: 5 + Math.floor(r() * 40),
      requiredExpertise: subset(r, EXPERTISE, 0.1),
      status: "published"
    })
  })
}

/** Participations, and a ledger entry for every attended one (what reporting sums). */
const participationsAndHours = (vs: ReadonlyArray<RowOf<"volunteers">>, as: ReadonlyArray<RowOf<"activities">>) => {
  const r = rng(3)
  const participations: Array<RowOf<"participations">> = []
  const hours: Array<RowOf<"service-hours">> = []
  for (let i = 0; i < N_PARTICIPATIONS; i++) {
    const a = as[Math.floor(r() * as.length)]
    const v = vs[Math.floor(r() * vs.length)]
    const roll = r()
    const status = roll < 0.6 ? "attended" : roll < 0.7 ? "confirmed" : roll < 0.8 ? "withdrawn" : roll < 0.9 ? "absent" : "signed-up"
    const id = `p${String(i).padStart(7, "0")}`
    const h = status === "attended" ? pick(r, [1, 1.5, 2, 2.5, 3]) : null
    participations.push(participationRow(id, { activityId: a.id, volunteerId: v.id, regionCode: a.regionCode, status, hours: h }))
    if (h !== null) {
      hours.push(
        serviceHourRow(`h${String(i).padStart(7, "0")}`, {
          volunteerId: v.id,
          regionCode: a.regionCode,
          category: a.category,
          participationId: id,
          serviceDate: a.startsAt.slice(0, 10),
          hours: h
        })
      )
    }
  }
  return { participations, hours }
}

// ---- the queries ---------------------------------------------------------------------------------

const LIST_REGION = "320902"
const LIST_CATEGORY = "party-story"
const LIST_Q = "王 局"
const listQuery = Q.all(
  [Q.eq("regionCode", LIST_REGION), Q.includes("interests", LIST_CATEGORY), Q.search(LIST_Q)],
  [{ field: "name", order: "ASC" }],
  { offset: 0, limit: 25 }
)
const reportQuery = {
  filters: [Q.gte("serviceDate", "2024-01-01"), Q.lte("serviceDate", "2024-12-31")] as ReadonlyArray<Filter>,
  groupBy: [
    { field: "regionCode", as: "regionCode" },
    { field: "category", as: "category" },
    { field: "serviceDate", bucket: "month" as const, as: "month" }
  ],
  measures: [{ fn: "sum" as const, field: "hours", as: "hours" }]
}

// ---- timing ------------------------------------------------------------------------------------

interface Row {
  readonly engine: string
  readonly what: string
  readonly impl: string
  readonly median: number
  readonly p95: number
  readonly extra: string
  readonly ratio: string
  readonly rssMb: number
}
const results: Array<Row> = []
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

const measure = async (run: () => Promise<unknown>, runs = RUNS) => {
  for (let i = 0; i < 2; i++) await run()
  const times: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await run()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor((times.length - 1) / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] }
}

const record = (
  engine: string,
  what: string,
  adapter: { median: number; p95: number },
  baseline: { median: number; p95: number },
  extra = ["", ""]
) => {
  results.push({
    engine,
    what,
    impl: "adapter",
    ...adapter,
    extra: extra[0],
    ratio: (adapter.median / baseline.median).toFixed(2),
    rssMb: rssMb()
  })
  results.push({ engine, what, impl: "raw baseline", ...baseline, extra: extra[1], ratio: "1.00", rssMb: rssMb() })
  console.log(`  ${what}: adapter ${adapter.median.toFixed(2)} ms, raw ${baseline.median.toFixed(2)} ms`)
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

// ---- the adapter side --------------------------------------------------------------------------

const regionAdmin = (regionCode: string): Actor => ({
  userId: "u-bench",
  username: "bench",
  displayName: "压测",
  role: "region-admin",
  regionCode
})

/**
 * (d) through the Matching service when the core has it; otherwise through the store queries
 * the service needs (reported as such).
 */
const matchingRunner = async (
  store: StoreService
): Promise<{ label: string; run: (activityId: string, regionCode: string) => Promise<unknown> }> => {
  let live = (core as Record<string, unknown>).MatchingLive as Layer.Layer<core.Matching, never, Store | YinfaConfig> | undefined
  if (!live) {
    try {
      // The monorepo's own source, for as long as the core does not export the layer.
      const mod: Record<string, unknown> = await import("../../core/src/services/MatchingLive.js" as string)
      live = mod.MatchingLive as typeof live
    } catch {
      live = undefined
    }
  }
  if (live) {
    const layer = live.pipe(Layer.provide(Layer.merge(Layer.succeed(Store, store), YinfaConfig.layer({}))))
    const matching = await run(Effect.provide(core.Matching, layer))
    return {
      label: "top-20 candidates (Matching service)",
      run: (activityId, regionCode) =>
        run(Effect.provideService(matching.candidatesForActivity(activityId, { limit: 20 }), CurrentActor, regionAdmin(regionCode)))
    }
  }
  return {
    label: "top-20 candidates (store queries only)",
    run: (activityId, regionCode) =>
      run(
        Effect.gen(function* () {
          const activity = yield* store.get("activities", activityId)
          const taken = yield* store.list("participations", Q.all([Q.eq("activityId", activityId), Q.neq("status", "withdrawn")]))
          const vs = yield* store.list(
            "volunteers",
            Q.all([
              Q.eq("regionCode", regionCode),
              Q.eq("status", "active"),
              Q.notIn(
                "id",
                taken.rows.map((p) => p.volunteerId)
              )
            ])
          )
          const month = activity.startsAt.slice(0, 7)
          yield* store.aggregate("service-hours", {
            filters: [
              Q.in(
                "volunteerId",
                vs.rows.map((v) => v.id)
              ),
              Q.gte("serviceDate", `${month}-01`),
              Q.lte("serviceDate", `${month}-31`)
            ],
            groupBy: [{ field: "volunteerId", as: "volunteerId" }],
            measures: [{ fn: "sum", field: "hours", as: "hours" }]
          })
          return vs.rows.slice(0, 20)
        }).pipe(Effect.orDie)
      )
  }
}

// ---- raw encoding, for loading and for the baselines ----------------------------------------------

const columnsOf = (resource: ResourceName) => RESOURCES[resource].fields.map((f) => core.columnName(f.name))
const encodeRow = (resource: ResourceName, row: Record<string, unknown>, booleans: "int" | "bool"): Array<unknown> =>
  RESOURCES[resource].fields.map((f) => {
    const v = row[f.name]
    if (v === null || v === undefined) return null
    if (f.kind === "boolean") return booleans === "int" ? (v ? 1 : 0) : v
    if (f.kind === "string[]" || f.kind === "json") return JSON.stringify(v)
    return v
  })

/** The interest filter and the search, as someone would write them by hand. */
const searchSql = (param: (v: unknown) => string, lower: (s: string) => string) => {
  const terms = core.searchTerms(LIST_Q)
  return terms
    .map(
      (t) =>
        `(${RESOURCES.volunteers.searchable.map((f) => `${lower(core.columnName(f))} like ${param(`%${t.toLowerCase()}%`)}`).join(" or ")})`
    )
    .join(" and ")
}

/** A plain score for the baseline of (d): interests, expertise overlap, remaining capacity. */
const plainTop20 = (
  activity: { category: string; requiredExpertise: ReadonlyArray<string>; hours: number },
  candidates: ReadonlyArray<{ id: string; volunteer_number: string; interests: string; expertise: string; monthly_hours: number }>,
  served: Map<string, number>
) =>
  candidates
    .map((v) => {
      const interests = JSON.parse(v.interests) as Array<string>
      const expertise = JSON.parse(v.expertise) as Array<string>
      const overlap =
        activity.requiredExpertise.length === 0
          ? 1
          : activity.requiredExpertise.filter((e) => expertise.includes(e)).length / activity.requiredExpertise.length
      const remaining = Math.max(0, v.monthly_hours - (served.get(v.id) ?? 0))
      return { v, score: 40 * overlap + 25 * Number(interests.includes(activity.category)) + 35 * Math.min(1, remaining / activity.hours) }
    })
    .sort((a, b) => b.score - a.score || (a.v.volunteer_number < b.v.volunteer_number ? -1 : 1))
    .slice(0, 20)

// ---- SQLite ------------------------------------------------------------------------------------

const benchSqlite = async (data: Data) => {
  const sqlite = await import("@yinfa/adapters/sqlite" as string).catch(() => null)
  if (!sqlite) {
    console.log("SQLite adapter not available yet: skipped")
    return
  }
  const dir = mkdtempSync(join(tmpdir(), "yinfa-bench-"))
  try {
    // (c) bulk insert: the adapter into one fresh database, raw prepared statements into another.
    console.log("SQLite: loading")
    const handle = await sqlite.makeSqliteStore({ filename: join(dir, "adapter.db") })
    const store: StoreService = handle.store
    let t0 = performance.now()
    await run(store.insertMany("volunteers", data.volunteers))
    const adapterInsert = performance.now() - t0

    const rawHandle = await sqlite.makeSqliteStore({ filename: join(dir, "raw.db") })
    await rawHandle.close()
    const raw = new BetterSqlite3(join(dir, "raw.db"))
    const insertAll = (db: BetterSqlite3.Database, resource: ResourceName, rows: ReadonlyArray<Record<string, unknown>>) => {
      const cols = columnsOf(resource)
      const stmt = db.prepare(`insert into ${RESOURCES[resource].table} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`)
      db.transaction(() => {
        for (const row of rows) stmt.run(encodeRow(resource, row, "int"))
      })()
    }
    t0 = performance.now()
    insertAll(raw, "volunteers", data.volunteers)
    const rawInsert = performance.now() - t0
    raw.close()
    const perSecond = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en")} rows/s`
    record(
      "SQLite",
      `(c) bulk insert ${data.volunteers.length.toLocaleString("en")} volunteers: store.insertMany (1 run)`,
      { median: adapterInsert, p95: adapterInsert },
      { median: rawInsert, p95: rawInsert },
      [perSecond(data.volunteers.length, adapterInsert), perSecond(data.volunteers.length, rawInsert)]
    )
    // The per-row path (what an interactive write costs), on a tenth of the rows: one store.insert
    // at a time in one transaction, against the same prepared single-row INSERT.
    {
      const some = data.volunteers.slice(0, Math.ceil(data.volunteers.length / 10))
      const single = await sqlite.makeSqliteStore({ filename: join(dir, "single.db") })
      t0 = performance.now()
      await run(single.store.transaction(Effect.forEach(some, (v) => single.store.insert("volunteers", v), { discard: true })))
      const oneByOne = performance.now() - t0
      await single.close()
      const rawSingle = await sqlite.makeSqliteStore({ filename: join(dir, "raw-single.db") })
      await rawSingle.close()
      const rawDb = new BetterSqlite3(join(dir, "raw-single.db"))
      t0 = performance.now()
      insertAll(rawDb, "volunteers", some)
      const rawOneByOne = performance.now() - t0
      rawDb.close()
      record(
        "SQLite",
        `(c′) insert ${some.length.toLocaleString("en")} volunteers one row at a time: store.insert (1 run)`,
        { median: oneByOne, p95: oneByOne },
        { median: rawOneByOne, p95: rawOneByOne },
        [perSecond(some.length, oneByOne), perSecond(some.length, rawOneByOne)]
      )
    }

    // The rest of the data goes in raw (same encoding as the adapter's, checked below).
    const db = new BetterSqlite3(join(dir, "adapter.db"))
    insertAll(db, "activities", data.activities)
    insertAll(db, "participations", data.participations)
    insertAll(db, "service-hours", data.hours)
    db.exec("analyze")
    for (const [resource, row] of [
      ["participations", data.participations[0]],
      ["service-hours", data.hours[0]],
      ["activities", data.activities[0]]
    ] as const) {
      const back = await run(store.get(resource, row.id))
      if (!isDeepStrictEqual({ ...back }, { ...row }))
        throw new Error(`raw-loaded ${resource} row does not read back equal through the adapter`)
    }

    // (a) the volunteer list page.
    const where = `region_code = ? and instr(interests, ?) > 0 and ${searchSql(
      () => "?",
      (c) => `lower(${c})`
    )}`
    const params = [
      LIST_REGION,
      JSON.stringify(LIST_CATEGORY),
      ...core.searchTerms(LIST_Q).flatMap((t) => RESOURCES.volunteers.searchable.map(() => `%${t.toLowerCase()}%`))
    ]
    const page = db.prepare(`select * from volunteers where ${where} order by name, id limit 25 offset 0`)
    const count = db.prepare(`select count(*) as n from volunteers where ${where}`)
    const adapterList = await run(store.list("volunteers", listQuery))
    const rawTotal = (count.get(...params) as { n: number }).n
    if (adapterList.total !== rawTotal) throw new Error(`list totals differ: adapter ${adapterList.total}, raw ${rawTotal}`)
    record(
      "SQLite",
      `(a) volunteer list page (25 of ${rawTotal})`,
      await measure(() => run(store.list("volunteers", listQuery))),
      await measure(async () => [page.all(...params), count.get(...params)])
    )

    // (b) hours by region × category × month over 2024.
    const report = db.prepare(
      `select region_code, category, substr(service_date, 1, 7) as month, sum(hours) as hours from service_hours
       where service_date >= ? and service_date <= ? group by 1, 2, 3 order by 1, 2, 3`
    )
    const groups = report.all("2024-01-01", "2024-12-31").length
    record(
      "SQLite",
      `(b) hours by region × category × month (${groups} groups over ${data.hours.length.toLocaleString("en")} entries)`,
      await measure(() => run(store.aggregate("service-hours", reportQuery))),
      await measure(async () => report.all("2024-01-01", "2024-12-31"))
    )

    // (d) candidates for an activity of the biggest region.
    const activity = data.activities.find((a) => a.regionCode === LIST_REGION) ?? data.activities[0]
    const matcher = await matchingRunner(store)
    const month = activity.startsAt.slice(0, 7)
    const candidates = db.prepare(
      `select id, volunteer_number, interests, expertise, monthly_hours from volunteers
       where region_code = ? and status = 'active'
         and id not in (select volunteer_id from participations where activity_id = ? and status <> 'withdrawn')`
    )
    const served = db.prepare(
      `select h.volunteer_id as id, sum(h.hours) as hours from service_hours h join volunteers v on v.id = h.volunteer_id
       where v.region_code = ? and v.status = 'active' and h.service_date >= ? and h.service_date <= ? group by h.volunteer_id`
    )
    const baseline = async () => {
      const vs = candidates.all(activity.regionCode, activity.id) as Array<any>
      const s = new Map(
        (served.all(activity.regionCode, `${month}-01`, `${month}-31`) as Array<{ id: string; hours: number }>).map((r) => [r.id, r.hours])
      )
      return plainTop20({ category: activity.category, requiredExpertise: activity.requiredExpertise, hours: 2 }, vs, s)
    }
    record(
      "SQLite",
      `(d) ${matcher.label}`,
      await measure(() => matcher.run(activity.id, activity.regionCode), Math.min(RUNS, 7)),
      await measure(baseline)
    )
    db.close()
    await handle.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// ---- PostgreSQL --------------------------------------------------------------------------------

const benchPostgres = async (data: Data, url: string) => {
  const postgres = await import("@yinfa/adapters/postgres" as string).catch(() => null)
  if (!postgres) {
    console.log("PostgreSQL adapter not available yet: skipped")
    return
  }
  const schema = `yinfa_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    console.log("PostgreSQL: loading")
    const handle = await postgres.makePostgresStore({ connectionString: url, schema })
    const store: StoreService = handle.store
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`set search_path to ${schema}`)
    const insertAll = async (resource: ResourceName, rows: ReadonlyArray<Record<string, unknown>>) => {
      const cols = columnsOf(resource)
      // Multi-row inserts of 500: what a hand-written bulk load does.
      await client.query("begin")
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500)
        const values: Array<unknown> = []
        const tuples = chunk.map((row) => {
          const encoded = encodeRow(resource, row, "bool")
          const start = values.length
          values.push(...encoded)
          return `(${encoded.map((_, j) => `$${start + j + 1}`).join(", ")})`
        })
        await client.query(`insert into ${RESOURCES[resource].table} (${cols.join(", ")}) values ${tuples.join(", ")}`, values)
      }
      await client.query("commit")
    }
    // (c): the adapter loads half of the volunteers, raw the other half, into the same tables.
    const half = Math.floor(data.volunteers.length / 2)
    let t0 = performance.now()
    await run(store.insertMany("volunteers", data.volunteers.slice(0, half)))
    const adapterInsert = performance.now() - t0
    t0 = performance.now()
    await insertAll("volunteers", data.volunteers.slice(half))
    const rawInsert = performance.now() - t0
    const perSecond = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en")} rows/s`
    record(
      "PostgreSQL",
      `(c) bulk insert ${half.toLocaleString("en")} volunteers each: store.insertMany (1 run)`,
      { median: adapterInsert, p95: adapterInsert },
      { median: rawInsert, p95: rawInsert },
      [perSecond(half, adapterInsert), perSecond(data.volunteers.length - half, rawInsert)]
    )
    await insertAll("activities", data.activities)
    await insertAll("participations", data.participations)
    await insertAll("service-hours", data.hours)
    await client.query("analyze")

    let n = 0
    const param = () => `$${++n}`
    const where = `region_code = ${param()} and interests like ${param()} and ${searchSql(param, (c) => `lower(${c})`)}`
    const params = [
      LIST_REGION,
      `%${JSON.stringify(LIST_CATEGORY)}%`,
      ...core.searchTerms(LIST_Q).flatMap((t) => RESOURCES.volunteers.searchable.map(() => `%${t.toLowerCase()}%`))
    ]
    const pageSql = `select * from volunteers where ${where} order by name collate "C", id limit 25`
    const countSql = `select count(*)::int as n from volunteers where ${where}`
    record(
      "PostgreSQL",
      "(a) volunteer list page (25)",
      await measure(() => run(store.list("volunteers", listQuery))),
      await measure(() => Promise.all([client.query(pageSql, params), client.query(countSql, params)]))
    )
    const reportSql = `select region_code, category, substr(service_date, 1, 7) as month, sum(hours) as hours from service_hours
      where service_date >= $1 and service_date <= $2 group by 1, 2, 3 order by 1, 2, 3`
    record(
      "PostgreSQL",
      "(b) hours by region × category × month",
      await measure(() => run(store.aggregate("service-hours", reportQuery))),
      await measure(() => client.query(reportSql, ["2024-01-01", "2024-12-31"]))
    )
    const activity = data.activities.find((a) => a.regionCode === LIST_REGION) ?? data.activities[0]
    const matcher = await matchingRunner(store)
    const month = activity.startsAt.slice(0, 7)
    const baseline = async () => {
      const vs = await client.query(
        `select id, volunteer_number, interests, expertise, monthly_hours from volunteers where region_code = $1 and status = 'active'
         and id not in (select volunteer_id from participations where activity_id = $2 and status <> 'withdrawn')`,
        [activity.regionCode, activity.id]
      )
      const s = await client.query(
        `select h.volunteer_id as id, sum(h.hours) as hours from service_hours h join volunteers v on v.id = h.volunteer_id
         where v.region_code = $1 and v.status = 'active' and h.service_date >= $2 and h.service_date <= $3 group by h.volunteer_id`,
        [activity.regionCode, `${month}-01`, `${month}-31`]
      )
      return plainTop20(
        { category: activity.category, requiredExpertise: activity.requiredExpertise, hours: 2 },
        vs.rows,
        new Map(s.rows.map((r: { id: string; hours: number }) => [r.id, Number(r.hours)]))
      )
    }
    record(
      "PostgreSQL",
      `(d) ${matcher.label}`,
      await measure(() => matcher.run(activity.id, activity.regionCode), Math.min(RUNS, 7)),
      await measure(baseline)
    )
    await client.end()
    await handle.close()
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`)
    await admin.end()
  }
}

// ---- main --------------------------------------------------------------------------------------

type Data = ReturnType<typeof generate>
const generate = () => {
  const vs = volunteers()
  const as = activities()
  return { volunteers: vs, activities: as, ...participationsAndHours(vs, as) }
}

const main = async () => {
  const t0 = performance.now()
  const data = generate()
  console.log(
    `Generated ${data.volunteers.length} volunteers, ${data.activities.length} activities, ${data.participations.length} participations, ` +
      `${data.hours.length} ledger entries in ${Math.round(performance.now() - t0)} ms (scale ${SCALE})`
  )
  await benchSqlite(data)
  if (process.env.YINFA_PG_URL) await benchPostgres(data, process.env.YINFA_PG_URL)
  const { cpus, totalmem } = await import("node:os")
  console.log(
    `\nnode ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, scale ${SCALE}, ${RUNS} runs\n`
  )
  const header = "| engine | measurement | impl | median ms | p95 ms | ratio | throughput | peak RSS MB |"
  console.log(header)
  console.log("|---|---|---|---:|---:|---:|---|---:|")
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.what} | ${r.impl} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.ratio} | ${r.extra} | ${r.rssMb} |`
    )
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
