import { describe, expect, it } from "vitest"
import { DEFAULT_IMPORT_HEAP_MB, importHeapMb } from "../src/cli/boundedWorker.js"

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
