import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, ManagedRuntime } from "effect"
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
      // The column is the file's own header, as the clerk sees it in the sheet.
      expect(rolledBack.stdout).toBe(
        '3 rows, 1 with errors: nothing was imported because other rows have errors (or choose "import valid rows only")\n' +
          '  row 3 [出生日期] date "不详" not recognised; write e.g. 2021-03-08\n'
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

      const template = join(dir, "en-template.xlsx")
      expect(await cli("template", "attendance", "--out", template, "--locale", "en")).toEqual({
        code: 0,
        stdout: `Template saved: ${template}\n`,
        stderr: ""
      })

      const prefix = join(dir, "en-pack")
      const pack = await cli("report-pack", "--from", "2026-01-01", "--to", "2026-03-31", "--out", prefix, "--locale", "en")
      expect(pack).toEqual({ code: 0, stdout: `Generated ${prefix}.xlsx and ${prefix}.html\n`, stderr: "" })
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
