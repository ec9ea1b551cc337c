import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterAll, describe, expect, it } from "vitest"
import { parseArgsMessage } from "../src/importExport/cli.js"

/**
 * The main `yinfa` CLI speaks Chinese first and English with `--locale en`: its usage, its
 * one-line usage errors (its own and node:util parseArgs's), and its output lines, all from the
 * catalogues. Each run is a real process (main.ts through tsx, as cli.test.ts does); the runs of
 * a test go in parallel.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "yinfa-cli-text-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** At most this many CLI processes at once: each loads tsx and the core (some 150 MB). */
const PARALLEL = 4
let running = 0
const waiting: Array<() => void> = []
const limited = async <A>(f: () => Promise<A>): Promise<A> => {
  if (running >= PARALLEL) await new Promise<void>((wake) => waiting.push(wake))
  running++
  try {
    return await f()
  } finally {
    running--
    waiting.shift()?.()
  }
}

const yinfaWith = (extraEnv: Readonly<Record<string, string>>, ...args: Array<string>): Promise<Ran> => {
  // No password from the environment the tests run in, unless a test gives one.
  const { YINFA_PASSWORD: _, ...env } = process.env
  return limited(() =>
    promisify(execFile)(
      join(root, "node_modules/.bin/tsx"),
      ["--conditions=source", join(root, "packages/server/src/cli/main.ts"), ...args],
      { cwd: dir, env: { ...env, YINFA_DB: join(dir, "unused.db"), ...extraEnv } }
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr })
    )
  )
}

const yinfa = (...args: Array<string>) => yinfaWith({}, ...args)

const CJK = /[\u4e00-\u9fff]/
const ZH_TITLE = "yinfa — 银发再出发 服务端\n"
const EN_TITLE = "yinfa — 银发再出发 server\n"

/** The usage's Chinese remarks (every one of them a catalogue entry). */
const ZH_REMARKS = [
  "[--password <pw>]   （或用环境变量 YINFA_PASSWORD 给出；不设默认密码）\n",
  "  （不加 --as 时，以系统市级管理员身份执行）\n",
  "  （以上命令同样可加 --db <file> | --pg <url> | --mysql <url>）\n",
  "  各命令均可加 --locale en 改用英文输出，默认为中文。\n",
  "\n环境变量：\n",
  "  YINFA_DB                      SQLite 数据库文件（未加 --db、--pg、--mysql 时使用），默认 ./data/yinfa.db\n",
  "  YINFA_IMPORT_HEAP_MB          导入时的内存上限（MB），默认 192；0 表示不设上限\n",
  "  YINFA_IMPORT_READER_HEAP_MB   读取 1 MB 以上名册的线程的内存上限（MB），默认 128；0 表示不设上限\n"
]
const EN_REMARKS = [
  "[--password <pw>]   (or the YINFA_PASSWORD environment variable; never a default)\n",
  "  (without --as the command runs as the system city administrator)\n",
  "  (these take --db <file> | --pg <url> | --mysql <url> too)\n",
  "  Every command takes --locale en to print in English; Chinese is the default.\n",
  "\nEnvironment:\n",
  "  YINFA_DB                      SQLite file (without --db, --pg or --mysql), default ./data/yinfa.db\n",
  "  YINFA_IMPORT_HEAP_MB          heap bound of an import in MB, default 192; 0: none\n",
  "  YINFA_IMPORT_READER_HEAP_MB   heap bound in MB of the thread that reads a roster of 1 MB or more, default 128; 0: none\n"
]
/** Syntax, the same in both languages. */
const SYNOPSES = [
  "  yinfa serve   [--port 8080]",
  "  yinfa user add --username <name> --role city-admin|region-admin|viewer",
  "  yinfa export <resource>"
]

const expectUsage = (text: string, locale: "zh-CN" | "en") => {
  expect(text.startsWith(locale === "zh-CN" ? ZH_TITLE : EN_TITLE)).toBe(true)
  for (const s of SYNOPSES) expect(text).toContain(s)
  for (const r of locale === "zh-CN" ? ZH_REMARKS : EN_REMARKS) expect(text).toContain(r)
  if (locale === "en") expect(text.replace(EN_TITLE, "")).not.toMatch(CJK)
  else expect(text).not.toMatch(/without --as|Environment:|never a default/)
}

