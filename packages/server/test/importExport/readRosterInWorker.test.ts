import { describe, expect, it } from "@effect/vitest"
import { type DomainError, localizeError, Q, Store, type StoreService } from "@yinfa/core"
import { Effect } from "effect"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"
import { readRoster } from "../../src/importExport/parseRoster.js"
import { DEFAULT_READER_HEAP_MB, readerHeapMb, readRosterInWorker, rosterWorkerEntry } from "../../src/importExport/readRosterInWorker.js"
import { serverModuleUrl } from "../../src/moduleWorker.js"
import { as, atMarch20, cityAdmin, declaringSize, HEADER, person, testLayer, xlsx } from "./support.js"

/**
 * A large roster is read in a worker thread; these tests force the worker on small files and
 * hold it to the same rows, header, refusals and reports as the reader in the import's own thread.
 */
const volunteersStored = Effect.flatMap(Store, (store) =>
  Effect.map(store.list("volunteers", Q.all([], [{ field: "name", order: "ASC" }])), (r) => r.rows)
)

const rosterWithProblems = () =>
  xlsx([
    [...HEADER, "备注"],
    ...Array.from({ length: 1_203 }, (_, i) => [...person(i + 1), "x"]),
    person(1_204, { 出生日期: "1958-13-45" }),
    person(1_205, { 是否党员: "也许" })
  ])

const collect = async <A>(rows: AsyncIterable<A>) => {
  const out: Array<A> = []
  for await (const row of rows) out.push(row)
  return out
}

