import { describe, expect, it } from "@effect/vitest"
import { type DomainError, localizeError, Q, Store, type StoreService } from "@yinfa/core"
import ExcelJS from "exceljs"
import { Effect } from "effect"
import { type ImportProgress } from "../../src/importExport/importDriver.js"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"
import { readRoster } from "../../src/importExport/parseRoster.js"
import { reportWorkbook } from "../../src/importExport/reportWorkbook.js"
import { rosterTemplate } from "../../src/importExport/template.js"
import {
  as,
  atMarch20,
  cityAdmin,
  declaringSize,
  HEADER,
  person,
  ROSTER_HEADERS,
  residentId,
  testLayer,
  tinghuAdmin,
  viewer,
  xlsx
} from "./support.js"

const counts = Effect.gen(function* () {
  const store = yield* Store
  return {
    volunteers: (yield* store.list("volunteers", Q.all())).total,
    audit: (yield* store.list("audit-log", Q.all())).total
  }
})

const stored = Effect.gen(function* () {
  const store = yield* Store
  return (yield* store.list("volunteers", Q.all([], [{ field: "name", order: "ASC" }]))).rows
})

const fileIssue = (e: unknown) =>
  (e as { issues: ReadonlyArray<{ path: string; key: string; params?: Record<string, unknown> }> }).issues[0]

/** Text encoded as GBK, built from the platform's own GBK decoder (no encoder library needed). */
const gbk = (() => {
  let table: Map<string, Array<number>> | null = null
  return (text: string): Uint8Array => {
    if (table === null) {
      table = new Map()
      const decoder = new TextDecoder("gbk")
      for (let lead = 0x81; lead <= 0xfe; lead++)
        for (let trail = 0x40; trail <= 0xfe; trail++) {
          if (trail === 0x7f) continue
          const ch = decoder.decode(new Uint8Array([lead, trail]))
          if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [lead, trail])
        }
    }
    const out: Array<number> = []
    for (const ch of text) {
      const code = ch.codePointAt(0) as number
      if (code < 0x80) out.push(code)
      else {
        const bytes = table.get(ch)
        if (!bytes) throw new Error(`no GBK code for ${ch}`)
        out.push(...bytes)
      }
    }
    return new Uint8Array(out)
  }
})()

const csvLine = (cells: ReadonlyArray<unknown>) => cells.map((c) => (c === undefined || c === null ? "" : String(c))).join(",")

