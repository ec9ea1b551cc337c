import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, ManagedRuntime } from "effect"
import ExcelJS from "exceljs"
import { afterAll, describe, expect, it } from "vitest"
import { runImportExportCommand } from "../../src/importExport/cli.js"
import { HEADER, person, testLayer, xlsx } from "./support.js"

/**
 * The CLI's own lines (progress, report rows, saved files, exports, refused options) come from
 * the catalogues: Chinese by default, word for word as before, and English with `--locale en`.
 */
const dir = mkdtempSync(join(tmpdir(), "yinfa-cli-lines-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A fresh memory store with the regions, and a CLI over it whose output is kept. */
const session = () => {
  const runtime = ManagedRuntime.make(testLayer())
  // A live runtime, as the CLI has: the real clock (consent dates in 2021 are in the past).
  const run = <A, E>(effect: Effect.Effect<A, E, any>) => runtime.runPromise(effect as Effect.Effect<A, E, never>)
  let out: Array<string> = []
  let err: Array<string> = []
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }
  return {
    /** Runs one command; its exit code with what it printed (this command's output only). */
    cli: async (...args: Array<string>) => {
      out = []
      err = []
      const code = await runImportExportCommand(args, run, io)
      return { code, stdout: out.join(""), stderr: err.join("") }
    },
    dispose: () => runtime.dispose()
  }
}

/** Three Tinghu volunteers, the second with a birth date no one can read. */
const rosterWithBadRow = async (name: string) => {
  const file = join(dir, name)
  writeFileSync(file, await xlsx([HEADER, person(1), person(2, { 出生日期: "不详" }), person(3)]))
  return file
}

/** 52 rows, each with an unreadable birth date: more problems than the terminal shows. */
const rosterAllBad = async (name: string) => {
  const file = join(dir, name)
  const rows = Array.from({ length: 52 }, (_, i) => person(i + 10, { 出生日期: "不详" }))
  writeFileSync(file, await xlsx([HEADER, ...rows]))
  return file
}

const CJK = /[\u4e00-\u9fff]/

describe("yinfa import/export lines, Chinese by default", () => {
  it("import report, progress, saved report, export, template and report pack read as before", async () => {
    const { cli, dispose } = session()
    try {
      const roster = await rosterWithBadRow("zh-roster.xlsx")
      const reportFile = join(dir, "zh-report.xlsx")
      const rolledBack = await cli("import", "volunteers", roster, "--report", reportFile)
      expect(rolledBack.code).toBe(1)
      expect(rolledBack.stdout).toBe(
        "共 3 行，其中 1 行有错误。因其他行有错误，全部未导入（可改用“仅导入正确行”）\n" +
          "  第 3 行 【出生日期】无法识别的日期“不详”，请填写如 2021-03-08\n"
      )
      expect(rolledBack.stderr).toMatch(/^ {2}已读取 3 行，已校验 3 行，已写入 \d 行\n/m)
      expect(rolledBack.stderr).toContain(`报告已保存：${reportFile}\n`)
      expect(existsSync(reportFile)).toBe(true)

      const partly = await cli("import", "volunteers", roster, "--valid-only")
      expect(partly.code).toBe(1)
      expect(partly.stdout).toContain("共 3 行，已导入 2 行，1 行有错误未导入。\n")
      expect(partly.stderr).toContain("  已读取 3 行，已校验 3 行，已写入 2 行\n")

      const many = await cli("import", "volunteers", await rosterAllBad("zh-many.xlsx"))
      expect(many.stdout.split("\n").filter((l) => l.startsWith("  第 "))).toHaveLength(50)
      expect(many.stdout).toContain("  ……另有 2 条，见 --report 导出的报告\n")

      const csv = join(dir, "zh-export.csv")
      const exported = await cli("export", "volunteers", "--format", "csv", "--out", csv)
      expect(exported).toEqual({ code: 0, stdout: `已导出 2 条：${csv}\n`, stderr: "" })

      const template = join(dir, "zh-template.xlsx")
      expect(await cli("template", "attendance", "--out", template)).toEqual({ code: 0, stdout: `模板已保存：${template}\n`, stderr: "" })

      const prefix = join(dir, "zh-pack")
      const pack = await cli("report-pack", "--from", "2026-01-01", "--to", "2026-03-31", "--out", prefix)
      expect(pack).toEqual({ code: 0, stdout: `已生成：${prefix}.xlsx、${prefix}.html\n`, stderr: "" })
    } finally {
      await dispose()
    }
  })

  it("a refused option reads as a sentence, not a message key", async () => {
    const { cli, dispose } = session()
    try {
      const json = await cli("export", "volunteers", "--filter", "{not json")
      expect(json.code).toBe(2)
      expect(json.stderr).toBe("yinfa: --filter: 参数 filter 不是有效的 JSON\n")

      // The field is named in Chinese, as the catalogue does elsewhere.
      const sort = await cli("export", "volunteers", "--sort", JSON.stringify(["idNumber", "ASC"]))
      expect(sort.code).toBe(2)
      expect(sort.stderr).toBe("yinfa: --sort: 参数 sort：字段“身份证号码”不能用于排序\n")
      expect(sort.stderr).not.toMatch(/http\.|\{/)
    } finally {
      await dispose()
    }
  })
})

describe("yinfa import/export lines with --locale en", () => {
  it("import report, progress, saved report, export, template and report pack are English", async () => {
    const { cli, dispose } = session()
    try {
      const roster = await rosterWithBadRow("en-roster.xlsx")
      const reportFile = join(dir, "en-report.xlsx")
      const rolledBack = await cli("import", "volunteers", roster, "--report", reportFile, "--locale", "en")
      expect(rolledBack.code).toBe(1)
      // The column is named in the report's language, whatever the sheet's; the cell's value as typed.
      expect(rolledBack.stdout).toBe(
        '3 rows, 1 with errors: nothing was imported because other rows have errors (or choose "import valid rows only")\n' +
          '  row 3 [Date of birth] date "不详" not recognised; write e.g. 2021-03-08\n'
      )
      expect(rolledBack.stderr).toMatch(/^ {2}3 rows read, 3 checked, \d written\n/m)
      expect(rolledBack.stderr).toContain(`Report saved: ${reportFile}\n`)
      expect(rolledBack.stderr).not.toMatch(CJK)

      const partly = await cli("import", "volunteers", roster, "--valid-only", "--locale", "en")
      expect(partly.stdout).toContain("3 rows, 2 imported, 1 with errors not imported.\n")
      expect(partly.stderr).toContain("  3 rows read, 3 checked, 2 written\n")

      const many = await cli("import", "volunteers", await rosterAllBad("en-many.xlsx"), "--locale", "en")
      expect(many.stdout.split("\n").filter((l) => l.startsWith("  row "))).toHaveLength(50)
      expect(many.stdout).toContain("  … and 2 more: see the report saved with --report\n")
      expect(many.stdout).not.toContain("另有")

      const csv = join(dir, "en-export.csv")
      const exported = await cli("export", "volunteers", "--format", "csv", "--out", csv, "--locale", "en")
      expect(exported).toEqual({ code: 0, stdout: `Exported 2 records: ${csv}\n`, stderr: "" })
      // The file itself speaks the command's language too.
      const exportedHeader = (await readFile(csv, "utf8")).replace(/^\ufeff/, "").split("\r\n")[0]
      expect(exportedHeader.split(",").slice(0, 3)).toEqual(["Volunteer number", "Name", "Gender"])

      const template = join(dir, "en-template.xlsx")
      expect(await cli("template", "attendance", "--out", template, "--locale", "en")).toEqual({
        code: 0,
        stdout: `Template saved: ${template}\n`,
        stderr: ""
      })
      const templateBook = new ExcelJS.Workbook()
      await templateBook.xlsx.readFile(template)
      expect(templateBook.worksheets[0].getRow(1).values).toContain("Volunteer number")

      const prefix = join(dir, "en-pack")
      const pack = await cli("report-pack", "--from", "2026-01-01", "--to", "2026-03-31", "--out", prefix, "--locale", "en")
      expect(pack).toEqual({ code: 0, stdout: `Generated ${prefix}.xlsx and ${prefix}.html\n`, stderr: "" })
      expect(await readFile(`${prefix}.html`, "utf8")).toContain('<html lang="en">')
    } finally {
      await dispose()
    }
  })

  it("a refused option reads as an English sentence", async () => {
    const { cli, dispose } = session()
    try {
      const json = await cli("export", "volunteers", "--filter", "{not json", "--locale", "en")
      expect(json.code).toBe(2)
      expect(json.stderr).toBe("yinfa: --filter: Parameter filter is not valid JSON\n")

      const sort = await cli("export", "volunteers", "--sort", JSON.stringify(["idNumber", "ASC"]), "--locale", "en")
      expect(sort.code).toBe(2)
      expect(sort.stderr).toBe('yinfa: --sort: Parameter sort: field "ID number" cannot be sorted on\n')
    } finally {
      await dispose()
    }
  })
})

/**
 * The usage after a usage error, and the error line itself (the command's own, or node:util
 * parseArgs's by its code), are catalogue text too: Chinese by default, English with `--locale en`
 * (also when argv did not parse). The synopses are syntax and stay as they are. Exit code 2.
 */
describe("yinfa import/export usage errors", () => {
  const ZH_USAGE_NOTE = "  （不加 --as 时，以系统市级管理员身份执行）\n"
  const EN_USAGE_NOTE = "  (without --as the command runs as the system city administrator)\n"
  const SYNOPSIS = "  yinfa import volunteers <file.xlsx|file.csv> [--region <name|code>]"

  /** The error line, after checking that what follows it is the usage, in `locale`. */
  const errorLine = (result: { code: number; stdout: string; stderr: string }, locale: "zh-CN" | "en") => {
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    const cut = result.stderr.indexOf("\n\n")
    const usage = result.stderr.slice(cut + 2)
    expect(usage.startsWith(SYNOPSIS)).toBe(true)
    if (locale === "zh-CN") {
      expect(usage).toContain(ZH_USAGE_NOTE)
      expect(usage).toMatch(/\n {2}各命令均可加 --locale en 改用英文输出，默认为中文。\n$/)
      expect(usage).not.toContain("without --as")
    } else {
      expect(usage).toContain(EN_USAGE_NOTE)
      expect(usage).toMatch(/\n {2}Every command takes --locale en to print in English; Chinese is the default\.\n$/)
      expect(result.stderr).not.toMatch(CJK)
    }
    return result.stderr.slice(0, cut)
  }

  const CASES: ReadonlyArray<readonly [ReadonlyArray<string>, string, string]> = [
    [
      ["import", "people", "x.xlsx"],
      "yinfa: 请指明导入志愿者名册还是出勤记录：import volunteers|attendance <文件>",
      "yinfa: say what to import: import volunteers|attendance <file>"
    ],
    [["import", "volunteers"], "yinfa: 请指定要导入的文件", "yinfa: give the file to import"],
    [["export", "secrets"], "yinfa: 不支持导出“secrets”", 'yinfa: cannot export "secrets"'],
    [["export", "volunteers", "--format", "pdf"], "yinfa: --format 只能是 xlsx 或 csv", "yinfa: --format is xlsx or csv"],
    [
      ["certificate"],
      "yinfa: 请指定志愿者编号或 id：certificate <志愿者编号或 id>",
      "yinfa: say which volunteer: certificate <volunteer id or number>"
    ],
    [
      ["template", "pairings"],
      "yinfa: 请指明模板：template volunteers|attendance",
      "yinfa: say which template: template volunteers|attendance"
    ],
    [["report-pack", "--from", "2026-01-01"], "yinfa: 请用 --from 和 --to 指定报表期间", "yinfa: report-pack needs --from and --to"],
    [["frobnicate"], "yinfa: 未知命令：frobnicate", "yinfa: unknown command frobnicate"],
    [["export", "volunteers", "--as", "ghost"], "yinfa: 没有用户名为“ghost”的在用账号", 'yinfa: no active user "ghost"'],
    // node:util parseArgs's own errors, by their code.
    [["export", "volunteers", "--nope"], "yinfa: 未知选项：--nope", "yinfa: unknown option --nope"],
    [["export", "volunteers", "-x"], "yinfa: 未知选项：-x", "yinfa: unknown option -x"],
    [["export", "volunteers", "--reveal=yes"], "yinfa: 选项 --reveal 不带取值", "yinfa: option --reveal takes no value"]
  ]

  it("Chinese by default", async () => {
    const { cli, dispose } = session()
    try {
      for (const [args, zh] of CASES) expect(errorLine(await cli(...args), "zh-CN"), args.join(" ")).toBe(zh)
      // A value-taking option at the end of argv has no value.
      expect(errorLine(await cli("export", "volunteers", "--out"), "zh-CN")).toBe("yinfa: 选项 --out 缺少取值")
    } finally {
      await dispose()
    }
  })

  it("English with --locale en, before or after the error, also when argv does not parse", async () => {
    const { cli, dispose } = session()
    try {
      for (const [args, , en] of CASES) {
        expect(errorLine(await cli(...args, "--locale", "en"), "en"), args.join(" ")).toBe(en)
        expect(errorLine(await cli("--locale=en", ...args), "en"), args.join(" ")).toBe(en)
      }
      expect(errorLine(await cli("export", "volunteers", "--locale", "en", "--out"), "en")).toBe("yinfa: option --out needs a value")
    } finally {
      await dispose()
    }
  })
})
