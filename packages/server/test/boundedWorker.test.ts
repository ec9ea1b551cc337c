import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, describe, expect, it, vi } from "vitest"
import { argvLocale, DEFAULT_IMPORT_HEAP_MB, importHeapMb, outOfMemoryMessage, runInBoundedWorker } from "../src/cli/boundedWorker.js"

describe("importHeapMb (YINFA_IMPORT_HEAP_MB)", () => {
  it("takes a whole number of MB, 0 meaning no bound", () => {
    expect(importHeapMb({ YINFA_IMPORT_HEAP_MB: "256" })).toBe(256)
    expect(importHeapMb({ YINFA_IMPORT_HEAP_MB: " 0 " })).toBe(0)
  })

  it("falls back to the default when unset, blank or not a whole non-negative number", () => {
    for (const raw of [undefined, "", "  ", "-1", "1.5", "lots"])
      expect(importHeapMb(raw === undefined ? {} : { YINFA_IMPORT_HEAP_MB: raw })).toBe(DEFAULT_IMPORT_HEAP_MB)
    expect(DEFAULT_IMPORT_HEAP_MB).toBeGreaterThan(0)
  })
})

describe("the out-of-memory message", () => {
  it("is in the locale argv asks for, Chinese otherwise", () => {
    expect(argvLocale(["import", "volunteers", "a.xlsx", "--locale", "en"])).toBe("en")
    expect(argvLocale(["import", "volunteers", "a.xlsx", "--locale=en"])).toBe("en")
    expect(argvLocale(["import", "volunteers", "a.xlsx"])).toBe("zh-CN")
    expect(argvLocale(["import", "volunteers", "a.xlsx", "--locale", "fr"])).toBe("zh-CN")
    expect(argvLocale(["import", "volunteers", "--", "--locale", "en"])).toBe("zh-CN")
  })

  it("names the bound and YINFA_IMPORT_HEAP_MB, in one language", async () => {
    const zh = await outOfMemoryMessage(4)
    expect(zh).toBe(
      "yinfa: 导入所需内存超过 4 MB 的上限，未完成（全部成功才写入的模式下没有写入任何数据）。可用环境变量 YINFA_IMPORT_HEAP_MB 提高上限，0 表示不设上限。\n"
    )
    const en = await outOfMemoryMessage(256, "en")
    expect(en).toBe(
      "yinfa: the import needed more than 256 MB and did not finish (all-or-nothing mode wrote nothing). Raise the bound with YINFA_IMPORT_HEAP_MB; 0 removes it.\n"
    )
  })

  describe("from a worker that outgrows its bound", () => {
    const dir = mkdtempSync(join(tmpdir(), "yinfa-oom-"))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const greedy = join(dir, "greedy.mjs")
    writeFileSync(greedy, "const keep = []\nfor (;;) keep.push(new Array(100_000).fill({ a: 1 }))\n")

    const stderrOf = async (argv: ReadonlyArray<string>) => {
      const written: Array<string> = []
      const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk))
        return true
      })
      try {
        const code = await runInBoundedWorker(pathToFileURL(greedy).href, argv, 4)
        return { code, stderr: written.join("") }
      } finally {
        spy.mockRestore()
      }
    }

    it("is written before the exit code is answered, in English with --locale en", { timeout: 30_000 }, async () => {
      const en = await stderrOf(["import", "volunteers", "a.xlsx", "--locale", "en"])
      expect(en.code).not.toBe(0)
      expect(en.stderr).toBe(await outOfMemoryMessage(4, "en"))
      const zh = await stderrOf(["import", "volunteers", "a.xlsx"])
      expect(zh.code).not.toBe(0)
      expect(zh.stderr).toBe(await outOfMemoryMessage(4, "zh-CN"))
    })
  })
})
