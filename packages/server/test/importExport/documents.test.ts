import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import {
  Activities,
  Certificates,
  type OrganizationId,
  Participations,
  Q,
  type RegionCode,
  Store,
  type UserId,
  Volunteers
} from "@yinfa/core"
import ExcelJS from "exceljs"
import { Effect, ManagedRuntime } from "effect"
import { afterAll } from "vitest"
import { certificateHtml, escapeHtml } from "../../src/importExport/certificateDocument.js"
import { runImportExportCommand } from "../../src/importExport/cli.js"
import { importAttendance } from "../../src/importExport/importAttendance.js"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"
import { reportPack } from "../../src/importExport/reportPack.js"
import { activity, as, atMarch20, cityAdmin, HEADER, person, residentId, testLayer, tinghuAdmin, xlsx, yanduAdmin } from "./support.js"

/** Three Tinghu volunteers, two activities, one existing sign-up. */
const setup = Effect.gen(function* () {
  yield* atMarch20
  const store = yield* Store
  const report = yield* importVolunteers({ bytes: yield* Effect.promise(() => xlsx([HEADER, person(1), person(2), person(3)])) }).pipe(
    as(cityAdmin)
  )
  expect(report.written).toBe(3)
  for (const a of [activity("act-1"), activity("act-2", { title: "党史宣讲", category: "party-story", format: "party-class" })])
    yield* Effect.orDie(store.insert("activities", a))
  yield* Effect.orDie(
    store.insert("organizations", {
      id: "org-1" as OrganizationId,
      name: "中共盐城市亭湖区委老干部局",
      kind: "bureau",
      regionCode: "320902" as RegionCode,
      contactName: "李主任",
      contactPhone: "0515-88880000",
      address: "",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z"
    })
  )
  const volunteers = (yield* store.list("volunteers", Q.all([], [{ field: "name", order: "ASC" }]))).rows
  const participations = yield* Participations
  yield* participations.create({ activityId: "act-1", volunteerId: volunteers[0].id }).pipe(as(tinghuAdmin))
  return volunteers
})

const ATTENDANCE = ["志愿者编号", "身份证号码", "手机号码", "活动", "服务时长", "备注"]

