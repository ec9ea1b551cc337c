/**
 * HTTP benchmark (npm run bench:http): 100k volunteers on SQLite, autocannon 50 connections ×
 * 10 s on the list endpoint with region + category filter + q + sort, beside a bare node:http
 * server running the same SQL on raw better-sqlite3. Then, with YINFA_PG_URL, two server
 * processes on one PostgreSQL: a login and a write through one are seen through the other.
 * Prints tables; asserts nothing about speed.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import autocannon from "autocannon"
import { newId, type RegionCode, Store, type Volunteer, type VolunteerId, YANCHENG_REGIONS } from "@yinfa/core"
import { Effect } from "effect"
import { addUser } from "../src/accounts.js"
import { makeYinfaHandler } from "../src/handler.js"

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 100_000)
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const PASSWORD = "bench-password"
const here = fileURLToPath(new URL(".", import.meta.url))

const SURNAMES =
  "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓萧冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁沈姜范江傅钟卢汪戴崔任陆廖姚方金邱夏谭韦贾邹石熊孟秦阎薛侯雷白龙段郝孔邵史毛常万顾赖武康贺严尹钱施牛洪龚"
const GIVEN = "建国华明军平伟强秀英玉兰桂芝志刚永红海燕文德宝春生金凤淑珍爱民"
const CATEGORIES = ["party-story", "rural-revitalization", "grassroots-governance", "tech-innovation", "new-generation"] as const
const UNITS = ["市农业农村局", "县教育局", "区卫健委", "市司法局", "县科技局", "镇人民政府", "市委组织部", "区财政局"]

const volunteer = (i: number): Volunteer => {
  const region = YANCHENG_REGIONS[i % YANCHENG_REGIONS.length].code
  const pick = <A>(xs: ReadonlyArray<A>, k: number) => xs[(i * 7919 + k * 104729) % xs.length]
  const interests = CATEGORIES.filter((_, k) => (i >> k) % 3 === 0)
  return {
    id: newId() as VolunteerId,
    volunteerNumber: `YC2026${String(i).padStart(6, "0")}`,
    name: `${pick([...SURNAMES], 1)}${pick([...GIVEN], 2)}${pick([...GIVEN], 3)}`,
    gender: i % 2 ? "male" : "female",
    birthDate: `19${50 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
    idNumber: null,
    phone: null,
    regionCode: region as RegionCode,
    formerUnit: pick(UNITS, 4),
    formerPosition: "退休干部",
    retirementType: "tuixiu",
    partyMember: true,
    partyBranchId: null,
    expertise: [],
    expertiseYears: {},
    interests: interests.length ? interests : ["party-story"],
    talentPool: i % 5 === 0,
    fitness: "good",
    monthlyHours: 8,
    channels: ["online", "offline"],
    consentAt: "2025-01-01T00:00:00.000Z",
    healthDataConsentAt: "2025-01-01T00:00:00.000Z",
    joinedAt: "2025-01-01",
    status: "active",
    archiveReason: null,
    archiveNote: "",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z"
  }
}

const startChild = (args: ReadonlyArray<string>): Promise<{ child: ChildProcess; port: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", join(here, "child.ts"), ...args], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const m = /READY (\d+)/.exec(out)
      if (m) resolve({ child, port: Number(m[1]) })
    })
    child.once("exit", (code) => reject(new Error(`child exited ${code}`)))
  })

const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners("exit")
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
  })

const login = async (port: number, username: string) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD })
  })
  if (!res.ok) throw new Error(`login failed: ${res.status}`)
  return ((await res.json()) as { token: string }).token
}

const LIST_PATH = `/api/volunteers?${new URLSearchParams({
  sort: JSON.stringify(["name", "ASC"]),
  range: JSON.stringify([0, 24]),
  filter: JSON.stringify({ regionCode: "320902", interests: "rural-revitalization", q: "农业" })
})}`

const load = (port: number, headers: Record<string, string>) =>
  autocannon({ url: `http://127.0.0.1:${port}${LIST_PATH}`, connections: 50, duration: DURATION, headers })

const prepare = async (filename: string) => {
  const yinfa = await makeYinfaHandler({ store: { kind: "sqlite", filename }, log: false, adminDist: null })
  const started = Date.now()
  await yinfa.run(
    Effect.gen(function* () {
      const store = yield* Store
      for (const r of YANCHENG_REGIONS) yield* Effect.orDie(store.insert("regions", r))
      for (let start = 0; start < VOLUNTEERS; start += 5000) {
        yield* store.transaction(
          Effect.forEach(
            Array.from({ length: Math.min(5000, VOLUNTEERS - start) }, (_, k) => volunteer(start + k)),
            (row) => Effect.orDie(store.insert("volunteers", row)),
            { discard: true }
          )
        )
      }
    })
  )
  await yinfa.run(addUser({ username: "admin", role: "city-admin", password: PASSWORD }))
  await yinfa.close()
  return Date.now() - started
}

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), "yinfa-bench-"))
  try {
    const filename = join(dir, "bench.db")
    const seedMs = await prepare(filename)
    console.log(`\nSeeded ${VOLUNTEERS} volunteers in ${(seedMs / 1000).toFixed(1)} s\n`)

    const yinfa = await startChild(["yinfa", filename])
    const token = await login(yinfa.port, "admin")
    const check = await fetch(`http://127.0.0.1:${yinfa.port}${LIST_PATH}`, { headers: { authorization: `Bearer ${token}` } })
    console.log(`yinfa list: ${check.status}, Content-Range: ${check.headers.get("content-range")}`)
    const yinfaResult = await load(yinfa.port, { authorization: `Bearer ${token}` })
    const yinfaRss = rssMiB(yinfa.child.pid as number)
    await stop(yinfa.child)

    const bare = await startChild(["bare", filename])
    const bareCheck = await fetch(`http://127.0.0.1:${bare.port}${LIST_PATH}`)
    console.log(`bare list:  ${bareCheck.status}, Content-Range: ${bareCheck.headers.get("content-range")}`)
    const bareResult = await load(bare.port, {})
    const bareRss = rssMiB(bare.child.pid as number)
    await stop(bare.child)

    const row = (name: string, r: autocannon.Result, rss: number) => ({
      server: name,
      "req/s": Math.round(r.requests.average),
      "p50 ms": r.latency.p50,
      "p99 ms": r.latency.p99,
      "non-2xx": r.non2xx,
      "RSS MiB": rss
    })
    console.log(`\nGET ${decodeURIComponent(LIST_PATH)}\n${VOLUNTEERS} volunteers, 50 connections × ${DURATION} s, Node ${process.version}`)
    console.table([
      row("yinfa (Effect HttpApi + Kysely)", yinfaResult, yinfaRss),
      row("bare node:http + better-sqlite3", bareResult, bareRss)
    ])
    console.log(`ratio yinfa / bare: ${(yinfaResult.requests.average / bareResult.requests.average).toFixed(2)}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }

  const pg = process.env.YINFA_PG_URL
  if (!pg) {
    console.log("\nYINFA_PG_URL not set: the two-instance PostgreSQL check is SKIPPED")
    return
  }
  const a = await startChild(["yinfa-pg", pg])
  const b = await startChild(["yinfa-pg", pg])
  try {
    const seedA = await makeYinfaHandler({ store: { kind: "postgres", connectionString: pg }, log: false, adminDist: null })
    const username = `bench${Date.now().toString(36)}`
    await seedA.run(
      Effect.gen(function* () {
        const store = yield* Store
        for (const r of YANCHENG_REGIONS) yield* Effect.ignore(store.insert("regions", r))
      })
    )
    await seedA.run(addUser({ username, role: "city-admin", password: PASSWORD }))
    await seedA.close()
    const token = await login(a.port, username)
    const seenByB = await fetch(`http://127.0.0.1:${b.port}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
    const created = await fetch(`http://127.0.0.1:${b.port}/api/organizations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `双实例${username}`, kind: "partner", regionCode: "320902" })
    })
    const id = ((await created.json()) as { id: string }).id
    const readByA = await fetch(`http://127.0.0.1:${a.port}/api/organizations/${id}`, { headers: { authorization: `Bearer ${token}` } })
    console.table([
      { step: "login through A, GET /api/auth/me through B", status: seenByB.status },
      { step: "POST /api/organizations through B", status: created.status },
      { step: "GET it through A", status: readByA.status }
    ])
  } finally {
    await stop(a.child)
    await stop(b.child)
  }
}

await main()
