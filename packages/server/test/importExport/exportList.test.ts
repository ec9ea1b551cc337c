import { describe, expect, it } from "@effect/vitest"
import { Activities, type ActivityId, Q, RESOURCES, type RegionCode, Store } from "@yinfa/core"
import ExcelJS from "exceljs"
import { Effect, Either } from "effect"
import { EXPORTABLE, exportFileName, exportHeaders, RESOURCE_TITLES } from "../../src/importExport/exportList.js"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"
import {
  as,
  atMarch20,
  cityAdmin,
  ROSTER_HEADERS,
  residentId,
  rosterFields,
  testLayer,
  tinghuAdmin,
  viewer,
  xlsx,
  yanduAdmin,
  exportBytes,
  firstSheet
} from "./support.js"

const rosterRow = (n: number, region = "亭湖区") => [
  `志愿者${n}`,
  n % 2 ? "男" : "女",
  "",
  residentId(
    region === "亭湖区" ? "320902" : "320903",
    `1956${String((n % 12) + 1).padStart(2, "0")}15`,
    String(100 + n * 2 + (n % 2)).padStart(3, "0")
  ),
  `1390000${String(n).padStart(4, "0")}`,
  region,
  `单位,"${n}"`,
  n % 3 ? "科长" : "=主任",
  n % 4 ? "退休" : "离休",
  n % 2 ? "是" : "否",
  n % 2 ? "农业科技（30年）、法律/调解" : "",
  n % 2 ? "促进乡村振兴、讲好党的故事" : "",
  n % 2 ? "是" : "否",
  n % 2 ? "一般" : "",
  n % 5,
  ["线上线下", "线上", "线下"][n % 3],
  "2021-03-08 09:30:15",
  n % 2 ? "2021-03-09" : "",
  "2021-04-01"
]

const storedRoster = Effect.gen(function* () {
  const store = yield* Store
  return (yield* store.list("volunteers", Q.all([], [{ field: "phone", order: "ASC" }]))).rows.map(rosterFields)
})

const seedRoster = (n: number) =>
  Effect.gen(function* () {
    yield* atMarch20
    const bytes = yield* Effect.promise(() =>
      xlsx([ROSTER_HEADERS, ...Array.from({ length: n }, (_, i) => rosterRow(i + 1, i % 4 === 3 ? "盐都区" : "亭湖区"))])
    )
    const report = yield* importVolunteers({ bytes }).pipe(as(cityAdmin))
    expect(report.issues).toEqual([])
    return report
  })