/** A usage error: exit 2, nothing on stdout, its line then the usage on stderr; answers the line. */
const usageError = (ran: Ran, locale: "zh-CN" | "en") => {
  expect(ran.code, ran.stderr).toBe(2)
  expect(ran.stdout).toBe("")
  const cut = ran.stderr.indexOf("\n\n")
  expectUsage(ran.stderr.slice(cut + 2), locale)
  return ran.stderr.slice(0, cut)
}

describe("yinfa CLI text, Chinese by default and English with --locale en", () => {
  it("--help prints the usage in the chosen language, exit 0", { timeout: 180_000 }, async () => {
    const [zh, en, enEquals, enFirst] = await Promise.all([
      yinfa("--help"),
      yinfa("--help", "--locale", "en"),
      yinfa("-h", "--locale=en"),
      yinfa("--locale", "en")
    ])
    for (const ran of [zh, en, enEquals, enFirst]) {
      expect(ran.code, ran.stderr).toBe(0)
      expect(ran.stderr).toBe("")
    }
    expectUsage(zh.stdout, "zh-CN")
    for (const ran of [en, enEquals, enFirst]) expectUsage(ran.stdout, "en")
  })

  it("one-line usage errors and parseArgs's errors, exit 2", { timeout: 180_000 }, async () => {
    const db = join(dir, "errors.db")
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string, string]> = [
      [["frobnicate"], "yinfa: 未知命令：frobnicate", "yinfa: unknown command frobnicate"],
      [["seed", "--db", db], "yinfa: seed 须加 --demo（目前只有演示数据可写入）", "yinfa: seed needs --demo (the only data set there is)"],
      [
        ["migrate", "--db", db, "--pg", "postgres://nowhere"],
        "yinfa: --db、--pg、--mysql 只能选用一个",
        "yinfa: choose one of --db, --pg, --mysql"
      ],
      [["serve", "--db", db, "--port", "99999"], "yinfa: 端口号无效：99999", "yinfa: bad port 99999"],
      [["user", "add", "--role", "viewer", "--db", db], "yinfa: 请用 --username 指定用户名", "yinfa: --username is required"],
      [
        ["user", "add", "--username", "u", "--role", "viewer", "--db", db],
        "yinfa: 请用 --password 或环境变量 YINFA_PASSWORD 给出密码",
        "yinfa: give --password or set YINFA_PASSWORD"
      ],
      // node:util parseArgs's own errors, in the language argv asks for although it did not parse.
      [["serve", "--nope"], "yinfa: 未知选项：--nope", "yinfa: unknown option --nope"],
      [["migrate", "--db"], "yinfa: 选项 --db 缺少取值", "yinfa: option --db needs a value"]
    ]
    const runs = await Promise.all(cases.flatMap(([args]) => [yinfa(...args), yinfa(...args, "--locale", "en")]))
    cases.forEach(([args, zh, en], i) => {
      expect(usageError(runs[2 * i]!, "zh-CN"), args.join(" ")).toBe(zh)
      expect(usageError(runs[2 * i + 1]!, "en"), args.join(" ")).toBe(en)
    })
  })

  it("an import/export command's parse error and usage error, through the main CLI and its import worker", {
    timeout: 120_000
  }, async () => {
    const db = join(dir, "import-export.db")
    const [zhOption, enOption, zhFile, enFile] = await Promise.all([
      yinfa("export", "volunteers", "--nope", "--db", db),
      yinfa("export", "volunteers", "--nope", "--db", db, "--locale", "en"),
      yinfa("import", "volunteers", "--db", db),
      yinfa("import", "volunteers", "--db", db, "--locale", "en")
    ])
    for (const ran of [zhOption, enOption, zhFile, enFile]) {
      expect(ran.code, ran.stderr).toBe(2)
      expect(ran.stdout).toBe("")
    }
    expect(zhOption.stderr).toMatch(/^yinfa: 未知选项：--nope\n\n {2}yinfa import volunteers /)
    expect(zhOption.stderr).toContain("  （不加 --as 时，以系统市级管理员身份执行）\n")
    expect(zhOption.stderr).toContain("各命令均可加 --locale en 改用英文输出")
    expect(enOption.stderr).toMatch(/^yinfa: unknown option --nope\n\n {2}yinfa import volunteers /)
    expect(enOption.stderr).toContain("  (without --as the command runs as the system city administrator)\n")
    expect(enOption.stderr).not.toMatch(CJK)
    expect(zhFile.stderr).toMatch(/^yinfa: 请指定要导入的文件\n\n/)
    expect(enFile.stderr).toMatch(/^yinfa: give the file to import\n\n/)
    expect(enFile.stderr).not.toMatch(CJK)
  })

  it("migrate and user add print their lines in the chosen language", { timeout: 180_000 }, async () => {
    const zhDb = join(dir, "zh.db")
    const enDb = join(dir, "en.db")
    const [zhFirst, enFirst] = await Promise.all([yinfa("migrate", "--db", zhDb), yinfa("migrate", "--db", enDb, "--locale", "en")])
    expect(zhFirst, zhFirst.stderr).toMatchObject({ code: 0, stderr: "" })
    expect(zhFirst.stdout).toMatch(/^已执行迁移：\S+(, \S+)*\n$/)
    expect(enFirst, enFirst.stderr).toMatchObject({ code: 0, stderr: "" })
    expect(enFirst.stdout).toMatch(/^Applied: \S+(, \S+)*\n$/)

    /** `yinfa user add` of "clerk" with a password from the environment, on `db`, with extra arguments. */
    const addClerk = (role: string, db: string, ...extra: Array<string>) =>
      yinfaWith({ YINFA_PASSWORD: "clerk-password-1" }, "user", "add", "--username", "clerk", "--role", role, "--db", db, ...extra)
    const [zhAgain, enAgain, zhUser, enUser] = await Promise.all([
      yinfa("migrate", "--db", zhDb),
      yinfa("migrate", "--locale", "en", "--db", enDb),
      addClerk("city-admin", zhDb),
      addClerk("viewer", enDb, "--locale", "en")
    ])
    expect(zhAgain).toEqual({ code: 0, stdout: `数据库已是最新（SQLite ${zhDb}）。\n`, stderr: "" })
    expect(enAgain).toEqual({ code: 0, stdout: `Up to date (SQLite ${enDb}).\n`, stderr: "" })
    expect(zhUser).toEqual({ code: 0, stdout: "已添加用户 clerk（市级管理员）。\n", stderr: "" })
    expect(enUser).toEqual({ code: 0, stdout: "Added clerk (Viewer).\n", stderr: "" })

    // A refusal of the core reads in the same language, after the catalogue's lead-in; exit 2 as before.
    const [zhTaken, enTaken] = await Promise.all([addClerk("viewer", zhDb), addClerk("viewer", enDb, "--locale", "en")])
    expect(usageError(zhTaken, "zh-CN")).toMatch(/^yinfa: 未能添加用户：.*\p{Script=Han}/u)
    expect(usageError(enTaken, "en")).toMatch(/^yinfa: could not add the user: [^\u4e00-\u9fff]+$/)
  })
})

