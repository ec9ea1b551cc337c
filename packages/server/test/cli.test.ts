import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { CATEGORIES, CurrentActor, EXPERTISE_FIELDS, Q, Store, systemActor, Volunteers, YANCHENG_REGIONS } from "@yinfa/core"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { makeYinfaHandler } from "../src/handler.js"
import { residentId, rosterFields } from "./importExport/support.js"
import { TINGHU, YANDU } from "./support.js"

/**
 * The `yinfa` CLI as users run it: a separate process (main.ts from source through tsx) over
 * SQLite files. An export with clear values, imported into a second database, gives the same
 * roster back.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "yinfa-cli-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const yinfaWith = (extraEnv: Readonly<Record<string, string>>, ...args: Array<string>) =>
  promisify(execFile)(
    join(root, "node_modules/.bin/tsx"),
    ["--conditions=source", join(root, "packages/server/src/cli/main.ts"), ...args],
    {
      cwd: dir,
      env: { ...process.env, YINFA_DB: join(dir, "unused.db"), ...extraEnv }
    }
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr })
  )

const yinfa = (...args: Array<string>) => yinfaWith({}, ...args)

/** Runs an effect as the system city admin against a SQLite file, then closes it. */
const withDb = async <A>(filename: string, effect: Effect.Effect<A, unknown, any>) => {
  const core = await makeYinfaHandler({ store: { kind: "sqlite", filename }, log: false, adminDist: null })
  try {
    return await core.run(Effect.provideService(effect, CurrentActor, systemActor) as Effect.Effect<A, unknown, never>)
  } finally {
    await core.close()
  }
}

const seedRegions = Effect.gen(function* () {
  const store = yield* Store
  for (const r of YANCHENG_REGIONS) yield* Effect.orDie(store.insert("regions", r))
})

/** Everything a roster carries, in clear (the export is read back through `reveal`). */
const roster = Effect.gen(function* () {
  const volunteers = yield* Volunteers
  const rows = (yield* volunteers.list(Q.all([], [{ field: "name", order: "ASC" }]))).rows
  const clear = yield* Effect.forEach(rows, (v) => volunteers.reveal(v.id))
  return clear.map(rosterFields)
})

describe("yinfa CLI (a real process over SQLite)", () => {
  it("export → import into another database gives the same roster; bad input exits 2", { timeout: 180_000 }, async () => {
    const first = join(dir, "first.db")
    const second = join(dir, "second.db")
    const expertise = EXPERTISE_FIELDS[0].code
    await withDb(
      first,
      Effect.gen(function* () {
        yield* seedRegions
        const volunteers = yield* Volunteers
        yield* volunteers.create({
          name: "王建国",
          gender: "male",
          birthDate: "1956-03-15",
          idNumber: residentId(TINGHU, "19560315", "113"),
          phone: "13905151111",
          regionCode: TINGHU,
          formerUnit: "亭湖区农业农村局",
          formerPosition: "副局长",
          expertise: [expertise],
          expertiseYears: { [expertise]: 30 },
          interests: [CATEGORIES[0].code, CATEGORIES[1].code],
          talentPool: true,
          fitness: "good",
          healthDataConsentAt: "2024-05-06T01:30:00.000Z",
          monthlyHours: 12,
          consentAt: "2024-05-06T01:30:00.000Z",
          joinedAt: "2024-05-06"
        })
        yield* volunteers.create({
          name: "李秀英",
          gender: "female",
          birthDate: "1958-07-01",
          idNumber: null,
          phone: "13905152222",
          regionCode: YANDU,
          retirementType: "lixiu",
          partyMember: false,
          channels: ["online"],
          consentAt: "2025-01-02T00:00:00.000Z",
          joinedAt: "2025-01-02"
        })
        yield* volunteers.create({
          name: "赵平",
          gender: "male",
          birthDate: "1960-12-31",
          idNumber: residentId(YANDU, "19601231", "335"),
          phone: null,
          regionCode: YANDU,
          formerUnit: `单位,"引号"`,
          consentAt: "2025-03-01T00:00:00.000Z",
          joinedAt: "2025-03-01"
        })
      })
    )
    await withDb(second, seedRegions)

    const csv = join(dir, "roster.csv")
    const exported = await yinfa("export", "volunteers", "--format", "csv", "--reveal", "--out", csv, "--db", first)
    expect(exported, exported.stderr).toMatchObject({ code: 0 })
    expect(exported.stdout).toContain("已导出 3 条")
    const text = readFileSync(csv, "utf8")
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text).toContain(residentId(TINGHU, "19560315", "113"))

    const imported = await yinfa("import", "volunteers", csv, "--db", second)
    expect(imported, imported.stderr + imported.stdout).toMatchObject({ code: 0 })
    expect(imported.stdout).toContain("已导入 3 行")

    const [before, after] = [await withDb(first, roster), await withDb(second, roster)]
    expect(after).toHaveLength(3)
    expect(after).toEqual(before)

    // A second import finds everyone already registered: nothing twice, exit 1.
    const again = await yinfa("import", "volunteers", csv, "--valid-only", "--db", second)
    expect(again.code).toBe(1)
    expect(again.stdout).toContain("已导入 0 行")

    // With no heap bound the import runs in the CLI's own thread: the same answer.
    const third = join(dir, "third.db")
    await withDb(third, seedRegions)
    const unbounded = await yinfaWith({ YINFA_IMPORT_HEAP_MB: "0" }, "import", "volunteers", csv, "--db", third)
    expect(unbounded, unbounded.stderr + unbounded.stdout).toMatchObject({ code: 0 })
    expect(unbounded.stdout).toContain("已导入 3 行")
    expect(await withDb(third, roster)).toEqual(before)

    // A bound the import cannot live within stops it with a message that names the setting,
    // and nothing is written.
    const fourth = join(dir, "fourth.db")
    await withDb(fourth, seedRegions)
    const starved = await yinfaWith({ YINFA_IMPORT_HEAP_MB: "4" }, "import", "volunteers", csv, "--db", fourth)
    expect(starved.code).toBe(1)
    expect(starved.stderr).toContain("YINFA_IMPORT_HEAP_MB")
    expect(starved.stderr).toContain("4 MB")
    expect(await withDb(fourth, roster)).toEqual([])

    const bad = await yinfa("export", "volunteers", "--filter", "{not json", "--db", first)
    expect(bad.code).toBe(2)
    const help = await yinfa("--help")
    expect(help.stdout).toContain("yinfa export <resource>")
  })
})