describe("exports", () => {
  it.effect("export → import round trip gives the same roster, in .xlsx and .csv, with clear values only on request", () =>
    Effect.gen(function* () {
      yield* seedRoster(9)
      const original = yield* storedRoster
      expect(original).toHaveLength(9)
      const store = yield* Store
      const auditBefore = (yield* store.list("audit-log", Q.all([Q.eq("action", "read-sensitive")]))).total

      const xlsxOut = yield* exportBytes("volunteers", { format: "xlsx", reveal: true, pageSize: 4 }).pipe(as(cityAdmin))
      const csvOut = yield* exportBytes("volunteers", { format: "csv", reveal: true, pageSize: 4 }).pipe(as(cityAdmin))
      expect(xlsxOut).toMatchObject({ rows: 9, total: 9 })
      // Each clear read is in the audit log (twice: two exports).
      expect((yield* store.list("audit-log", Q.all([Q.eq("action", "read-sensitive")]))).total - auditBefore).toBe(18)
      expect([...csvOut.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])

      for (const bytes of [xlsxOut.bytes, csvOut.bytes]) {
        const fresh = yield* Effect.gen(function* () {
          yield* atMarch20
          const report = yield* importVolunteers({ bytes }).pipe(as(cityAdmin))
          expect(report.issues).toEqual([])
          // The export's own columns (志愿者编号, 状态, 归档原因) are ignored by the import.
          expect(report.ignoredColumns).toEqual(["志愿者编号", "状态", "归档原因"])
          return yield* storedRoster
        }).pipe(Effect.provide(testLayer()))
        expect(fresh).toEqual(original)
      }
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("by default sensitive fields are masked and nothing clear is written; viewers cannot ask for clear values", () =>
    Effect.gen(function* () {
      yield* seedRoster(4)
      const store = yield* Store
      const clear = (yield* store.list("volunteers", Q.all())).rows
      const auditBefore = (yield* store.list("audit-log", Q.all())).total
      for (const format of ["xlsx", "csv"] as const) {
        const out = yield* exportBytes("volunteers", { format }).pipe(as(cityAdmin))
        const text = format === "csv" ? new TextDecoder().decode(out.bytes) : JSON.stringify((yield* firstSheet(out.bytes)).rows)
        for (const v of clear) {
          expect(text).not.toContain(v.idNumber)
          expect(text).not.toContain(v.phone)
          expect(text).not.toContain(v.birthDate)
          expect(text).toContain(v.volunteerNumber)
        }
        expect(text).toContain("1956-**-**")
      }
      expect((yield* store.list("audit-log", Q.all())).total).toBe(auditBefore)
      const refused = yield* exportBytes("volunteers", { format: "csv", reveal: true }).pipe(as(viewer), Effect.flip)
      expect(refused).toMatchObject({ _tag: "Forbidden", key: "forbidden.revealSensitive" })
      const masked = yield* exportBytes("volunteers", { format: "csv" }).pipe(as(viewer))
      expect(masked.rows).toBe(4)
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("without a sort an export follows the order the dashboard's list opens in (volunteers: by volunteer number)", () =>
    Effect.gen(function* () {
      yield* seedRoster(9)
      const { bytes } = yield* exportBytes("volunteers", { format: "csv" }).pipe(as(cityAdmin))
      const numbers = new TextDecoder()
        .decode(bytes)
        .split("\r\n")
        .slice(1, -1)
        .map((line) => line.split(",")[0])
      expect(numbers).toHaveLength(9)
      expect(numbers).toEqual([...numbers].sort())
      // Every exportable resource's default order is one its list accepts.
      for (const resource of Object.keys(EXPORTABLE) as Array<keyof typeof EXPORTABLE>) {
        const out = yield* Effect.either(exportBytes(resource, { format: "csv" }).pipe(as(cityAdmin)))
        expect({ resource, refused: Either.isLeft(out) ? out.left : null }).toEqual({ resource, refused: null })
        expect(RESOURCES[resource].fields.map((f) => f.name)).toContain(RESOURCES[resource].defaultSort.field)
      }
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a masked export imported back is refused with one plain message per masked cell, not as malformed numbers", () =>
    Effect.gen(function* () {
      yield* seedRoster(3)
      const stored = (yield* (yield* Store).list("volunteers", Q.all())).rows
      for (const format of ["xlsx", "csv"] as const) {
        const { bytes } = yield* exportBytes("volunteers", { format }).pipe(as(cityAdmin))
        const report = yield* Effect.gen(function* () {
          yield* atMarch20
          const report = yield* importVolunteers({ bytes }).pipe(as(cityAdmin))
          expect((yield* (yield* Store).list("volunteers", Q.all())).total).toBe(0)
          return report
        }).pipe(Effect.provide(testLayer()))
        // Birth date, ID number and phone of every row (and health where recorded), each said once, as masked.
        const maskedCells = stored.flatMap((v) => [v.birthDate, v.idNumber, v.phone, v.fitness].filter((x) => x !== null))
        expect(report.issues).toHaveLength(maskedCells.length)
        for (const issue of report.issues) {
          expect(issue.key).toBe("import.maskedValue")
          expect(["出生日期", "身份证号码", "手机号码", "身体状况"]).toContain(issue.column)
          expect(issue.message).toMatch(/^“.*\*.*”是脱敏显示的值，不能导入/)
        }
        for (const v of stored) for (const secret of [v.idNumber, v.phone]) expect(JSON.stringify(report)).not.toContain(secret)
      }
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("jurisdiction: a region admin exports their own region only, whatever filter they pass", () =>
    Effect.gen(function* () {
      yield* seedRoster(8)
      const all = yield* exportBytes("volunteers", { format: "xlsx" }).pipe(as(cityAdmin))
      expect(all.rows).toBe(8)
      const tinghu = yield* exportBytes("volunteers", { format: "xlsx" }).pipe(as(tinghuAdmin))
      const rows = (yield* firstSheet(tinghu.bytes)).rows
      expect(tinghu.rows).toBe(6)
      expect(rows.slice(1).every((r) => r[6] === "亭湖区")).toBe(true)
      const sneaky = yield* exportBytes("volunteers", { format: "csv", query: Q.all([Q.eq("regionCode", "320903")]) }).pipe(as(tinghuAdmin))
      expect(sneaky.rows).toBe(0)
      const yandu = yield* exportBytes("volunteers", { format: "csv", reveal: true }).pipe(as(yanduAdmin))
      expect(yandu.rows).toBe(2)
      // A viewer filtering on an ID number is refused before a file is written.
      const probing = yield* exportBytes("volunteers", { format: "csv", query: Q.all([Q.eq("idNumber", "x")]) }).pipe(
        as(viewer),
        Effect.flip
      )
      expect(probing._tag).toBe("ValidationError")
      expect((yield* exportBytes("users", { format: "csv" }).pipe(as(cityAdmin), Effect.flip))._tag).toBe("ValidationError")
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("other resources: filters and sort applied, page by page, enums and regions in Chinese, references by name", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const store = yield* Store
      for (let i = 1; i <= 7; i++)
        yield* Effect.orDie(
          store.insert("activities", {
            id: `a${i}` as ActivityId,
            title: `=活动${i}`,
            category: i % 2 ? "rural-revitalization" : "party-story",
            format: i % 2 ? "technical-guidance" : "party-class",
            description: "",
            organizerId: null,
            partnerIds: [],
            regionCode: (i <= 5 ? "320902" : "320903") as RegionCode,
            channel: "online",
            venue: "",
            startsAt: `2026-03-0${i}T09:00`,
            endsAt: `2026-03-0${i}T11:00`,
            volunteersNeeded: 5,
            requiredExpertise: ["agri-tech"],
            beneficiaryGroup: "",
            beneficiaryCount: i,
            brandProjectId: null,
            riskLevel: "low",
            safetyPlan: null,
            status: "published",
            cancelReason: "",
            publishedAt: "2026-02-01T00:00:00.000Z",
            completedAt: null,
            createdAt: "2026-02-01T00:00:00.000Z",
            updatedAt: "2026-02-01T00:00:00.000Z"
          })
        )
      const query = Q.all([Q.eq("category", "rural-revitalization")], [{ field: "startsAt", order: "DESC" }])
      const out = yield* exportBytes("activities", { format: "xlsx", query, pageSize: 2 }).pipe(as(cityAdmin))
      const rows = (yield* firstSheet(out.bytes)).rows
      const header = rows[0]
      const col = (name: string) => header.indexOf(name)
      expect(out.rows).toBe(4)
      expect(rows.slice(1).map((r) => r[col("标题")])).toEqual(["=活动7", "=活动5", "=活动3", "=活动1"])
      expect(rows[1][col("类别")]).toBe("促进乡村振兴")
      expect(rows[1][col("活动形式")]).toBe("技术指导")
      expect(rows[1][col("辖区")]).toBe("盐都区")
      expect(rows[1][col("状态")]).toBe("已发布")
      expect(rows[1][col("所需专长")]).toBe("农业科技")
      expect(rows[1][col("发布时间")]).toBe("2026-02-01 08:00:00")
      // In CSV, text that a spreadsheet would run as a formula is quoted.
      const csv = new TextDecoder().decode(
        (yield* exportBytes("activities", { format: "csv", query, pageSize: 3 }).pipe(as(tinghuAdmin))).bytes
      )
      expect(csv.split("\r\n").filter((l) => l.includes("'=活动")).length).toBe(3)
      const activities = yield* Activities
      expect((yield* activities.list(Q.all()).pipe(as(tinghuAdmin))).total).toBe(5)
    }).pipe(Effect.provide(testLayer()))
  )
  it.effect("without a locale the export is in Chinese as before: title, headers, labels, lists, file name", () =>
    Effect.gen(function* () {
      yield* seedRoster(3)
      const out = yield* exportBytes("volunteers", { format: "xlsx", reveal: true }).pipe(as(cityAdmin))
      const workbook = new ExcelJS.Workbook()
      yield* Effect.promise(() => workbook.xlsx.load(Buffer.from(out.bytes) as never))
      expect(workbook.worksheets[0].name).toBe("志愿者名册")
      const rows = (yield* firstSheet(out.bytes)).rows
      expect(rows[0]).toEqual(["志愿者编号", ...ROSTER_HEADERS, "状态", "归档原因"])
      const first = rows.find((r) => r[1] === "志愿者1") ?? []
      expect(first.slice(2, 3)).toEqual(["男"])
      expect(first.slice(6, 17)).toEqual([
        "亭湖区",
        '单位,"1"',
        "科长",
        "退休",
        "是",
        "农业科技（30年）、法律/调解",
        "促进乡村振兴、讲好党的故事",
        "是",
        "一般（仅限轻度线下活动）",
        1,
        "线上"
      ])
      expect(rows.find((r) => r[1] === "志愿者3")?.[16]).toBe("线上线下")
      expect(first.slice(20)).toEqual(["在册"])
      expect(exportFileName("volunteers", "xlsx", "2026-03-20")).toBe("志愿者名册-20260320.xlsx")
      expect(RESOURCE_TITLES["service-hours"]).toBe("服务时长明细")
      expect(exportHeaders("activities")).toEqual([
        "记录ID",
        "标题",
        "类别",
        "活动形式",
        "简介",
        "主办单位",
        "协办单位",
        "辖区",
        "服务方式",
        "地点",
        "开始时间",
        "结束时间",
        "需要人数",
        "所需专长",
        "服务对象",
        "受益人数",
        "品牌项目",
        "风险等级",
        "安全预案",
        "状态",
        "取消原因",
        "发布时间",
        "完成时间",
        "创建时间",
        "更新时间"
      ])
    }).pipe(Effect.provide(testLayer()))
  )
})