describe("volunteer import: reading files", () => {
  it.effect("the template has every roster header, an instruction sheet, and imports as an empty sheet", () =>
    Effect.gen(function* () {
      const store = yield* Store
      const regions = (yield* store.list("regions", Q.all())).rows
      const bytes = yield* Effect.promise(() => rosterTemplate(regions))
      const workbook = new ExcelJS.Workbook()
      yield* Effect.promise(() => workbook.xlsx.load(Buffer.from(bytes) as never))
      const headers = (workbook.getWorksheet("志愿者名册")!.getRow(1).values as Array<unknown>).slice(1)
      expect(headers).toEqual(ROSTER_HEADERS)
      const guide = workbook.getWorksheet("说明")
      const explained = guide?.getColumn(1).values.slice(2) ?? []
      for (const h of headers) expect(explained).toContain(h)
      expect(String(guide?.getRow(7).getCell(3).value)).toContain("亭湖区")
      const refused = yield* importVolunteers({ bytes }).pipe(as(cityAdmin), Effect.flip)
      expect(fileIssue(refused)).toMatchObject({ path: "file", key: "import.emptySheet" })
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("refuses what is not a spreadsheet, old .xls, unknown encodings, missing headers and empty sheets, clearly", () =>
    Effect.gen(function* () {
      const refuse = (bytes: Uint8Array) => importVolunteers({ bytes }).pipe(as(cityAdmin), Effect.flip, Effect.map(fileIssue))
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0])
      expect(yield* refuse(png)).toMatchObject({ key: expect.stringMatching(/^import\.(notSpreadsheet|encoding)$/) })
      expect(yield* refuse(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatchObject({
        key: "import.legacyXls"
      })
      expect(yield* refuse(new Uint8Array([0xff, 0xff, 0xfe, 0xff, 0x41, 0x42, 0x0a]))).toMatchObject({ key: "import.encoding" })
      expect(yield* refuse(new Uint8Array())).toMatchObject({ key: "import.emptySheet" })
      const zipNotXlsx = yield* Effect.promise(async () => {
        const { default: JSZip } = await import("jszip")
        const zip = new JSZip()
        zip.file("word/document.xml", "<w:document/>")
        return new Uint8Array(await zip.generateAsync({ type: "uint8array" }))
      })
      expect(yield* refuse(zipNotXlsx)).toMatchObject({ key: expect.stringMatching(/^import\.(notSpreadsheet|badWorkbook)$/) })
      // A roster whose shared strings claim 2 GB once decompressed (a zip bomb's claim): refused before reading them.
      const bomb = declaringSize(yield* Effect.promise(() => xlsx([HEADER, person(1)])), "xl/sharedStrings.xml", 0x7fffffff)
      const inflated = yield* importVolunteers({ bytes: bomb }).pipe(as(cityAdmin), Effect.flip)
      expect(fileIssue(inflated)).toMatchObject({ key: "import.partTooLarge", params: { mb: 128 } })
      expect(localizeError(inflated as DomainError, "zh-CN").message).toContain("解压后超过 128 MB")

      // A CSV whose second record never ends: refused at 64 KB, not gathered whole.
      const endless = new TextEncoder().encode(`${HEADER.join(",")}\n王建国,"${"很长".repeat(50_000)}`)
      expect(yield* refuse(endless)).toMatchObject({ key: "import.csvRecordTooLong", params: { row: 2, kb: 64 } })

      const letter = new TextEncoder().encode("尊敬的领导：\n您好！这是一封信，不是名册。\n")
      const noHeaders = yield* refuse(letter)
      expect(noHeaders).toMatchObject({ key: "import.missingHeaders" })

      const partial = yield* refuse(
        yield* Effect.promise(() =>
          xlsx([
            ["姓名", "性别", "电话号码"],
            ["王建国", "男", "13805101234"]
          ])
        )
      )
      expect(partial).toMatchObject({ key: "import.missingHeaders", params: { columns: "出生日期, 所属辖区, 同意时间" } })
      // The message names the missing columns in Chinese.
      const refusal = yield* importVolunteers({ bytes: yield* Effect.promise(() => xlsx([["姓名", "性别"]])) }).pipe(
        as(cityAdmin),
        Effect.flip
      )
      expect(localizeError(refusal as never, "zh-CN").message).toContain("出生日期、所属辖区、同意时间")

      const headerOnly = yield* refuse(yield* Effect.promise(() => xlsx([HEADER, [], []])))
      expect(headerOnly).toMatchObject({ key: "import.emptySheet" })
      const twice = yield* refuse(yield* Effect.promise(() => xlsx([[...HEADER, "身份证号"], person(1)])))
      expect(twice).toMatchObject({ key: "import.duplicateHeader", params: { column: "身份证号" } })
      expect(yield* counts).toEqual({ volunteers: 0, audit: 0 })
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect(
    "reads hostile workbooks: title rows, merged and multi-line headers, synonyms, formulas, serial and text dates, full-width digits",
    () =>
      Effect.gen(function* () {
        yield* atMarch20
        const id1 = residentId("320902", "19580312", "001")
        const id2 = residentId("320902", "19600701", "002")
        const id3 = residentId("320902", "19550101", "003")
        const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
        const bytes = yield* Effect.promise(() =>
          xlsx([], (sheet) => {
            // A merged title row above the header, and a group header merged over two rows.
            sheet.addRow(["亭湖区离退休干部志愿者花名册"])
            sheet.mergeCells("A1:J1")
            sheet.addRow(["姓 名 ", "性别", "出生\n年月", "证件号码", "手机号", "基本信息", null, "是否党员", "同意时间", "专长"])
            sheet.addRow([null, null, null, null, null, "所属辖区", "原单位", null, null, null])
            sheet.mergeCells("A2:A3")
            sheet.mergeCells("F2:G2")
            sheet.addRow([
              { formula: 'CONCATENATE("王","建国")', result: "王建国" },
              "男",
              new Date(Date.UTC(1958, 2, 12)),
              ` ${fullWidth(id1)} `,
              "１３８０５１０１２３４",
              "亭湖区 ",
              "亭湖区农业农村局  ",
              "是",
              "2021年3月8日",
              "农业科技（30年）、法律/调解"
            ])
            sheet.addRow(["李秀英", "女", 22098, id2.toLowerCase().replace("x", "x"), "139 0510 5678", "亭湖", "", "否", 44263, ""])
            sheet.addRow([null, null, null, null, null, null, null, null, null, null])
            sheet.addRow([
              "张明",
              "",
              "",
              id3,
              { formula: '"1370510"&"8888"', result: "13705108888" },
              "320902",
              "",
              "",
              "20210308",
              "党史宣讲:12"
            ])
            sheet.getCell("C4").numFmt = "yyyy-mm-dd"
          })
        )
        const report = yield* importVolunteers({ bytes }).pipe(as(cityAdmin))
        expect(report.issues).toEqual([])
        expect(report).toMatchObject({ rows: 3, valid: 3, written: 3, committed: true })
        const rows = yield* stored
        const byName = new Map(rows.map((v) => [v.name, v]))
        expect(byName.get("王建国")).toMatchObject({
          gender: "male",
          birthDate: "1958-03-12",
          idNumber: id1,
          phone: "13805101234",
          regionCode: "320902",
          formerUnit: "亭湖区农业农村局",
          partyMember: true,
          expertise: ["agri-tech", "law-mediation"],
          expertiseYears: { "agri-tech": 30 },
          // 2021-03-08 in Yancheng.
          consentAt: "2021-03-07T16:00:00.000Z"
        })
        expect(byName.get("李秀英")).toMatchObject({
          gender: "female",
          birthDate: "1960-07-01",
          idNumber: id2,
          phone: "13905105678",
          partyMember: false,
          consentAt: "2021-03-07T16:00:00.000Z"
        })
        // Gender and birth date come from the ID number when left blank.
        expect(byName.get("张明")).toMatchObject({
          gender: "male",
          birthDate: "1955-01-01",
          phone: "13705108888",
          expertise: ["party-history"],
          expertiseYears: { "party-history": 12 }
        })
        expect(rows.every((v) => /^YC\d{10}$/.test(v.volunteerNumber))).toBe(true)
      }).pipe(Effect.provide(testLayer()))
  )

  it.effect("CSV: UTF-8 with BOM, GBK detected and imported, and a file in neither refused", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const lines = [
        csvLine(HEADER),
        csvLine(person(1)),
        csvLine(person(2, { 姓名: "钱钟书", 服务意向: "讲好党的故事、培育时代新人" }))
      ].join("\r\n")
      const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(lines)])
      const first = yield* importVolunteers({ bytes: utf8 }).pipe(as(cityAdmin))
      expect(first).toMatchObject({ rows: 2, written: 2, issues: [] })

      const gbkLines = [csvLine(HEADER), csvLine(person(3, { 姓名: "孙丽华", 性别: "女", 原单位: "盐城市教育局" }))].join("\r\n")
      const second = yield* importVolunteers({ bytes: gbk(gbkLines) }).pipe(as(cityAdmin))
      expect(second).toMatchObject({ rows: 1, written: 1, issues: [] })
      const names = (yield* stored).map((v) => v.name)
      expect(names).toContain("孙丽华")
      expect((yield* stored).find((v) => v.name === "孙丽华")?.formerUnit).toBe("盐城市教育局")
      expect((yield* stored).find((v) => v.name === "钱钟书")?.interests).toEqual(["party-story", "new-generation"])

      // Bytes that are neither GBK nor UTF-8, in the first block or far into the file (past the
      // sample the encoding is guessed from, after rows were already written in the transaction).
      const before = yield* counts
      const early = new Uint8Array([...gbk(`${csvLine(HEADER)}\r\n`), ...gbk(csvLine(person(4))), 0xff, 0xff, 0x0d, 0x0a])
      expect(fileIssue(yield* importVolunteers({ bytes: early }).pipe(as(cityAdmin), Effect.flip))).toMatchObject({
        path: "file",
        key: "import.encoding"
      })
      const many = Array.from({ length: 900 }, (_, i) => csvLine(person(i + 10, { 姓名: `赵钱孙${i}` }))).join("\r\n")
      const late = new Uint8Array([...gbk(`${csvLine(HEADER)}\r\n${many}\r\n`), 0x41, 0xff, 0xff, 0x0d, 0x0a])
      expect(late.length).toBeGreaterThan(96 * 1024)
      const refused = yield* importVolunteers({ bytes: late }, { batchSize: 100 }).pipe(as(cityAdmin), Effect.flip)
      expect(fileIssue(refused)).toMatchObject({ path: "file", key: "import.encoding" })
      expect(yield* counts).toEqual(before)
    }).pipe(Effect.provide(testLayer()))
  )
})

describe("volunteer import: validation, modes and jurisdiction", () => {
  it.effect("an unreadable health note is reported without its text", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(() =>
        xlsx([HEADER, person(1, { 身体状况: "高血压，心脏搭桥术后", 健康信息同意时间: "2021-03-08" })])
      )
      const report = yield* importVolunteers({ bytes }).pipe(as(cityAdmin))
      expect(report.issues.map((i) => [i.row, i.column, i.key])).toEqual([[2, "身体状况", "import.badValue"]])
      expect(report.issues[0].message).toContain("***")
      expect(JSON.stringify(report)).not.toContain("高血压")
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect(
    "multi-valued cells: spaces separate Chinese values, English labels keep their spaces, and the message names what was not read",
    () =>
      Effect.gen(function* () {
        yield* atMarch20
        const bytes = yield* Effect.promise(() =>
          xlsx([
            HEADER,
            person(1, { 专长领域: "农业科技 法律/调解", 服务意向: "乡村振兴 党的故事" }),
            person(2, { 专长领域: "Crops and livestock、农业科技（30年） Education" }),
            person(3, { 专长领域: "农业科技 坏值" }),
            person(4, { 专长领域: "Agricultural sciense (30 years)" })
          ])
        )
        const report = yield* importVolunteers({ bytes }, { mode: "valid-only" }).pipe(as(cityAdmin))
        expect(report.issues.map((i) => [i.row, i.column, i.key, i.params?.value])).toEqual([
          [4, "专长领域", "import.badValue", "坏值"],
          [5, "专长领域", "import.badValue", "Agricultural sciense (30 years)"]
        ])
        // Accepted values are named in the report's language.
        expect(report.issues[0].message).toContain("可填：农业科技、农业经营")
        const rows = yield* stored
        expect(rows.find((v) => v.name === "志愿者1")).toMatchObject({
          expertise: ["agri-tech", "law-mediation"],
          interests: ["rural-revitalization", "party-story"]
        })
        expect(rows.find((v) => v.name === "志愿者2")).toMatchObject({
          expertise: ["crop-livestock", "agri-tech", "education"],
          expertiseYears: { "agri-tech": 30 }
        })
      }).pipe(Effect.provide(testLayer()))
  )

  it.effect("all-or-nothing: one bad row writes nothing; valid-only writes the good rows; the report names row, column and problem", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(() =>
        xlsx([HEADER, person(1), person(2, { 出生日期: "1958-13-45" }), person(3), person(4, { 是否党员: "也许", 同意时间: "2099-01-01" })])
      )
      const all = yield* importVolunteers({ bytes }).pipe(as(cityAdmin))
      expect(all).toMatchObject({ mode: "all-or-nothing", committed: false, rows: 4, valid: 2, written: 0 })
      expect(all.issues.map((i) => [i.row, i.column, i.key])).toEqual([
        [3, "出生日期", "import.badDate"],
        [5, "是否党员", "import.badValue"],
        [5, "同意时间", "validation.consentInFuture"]
      ])
      expect(all.issues[0].message).toBe("无法识别的日期“1958-13-45”，请填写如 2021-03-08")
      expect(all.issues[1].message).toContain("可填：是、否")
      expect(yield* counts).toEqual({ volunteers: 0, audit: 0 })

      const some = yield* importVolunteers({ bytes }, { mode: "valid-only" }).pipe(as(cityAdmin))
      expect(some).toMatchObject({ mode: "valid-only", committed: true, rows: 4, valid: 2, written: 2 })
      expect((yield* stored).map((v) => v.name)).toEqual(["志愿者1", "志愿者3"])
      expect(yield* counts).toEqual({ volunteers: 2, audit: 2 })

      // The report downloads as a workbook with the same lines.
      const book = new ExcelJS.Workbook()
      const reportBytes = yield* Effect.promise(() => reportWorkbook(all))
      yield* Effect.promise(() => book.xlsx.load(Buffer.from(reportBytes) as never))
      const details = book.getWorksheet("错误明细")
      expect(details?.getRow(2).values).toEqual([undefined, 3, "出生日期", all.issues[0].message])
      expect(String(book.getWorksheet("导入结果")?.getRow(4).getCell(2).value)).toContain("全部未导入")
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("duplicates inside the file and people already registered are reported, never written twice", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const seed = yield* importVolunteers({ bytes: yield* Effect.promise(() => xlsx([HEADER, person(1)])) }).pipe(as(cityAdmin))
      expect(seed.written).toBe(1)
      const [existing] = yield* stored
      const bytes = yield* Effect.promise(() =>
        xlsx([
          HEADER,
          person(2),
          person(3, { 身份证号码: (person(2)[3] as string).toLowerCase() }),
          person(4, { 手机号码: "１３８０００００００２" }),
          person(5, { 手机号码: existing.phone }),
          person(6)
        ])
      )
      const report = yield* importVolunteers({ bytes }, { mode: "valid-only" }).pipe(as(cityAdmin))
      expect(report.issues.map((i) => [i.row, i.column, i.key, i.params])).toEqual([
        [3, "身份证号码", "import.duplicateInFile", { row: 2, field: "idNumber" }],
        [4, "手机号码", "import.duplicateInFile", { row: 2, field: "phone" }],
        [5, "手机号码", "import.existing", { field: "phone", number: existing.volunteerNumber }]
      ])
      expect(report.issues[0].message).toBe("与本文件第 2 行的身份证号码重复")
      expect(report.written).toBe(2)
      expect((yield* stored).map((v) => v.name)).toEqual(["志愿者1", "志愿者2", "志愿者6"])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a region admin imports into their own region only; --region forces one; viewers never import", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const mixed = yield* Effect.promise(() => xlsx([HEADER, person(1), person(2, { 所属辖区: "盐都区" })]))
      const report = yield* importVolunteers({ bytes: mixed }).pipe(as(tinghuAdmin))
      expect(report.issues).toEqual([
        expect.objectContaining({ row: 3, column: "所属辖区", key: "import.regionOutOfScope", message: "不能导入其他辖区（盐都区）的记录" })
      ])
      expect(yield* counts).toEqual({ volunteers: 0, audit: 0 })

      const elsewhere = yield* importVolunteers({ bytes: mixed }, { region: "盐都区" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(elsewhere).toMatchObject({ _tag: "Forbidden", key: "forbidden.outOfRegion" })
      expect(yield* importVolunteers({ bytes: mixed }).pipe(as(viewer), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.readOnly"
      })

      // Without a region column a region admin's rows go to their region; the city admin names one.
      const noRegion = yield* Effect.promise(() =>
        xlsx([HEADER.filter((h) => h !== "所属辖区"), person(3).filter((_, i) => HEADER[i] !== "所属辖区")])
      )
      expect((yield* importVolunteers({ bytes: noRegion }).pipe(as(tinghuAdmin))).written).toBe(1)
      const missing = yield* importVolunteers({ bytes: noRegion }).pipe(as(cityAdmin), Effect.flip)
      expect(fileIssue(missing)).toMatchObject({ key: "import.missingHeaders", params: { columns: "所属辖区" } })
      const forced = yield* importVolunteers({ bytes: mixed }, { region: "yandu", mode: "valid-only" }).pipe(as(cityAdmin))
      // The row that names another region than the forced one is refused, not moved.
      expect(forced.issues.map((i) => [i.row, i.key])).toEqual([[2, "import.regionOutOfScope"]])
      expect((yield* stored).filter((v) => v.regionCode === "320903").map((v) => v.name)).toEqual(["志愿者2"])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a crash mid-import in all-or-nothing mode leaves nothing; in valid-only mode the committed batches stay", () => {
    // A store that dies (as a lost connection or killed process would) on the 5th volunteer
    // written, whether one by one or in a bulk insert.
    let inserts = 0
    const dying = (store: StoreService): StoreService => ({
      ...store,
      insert: (resource, row) =>
        Effect.suspend(() => {
          if (resource === "volunteers" && ++inserts === 5) return Effect.die(new Error("disk gone"))
          return store.insert(resource, row)
        }),
      insertMany: (resource, rows) =>
        Effect.suspend(() => {
          if (resource !== "volunteers") return store.insertMany(resource, rows)
          const before = inserts
          inserts += rows.length
          if (before < 5 && inserts >= 5) return Effect.die(new Error("disk gone"))
          return store.insertMany(resource, rows)
        })
    })
    return Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(() => xlsx([HEADER, ...Array.from({ length: 8 }, (_, i) => person(i + 1))]))
      const progress: Array<ImportProgress> = []
      const crash = yield* importVolunteers({ bytes }, { batchSize: 2, onProgress: (p) => progress.push(p) }).pipe(
        as(cityAdmin),
        Effect.exit
      )
      expect(crash._tag).toBe("Failure")
      // Two batches had been written inside the open transaction before the crash…
      expect(progress.at(-1)).toMatchObject({ written: 4, parsed: 4 })
      // …and none of it stayed.
      expect(yield* counts).toEqual({ volunteers: 0, audit: 0 })

      inserts = 0
      const partial = yield* importVolunteers({ bytes }, { batchSize: 2, mode: "valid-only" }).pipe(as(cityAdmin), Effect.exit)
      expect(partial._tag).toBe("Failure")
      expect(yield* counts).toEqual({ volunteers: 4, audit: 4 })
    }).pipe(Effect.provide(testLayer(dying)))
  })

  it.effect("reports progress as rows are parsed, validated and written", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(() => xlsx([HEADER, ...Array.from({ length: 7 }, (_, i) => person(i + 1))]))
      const progress: Array<ImportProgress> = []
      const report = yield* importVolunteers({ bytes }, { batchSize: 3, onProgress: (p) => progress.push(p) }).pipe(as(cityAdmin))
      expect(report.written).toBe(7)
      expect(progress.map((p) => [p.phase, p.parsed, p.validated, p.written])).toEqual([
        ["reading", 3, 3, 3],
        ["reading", 6, 6, 6],
        ["reading", 7, 7, 7],
        ["done", 7, 7, 7]
      ])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("the parser streams rows one by one", () =>
    Effect.gen(function* () {
      const store = yield* Store
      const regions = (yield* store.list("regions", Q.all())).rows
      const bytes = yield* Effect.promise(() => xlsx([HEADER, person(1), person(2)]))
      const rows = yield* Effect.promise(async () => {
        const out = []
        for await (const r of readRoster({ bytes }, { regions, utcOffsetMinutes: 480, locale: "zh-CN" })) out.push(r)
        return out
      })
      expect(rows.map((r) => [r.row, r.input.name, r.input.regionCode, r.issues.length])).toEqual([
        [2, "志愿者1", "320902", 0],
        [3, "志愿者2", "320902", 0]
      ])
    }).pipe(Effect.provide(testLayer()))
  )
})