describe("parseArgsMessage", () => {
  const error = (code: string, message: string) => Object.assign(new TypeError(message), { code })

  it("names the option of the codes it knows, and keeps Node's message otherwise", () => {
    const unknown = error(
      "ERR_PARSE_ARGS_UNKNOWN_OPTION",
      "Unknown option '--nope'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--nope\""
    )
    expect(parseArgsMessage(unknown, "zh-CN")).toBe("未知选项：--nope")
    expect(parseArgsMessage(unknown, "en")).toBe("unknown option --nope")
    const missing = error("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", "Option '--port <value>' argument missing")
    expect(parseArgsMessage(missing, "zh-CN")).toBe("选项 --port 缺少取值")
    const ambiguous = error(
      "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
      "Option '--db' argument is ambiguous.\nDid you forget to specify the option argument for '--db'?\nTo specify an option argument starting with a dash use '--db=-XYZ'."
    )
    expect(parseArgsMessage(ambiguous, "en")).toBe("option --db needs a value")
    const noValue = error("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", "Option '-h, --help' does not take an argument")
    expect(parseArgsMessage(noValue, "en")).toBe("option --help takes no value")
    const positional = error(
      "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL",
      "Unexpected argument 'extra'. This command does not take positional arguments"
    )
    expect(parseArgsMessage(positional, "zh-CN")).toBe("多余的参数：extra")
    expect(parseArgsMessage(positional, "en")).toBe("unexpected argument extra")
    const other = error("ERR_SOMETHING_NEW", "Something new about '--x'")
    expect(parseArgsMessage(other, "zh-CN")).toBe("Something new about '--x'")
  })
})