describe("reading a roster in a worker thread", () => {
  it.effect("gives the same rows and header as reading in this thread, over several batches", () =>
    Effect.gen(function* () {
      const store = yield* Store
      const regions = (yield* store.list("regions", Q.all())).rows
      const bytes = yield* Effect.promise(rosterWithProblems)
      const context = { regions, utcOffsetMinutes: 480, locale: "en" as const }
      const headers: Array<unknown> = []
      const here = yield* Effect.promise(() => collect(readRoster({ bytes }, context, (h) => headers.push(h))))
      const there = yield* Effect.promise(() => collect(readRosterInWorker({ bytes }, context, (h) => headers.push(h))))
      expect(there).toHaveLength(1_205)
      expect(there).toEqual(here)
      expect(headers).toHaveLength(2)
      expect(headers[1]).toEqual(headers[0])
      expect((headers[0] as { ignored: Array<string> }).ignored).toEqual(["备注"])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("an import reads the same report and stores the same records either way", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(rosterWithProblems)
      // Each into a fresh store.
      const importing = (readInWorker: boolean) =>
        Effect.gen(function* () {
          const report = yield* importVolunteers({ bytes }, { mode: "valid-only", readInWorker }).pipe(as(cityAdmin))
          const stored = (yield* volunteersStored).map((v) => [v.name, v.idNumber, v.regionCode, v.expertise, v.consentAt])
          return { report, stored }
        }).pipe(Effect.provide(testLayer()))
      const inThread = yield* importing(false)
      const inWorker = yield* importing(true)
      expect(inWorker.report).toEqual(inThread.report)
      // person(n) repeats its ID number every 450 rows: the rest are duplicates within the file,
      // found across the reader's batches as in one thread.
      expect(inWorker.report).toMatchObject({ rows: 1_205, written: 450, ignoredColumns: ["备注"] })
      const byKey = (key: string) => inWorker.report.issues.filter((i) => i.key === key).length
      expect(byKey("import.duplicateInFile")).toBe(1_205 - 450)
      expect(inWorker.report.issues.filter((i) => i.key !== "import.duplicateInFile").map((i) => [i.row, i.column])).toEqual([
        [1_205, "出生日期"],
        [1_206, "是否党员"]
      ])
      expect(inWorker.stored).toHaveLength(450)
      expect(inWorker.stored).toEqual(inThread.stored)
    })
  )

  it.effect("refuses a hostile or broken file with the same file-level error", () =>
    Effect.gen(function* () {
      const refuse = (bytes: Uint8Array) =>
        importVolunteers({ bytes }, { readInWorker: true }).pipe(
          as(cityAdmin),
          Effect.flip,
          Effect.map((e) => e as unknown)
        )
      const bomb = declaringSize(yield* Effect.promise(() => xlsx([HEADER, person(1)])), "xl/sharedStrings.xml", 0x7fffffff)
      expect(yield* refuse(bomb)).toMatchObject({
        _tag: "ValidationError",
        issues: [{ path: "file", key: "import.partTooLarge", params: { mb: 128 } }]
      })
      expect(yield* refuse(new Uint8Array())).toMatchObject({ _tag: "ValidationError", issues: [{ key: "import.emptySheet" }] })
      const region = HEADER.indexOf("所属辖区")
      const withoutRegion = <A>(cells: ReadonlyArray<A>) => cells.filter((_, i) => i !== region)
      const noRegion = yield* Effect.promise(() => xlsx([withoutRegion(HEADER), withoutRegion(person(1))]))
      expect(yield* refuse(noRegion)).toMatchObject({ _tag: "ValidationError", issues: [{ path: "file", key: "import.missingHeaders" }] })
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a reader that outgrows its heap bound refuses the file, naming the bound and the variable", () =>
    Effect.gen(function* () {
      const bytes = yield* Effect.promise(rosterWithProblems)
      const refused = yield* importVolunteers({ bytes }, { readInWorker: true, readerHeapMb: 4 }).pipe(as(cityAdmin), Effect.flip)
      expect(refused).toMatchObject({
        _tag: "ValidationError",
        issues: [{ path: "file", key: "import.readerOutOfMemory", params: { mb: 4 } }]
      })
      expect(localizeError(refused as DomainError, "zh-CN").message).toContain("YINFA_IMPORT_READER_HEAP_MB")
      expect(yield* volunteersStored).toEqual([])
    }).pipe(Effect.provide(testLayer()))
  )

  it("finds the reader's module from the sources or the build, and says when there is none", () => {
    expect(rosterWorkerEntry()).toMatch(/\/packages\/server\/src\/importExport\/rosterWorker\.ts$/)
    // From a bundled chunk (dist/chunk-….js) the module is the build's own entry.
    const chunk = new URL("../../dist/chunk-ABCDEF.js", import.meta.url).href
    expect(serverModuleUrl("importExport/rosterWorker", chunk)).toMatch(/\/packages\/server\/dist\/importExport\/rosterWorker\.js$/)
    // Outside the server package (bundled into another program) there is nothing to find.
    expect(() => serverModuleUrl("importExport/rosterWorker", "file:///nowhere/bundle.js")).toThrow(/@yinfa\/server/)
  })

  it("reads its bound from YINFA_IMPORT_READER_HEAP_MB, 0 for none, the default otherwise", () => {
    expect(readerHeapMb({})).toBe(DEFAULT_READER_HEAP_MB)
    expect(readerHeapMb({ YINFA_IMPORT_READER_HEAP_MB: "256" })).toBe(256)
    expect(readerHeapMb({ YINFA_IMPORT_READER_HEAP_MB: "0" })).toBe(0)
    expect(readerHeapMb({ YINFA_IMPORT_READER_HEAP_MB: "lots" })).toBe(DEFAULT_READER_HEAP_MB)
  })

  it.effect("an import that dies mid-way ends the reader thread and leaves nothing", () => {
    let batches = 0
    const dying = (store: StoreService): StoreService => ({
      ...store,
      insertMany: (resource, rows) =>
        resource === "volunteers" && ++batches === 2 ? Effect.die(new Error("disk gone")) : store.insertMany(resource, rows)
    })
    return Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(rosterWithProblems)
      const exit = yield* importVolunteers({ bytes }, { readInWorker: true, batchSize: 100 }).pipe(as(cityAdmin), Effect.exit)
      expect(exit._tag).toBe("Failure")
      expect(yield* volunteersStored).toEqual([])
    }).pipe(Effect.provide(testLayer(dying)))
  })
})