describe("attendance import", () => {
  it.effect("records hours through the Participations service, signing up who is not yet, and reports the rest", () =>
    Effect.gen(function* () {
      const [v1, v2, v3] = yield* setup
      const store = yield* Store
      const bytes = yield* Effect.promise(() =>
        xlsx([
          ATTENDANCE,
          [v1.volunteerNumber, "", "", "便仓镇农技指导", 2.5, "讲解细致"],
          ["", v2.idNumber, "", "act-1", "2小时", ""],
          ["", "", v3.phone, "党史宣讲", 4, ""],
          ["YC2099999999", "", "", "便仓镇农技指导", 1, ""],
          [v3.volunteerNumber, "", "", "不存在的活动", 1, ""],
          [v1.volunteerNumber, "", "", "act-1", 1, "重复"]
        ])
      )
      const all = yield* importAttendance({ bytes }).pipe(as(tinghuAdmin))
      expect(all.committed).toBe(false)
      expect(all.issues.map((i) => [i.row, i.column, i.key])).toEqual([
        [4, "服务时长", "validation.hours.exceedsDuration"],
        [5, "志愿者编号", "import.volunteerNotFound"],
        [6, "活动", "import.activityNotFound"],
        [7, "活动", "import.duplicateInFile"]
      ])
      expect((yield* store.list("service-hours", Q.all())).total).toBe(0)
      expect((yield* store.list("participations", Q.all())).total).toBe(1)

      const some = yield* importAttendance({ bytes }, { mode: "valid-only" }).pipe(as(tinghuAdmin))
      expect(some).toMatchObject({ written: 2, committed: true })
      const hours = (yield* store.list("service-hours", Q.all([], [{ field: "hours", order: "ASC" }]))).rows
      expect(hours.map((h) => [h.volunteerId, h.hours])).toEqual([
        [v2.id, 2],
        [v1.id, 2.5]
      ])
      const attended = (yield* store.list("participations", Q.all([Q.eq("status", "attended")]))).rows
      expect(attended.find((p) => p.volunteerId === v1.id)?.feedback).toBe("讲解细致")
      // A region admin cannot record attendance of another region's activity: it does not exist for them.
      const other = yield* importAttendance({
        bytes: yield* Effect.promise(() => xlsx([ATTENDANCE, [v3.volunteerNumber, "", "", "act-1", 1, ""]]))
      }).pipe(as(yanduAdmin))
      expect(other.issues.map((i) => i.key)).toEqual(["import.volunteerNotFound", "import.activityNotFound"])
      expect(other.written).toBe(0)
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a volunteer not found by ID number or phone is reported with the identifier masked", () =>
    Effect.gen(function* () {
      yield* setup
      const idNumber = residentId("320902", "19500101", "999")
      const phone = "13999999999"
      const bytes = yield* Effect.promise(() => xlsx([ATTENDANCE, ["", idNumber, "", "act-1", 1, ""], ["", "", phone, "act-1", 1, ""]]))
      const report = yield* importAttendance({ bytes }).pipe(as(tinghuAdmin))
      expect(report.issues.map((i) => [i.row, i.key])).toEqual([
        [2, "import.volunteerNotFound"],
        [3, "import.volunteerNotFound"]
      ])
      const text = JSON.stringify(report.issues)
      expect(text).not.toContain(idNumber)
      expect(text).not.toContain(phone)
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a sheet with no column that identifies the volunteer is refused before anything is written", () =>
    Effect.gen(function* () {
      yield* setup
      const store = yield* Store
      const before = (yield* store.list("participations", Q.all())).total
      const bytes = yield* Effect.promise(() =>
        xlsx([
          ["姓名", "活动", "服务时长"],
          ["志愿者1", "act-1", 1]
        ])
      )
      const refused = yield* importAttendance({ bytes }).pipe(as(tinghuAdmin), Effect.flip)
      expect(
        (refused as { issues: ReadonlyArray<{ path: string; key: string; params?: Record<string, unknown> }> }).issues[0]
      ).toMatchObject({
        path: "file",
        key: "import.missingHeaders",
        params: { columns: "志愿者编号 / 身份证号码 / 手机号码" }
      })
      expect((yield* store.list("participations", Q.all())).total).toBe(before)
    }).pipe(Effect.provide(testLayer()))
  )
})

describe("documents", () => {
  it.effect("the certificate page shows the four blocks, masked ID and a verification line, escaped", () =>
    Effect.gen(function* () {
      const [v1] = yield* setup
      const store = yield* Store
      yield* Effect.orDie(store.update("volunteers", v1.id, { name: "<script>alert(1)</script>" }))
      const participations = yield* Participations
      const [p] = (yield* store.list("participations", Q.all())).rows
      yield* participations.attend(p.id, { hours: 3 }).pipe(as(tinghuAdmin))
      const certificates = yield* Certificates
      const issued = yield* certificates.issue(v1.id).pipe(as(tinghuAdmin))
      const shown = yield* certificates.verify(issued.certificateNumber)
      const html = certificateHtml(shown, { baseUrl: "https://yinfa.example.gov.cn/" })
      for (const part of ["一、身份信息", "二、服务记录", "三、出具单位", "四、证明编号", "@page", "size: A4", "Noto Serif CJK SC"])
        expect(html).toContain(part)
      expect(html).toContain(escapeHtml("<script>alert(1)</script>"))
      expect(html).not.toContain("<script>alert")
      expect(html).toContain(v1.volunteerNumber)
      expect(html).toContain(`3209${"*".repeat(10)}`)
      expect(html).not.toContain((yield* store.get("volunteers", v1.id)).idNumber)
      expect(html).toContain("★☆☆☆☆".slice(1).padStart(5, "☆"))
      expect(html).toContain("促进乡村振兴 3 小时")
      expect(html).toContain("李主任")
      expect(html).toContain(`https://yinfa.example.gov.cn/api/certificates/verify/${issued.certificateNumber}`)
      expect(html).not.toContain(v1.id)
      // The Chinese page as before: language, lead, stars, seal and dates.
      expect(html).toContain('<html lang="zh-CN">')
      expect(html).toContain(`<title>志愿服务证明 ${issued.certificateNumber}</title>`)
      expect(html).toContain(
        "兹证明 <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong> 同志参加“开启新征程，银发再出发”离退休干部志愿服务行动"
      )
      expect(html).toContain("<tr><th>服务时长</th><td>3 小时</td></tr>")
      expect(html).toContain('aria-label="0 星">☆☆☆☆☆</span>（0 星）')
      expect(html).toContain("<td>2026年3月20日 至 2026年3月20日</td>")
      expect(html).toContain("中共盐城市亭湖区委老干部局（盖章）<br>2026年3月20日")
      expect(html).toContain("<tr><th>出具日期</th><td>2026年3月20日</td></tr>")
      expect(html).toContain(`本证明可凭编号核验真伪：<span class="url">https://yinfa.example.gov.cn/api/certificates/verify/`)
      expect(certificateHtml(shown, { locale: "zh-CN" })).toBe(certificateHtml(shown))
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("the report pack has the six sheets and the printable page, scoped to the actor", () =>
    Effect.gen(function* () {
      yield* setup
      const activities = yield* Activities
      expect((yield* activities.list(Q.all()).pipe(as(tinghuAdmin))).total).toBe(2)
      const pack = yield* reportPack({ from: "2026-01-01", to: "2026-03-31" }).pipe(as(tinghuAdmin))
      const workbook = new ExcelJS.Workbook()
      yield* Effect.promise(() => workbook.xlsx.load(Buffer.from(pack.workbook) as never))
      expect(workbook.worksheets.map((s) => s.name)).toEqual(["概览", "月度", "覆盖", "经验报送", "品牌项目", "先进典型"])
      const overview = workbook.getWorksheet("概览")
      expect(overview?.getRow(2).values).toEqual([undefined, "在册志愿者", 3])
      // A region admin's pack is their region's, and its title says so.
      expect(pack.title).toBe("志愿服务工作报表（2026年1月1日—2026年3月31日，亭湖区）")
      expect(workbook.creator).toBe("银发再出发")
      expect(overview?.getRow(1).values).toEqual([undefined, "指标", "数值"])
      expect(
        overview
          ?.getColumn(1)
          .values.filter((v) => typeof v === "string")
          .slice(1, 11)
      ).toEqual([
        "在册志愿者",
        "其中入库银发人才库",
        "期间新加入",
        "年龄 55 岁以下",
        "年龄 55-59 岁",
        "年龄 60-64 岁",
        "年龄 65-69 岁",
        "年龄 70-74 岁",
        "年龄 75-79 岁",
        "年龄 80 岁及以上"
      ])
      expect(workbook.getWorksheet("月度")?.getRow(1).values).toEqual([
        undefined,
        "月份",
        "开展活动",
        "参与人次",
        "服务时长（小时）",
        "受益人数",
        "新加入志愿者",
        "新结对",
        "报送经验"
      ])
      expect(workbook.getWorksheet("经验报送")?.getRow(1).values).toEqual([undefined, "标题", "类别", "辖区", "状态", "报送时间", "推荐"])
      // exceljs leaves out a column of its default width (9) when it writes, and reads it back without one.
      const EXCELJS_DEFAULT_WIDTH = 9
      // Every column is as wide as what it holds (a Chinese character takes two), up to 50, past which it wraps.
      const shown = (v: unknown) => [...String(v ?? "")].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1), 0)
      for (const sheet of workbook.worksheets)
        sheet.columns.forEach((column) => {
          const widest = Math.max(...Array.from(column.values ?? [], shown))
          expect({
            sheet: sheet.name,
            column: column.number,
            fits: (column.width ?? EXCELJS_DEFAULT_WIDTH) >= Math.min(widest, 50)
          }).toEqual({
            sheet: sheet.name,
            column: column.number,
            fits: true
          })
          if (widest > 50) expect(column.alignment?.wrapText).toBe(true)
        })
      expect(pack.html).toContain('<html lang="zh-CN">')
      expect(pack.html).toContain('<p class="muted">（无）</p>')
      expect(workbook.getWorksheet("月度")?.rowCount).toBe(4)
      expect(pack.html).toContain("<h2>先进典型</h2>")
      // On paper, coverage is the region's row by category, with totals.
      expect(pack.html).toContain("<h2>“五个聚力”覆盖情况（开展活动 / 服务时长）</h2>")
      expect(pack.html).toMatch(/<tr><td[^>]*>亭湖区<\/td>(<td class="[a-z ]+">(—|\d+ 场<br>[\d.]+ 小时)<\/td>){6}<\/tr>/)
      // One region's pack: its row is the total, not repeated as one.
      expect(pack.html).not.toContain('<tr class="total">')
      expect(pack.html).toContain("不对个人进行排名")
      const yandu = yield* reportPack({ from: "2026-01-01", to: "2026-03-31" }).pipe(as(yanduAdmin))
      const yanduBook = new ExcelJS.Workbook()
      yield* Effect.promise(() => yanduBook.xlsx.load(Buffer.from(yandu.workbook) as never))
      expect(yanduBook.getWorksheet("概览")?.getRow(2).values).toEqual([undefined, "在册志愿者", 0])
      expect(yandu.title).toBe("志愿服务工作报表（2026年1月1日—2026年3月31日，盐都区）")
      const city = yield* reportPack({ from: "2026-01-01", to: "2026-03-31" }).pipe(as(cityAdmin))
      expect(city.title).toBe("志愿服务工作报表（2026年1月1日—2026年3月31日，全市）")
      expect(city.html).toMatch(/<tr class="total"><td[^>]*>合计<\/td>/)
    }).pipe(Effect.provide(testLayer()))
  )
})

describe("CLI commands", () => {
  const dir = mkdtempSync(join(tmpdir(), "yinfa-cli-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("template, import with a report, export with a filter, certificate; usage errors exit 2", async () => {
    const runtime = ManagedRuntime.make(testLayer())
    // A live runtime, as the CLI has: the real clock (consent dates in 2021 are in the past).
    const run = <A, E>(effect: Effect.Effect<A, E, any>) => runtime.runPromise(effect as Effect.Effect<A, E, never>)
    const out: Array<string> = []
    const err: Array<string> = []
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }
    const cli = (...args: Array<string>) => runImportExportCommand(args, run, io)
    try {
      const template = join(dir, "template.xlsx")
      expect(await cli("template", "volunteers", "--out", template)).toBe(0)
      expect(existsSync(template)).toBe(true)

      const roster = join(dir, "roster.xlsx")
      writeFileSync(roster, await xlsx([HEADER, person(1), person(2, { 出生日期: "不详" }), person(3, { 所属辖区: "盐都区" })]))
      const reportFile = join(dir, "report.xlsx")
      expect(await cli("import", "volunteers", roster, "--report", reportFile)).toBe(1)
      expect(out.join("")).toContain("全部未导入")
      expect(out.join("")).toContain("第 3 行 【出生日期】")
      expect(existsSync(reportFile)).toBe(true)
      expect(await cli("import", "volunteers", roster, "--valid-only")).toBe(1)
      expect(out.at(-2)).toContain("已导入 2 行")

      const csv = join(dir, "out.csv")
      expect(await cli("export", "volunteers", "--format", "csv", "--filter", JSON.stringify({ regionCode: "320903" }), "--out", csv)).toBe(
        0
      )
      const lines = readFileSync(csv, "utf8").trim().split("\r\n")
      expect(lines).toHaveLength(2)
      expect(lines[1]).toContain("盐都区")
      expect(lines[1]).toContain("****")

      expect(await cli("export", "volunteers", "--filter", "{not json")).toBe(2)
      expect(await cli("export", "sessions")).toBe(2)
      expect(await cli("frobnicate")).toBe(2)
      expect(await cli("import", "volunteers")).toBe(2)

      const volunteers = await run(
        Effect.flatMap(Volunteers, (s) => s.list(Q.all([Q.eq("regionCode", "320902")]))).pipe(
          Effect.provideService((await import("@yinfa/core")).CurrentActor, cityAdmin)
        )
      )
      const number = volunteers.rows[0].volunteerNumber
      // No hours yet: the refusal is a localised message and exit 1.
      expect(await cli("certificate", number, "--issuer", "亭湖区委老干部局")).toBe(1)
      expect(err.at(-1)).toContain("没有已认定的服务时长")
      await run(
        Effect.flatMap(Store, (store) =>
          Effect.orDie(
            store.insert("service-hours", {
              id: "sh-1" as never,
              volunteerId: volunteers.rows[0].id,
              regionCode: "320902" as RegionCode,
              category: "party-story",
              source: "attendance",
              participationId: null,
              pairingId: null,
              checkInId: null,
              serviceDate: "2026-03-10",
              hours: 120,
              reason: "",
              recordedBy: "u-city" as UserId,
              recordedAt: "2026-03-10T08:00:00.000Z",
              late: false
            })
          )
        )
      )
      const page = join(dir, "certificate.html")
      expect(await cli("certificate", number, "--issuer", "亭湖区委老干部局", "--out", page)).toBe(0)
      const html = readFileSync(page, "utf8")
      expect(html).toContain("讲好党的故事 120 小时")
      expect(html).toContain("★☆☆☆☆")
      expect(html).toMatch(/\/api\/certificates\/verify\/YFZM-\d{4}-000001-/)

      const prefix = join(dir, "pack")
      expect(await cli("report-pack", "--from", "2026-01-01", "--to", "2026-03-31", "--out", prefix)).toBe(0)
      expect(existsSync(`${prefix}.xlsx`) && existsSync(`${prefix}.html`)).toBe(true)
      expect(await cli("export", "volunteers", "--as", "nobody")).toBe(2)
    } finally {
      await runtime.dispose()
    }
  })
})
