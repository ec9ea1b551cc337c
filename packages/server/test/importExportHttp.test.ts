import { type ActivityId, maskResidentId, type RegionCode, Store } from "@yinfa/core"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { HEADER, person, residentId, xlsx } from "./importExport/support.js"
import { http, q, startTestServer, type TestServer, TINGHU, YANDU } from "./support.js"

/**
 * The import/export routes over HTTP: templates, uploads (raw bodies outside the JSON rules),
 * streamed exports scoped and masked like the lists, certificates (issued, listed, printed, and
 * verified without a token) and the report pack.
 */
let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s?.close())

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/** The Chinese file name of a Content-Disposition, as the dashboard reads it (filename* first). */
const fileName = (header: string | null) => {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header ?? "")
  return star ? decodeURIComponent(star[1]) : null
}

/** Binary request/response, for files. */
const raw = async (
  method: string,
  path: string,
  options: {
    token?: string
    body?: Uint8Array | string | ReadableStream<Uint8Array>
    contentType?: string
    lang?: string
    accept?: string
  } = {}
) => {
  const headers: Record<string, string> = { "accept-language": options.lang ?? "en" }
  if (options.accept) headers.accept = options.accept
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.contentType) headers["content-type"] = options.contentType
  const init: RequestInit & { duplex?: "half" } = { method, headers, body: options.body as BodyInit | undefined }
  if (options.body instanceof ReadableStream) init.duplex = "half"
  const res = await fetch(`${s.url}${path}`, init)
  const bytes = new Uint8Array(await res.arrayBuffer())
  const text = new TextDecoder().decode(bytes)
  let json: any = null
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: res.status, headers: res.headers, bytes, text, json }
}

const upload = (path: string, token: string, body: Uint8Array | string, contentType = "application/octet-stream", lang = "en") =>
  raw("POST", path, { token, body, contentType, lang })

const workbookOf = async (bytes: Uint8Array) => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as never)
  return workbook
}

const sheetRows = async (bytes: Uint8Array) => {
  const sheet = (await workbookOf(bytes)).worksheets[0]
  const rows: Array<Array<unknown>> = []
  sheet.eachRow((row) => rows.push((row.values as Array<unknown>).slice(1)))
  return rows
}

const count = (resource: string, filter: object = {}) =>
  http(s, "GET", `/api/${resource}${q({ filter, range: [0, 0] })}`, { token: s.tokens.admin }).then((r) =>
    Number(r.headers.get("content-range")?.split("/").pop())
  )

/** Local (UTC+8) date `days` from today. */
const localDate = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

describe("templates", () => {
  it("the roster and attendance templates download as .xlsx with their Chinese file names", async () => {
    const roster = await raw("GET", "/api/import/templates/volunteers", { token: s.tokens.viewer, lang: "zh-CN" })
    expect(roster.status).toBe(200)
    expect(roster.headers.get("content-type")).toBe(XLSX)
    expect(roster.headers.get("content-disposition")).toMatch(/^attachment; /)
    expect(fileName(roster.headers.get("content-disposition"))).toBe("志愿者名册导入模板.xlsx")
    const book = await workbookOf(roster.bytes)
    expect(book.worksheets.map((w) => w.name)).toEqual(["志愿者名册", "说明"])
    expect(book.getWorksheet("志愿者名册")?.getRow(1).values).toContain("身份证号码")
    // The region list is the store's.
    expect(JSON.stringify(book.getWorksheet("说明")?.getSheetValues())).toContain("盐都区")

    const attendance = await raw("GET", "/api/import/templates/attendance", { token: s.tokens.tinghu, lang: "zh-CN" })
    expect(attendance.status).toBe(200)
    expect(fileName(attendance.headers.get("content-disposition"))).toBe("签到表导入模板.xlsx")
    expect((await workbookOf(attendance.bytes)).worksheets[0].name).toBe("签到表")

    expect((await raw("GET", "/api/import/templates/volunteers")).status).toBe(401)
  })

  it("in English when the request asks for it (the dashboard sends its own language)", async () => {
    const roster = await raw("GET", "/api/import/templates/volunteers", { token: s.tokens.viewer, lang: "en" })
    expect(roster.status).toBe(200)
    expect(fileName(roster.headers.get("content-disposition"))).toBe("volunteer-import-template.xlsx")
    const book = await workbookOf(roster.bytes)
    const header = (book.worksheets[0].getRow(1).values as Array<unknown>).slice(1)
    expect(header).toContain("ID number")
    expect(header.join("")).not.toMatch(/[\u4e00-\u9fff]/)
    const attendance = await raw("GET", "/api/import/templates/attendance", { token: s.tokens.tinghu, lang: "en" })
    expect(fileName(attendance.headers.get("content-disposition"))).toBe("attendance-import-template.xlsx")
    expect((await workbookOf(attendance.bytes)).worksheets[0].getRow(1).values).toContain("Hours")
  })
})

describe("importing volunteers", () => {
  it("with Accept: application/x-ndjson: progress lines while it runs, then the report, or the refusal, as the last line", async () => {
    const lines = (text: string) =>
      text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
    const file = await xlsx([HEADER, person(141), person(142, { 出生日期: "不详", 身份证号码: "" }), person(143)])
    const plain = await upload("/api/import/volunteers", s.tokens.admin, file, XLSX, "zh-CN")
    const streamed = await raw("POST", "/api/import/volunteers", {
      token: s.tokens.admin,
      body: file,
      contentType: XLSX,
      lang: "zh-CN",
      accept: "application/x-ndjson"
    })
    expect(streamed.status).toBe(200)
    expect(streamed.headers.get("content-type")).toContain("application/x-ndjson")
    const answer = lines(streamed.text)
    const progress = answer.slice(0, -1)
    expect(progress.length).toBeGreaterThanOrEqual(2)
    expect(progress.every((l) => Object.keys(l).join() === "progress")).toBe(true)
    expect(progress.at(-1).progress).toMatchObject({ phase: "done", parsed: 3, validated: 3, failed: 1 })
    // The same report as the plain answer (all-or-nothing with a bad row: nothing written either time).
    expect(answer.at(-1)).toEqual({ report: plain.json })
    expect(plain.json).toMatchObject({ rows: 3, written: 0 })

    // A file refused as a whole: the status it would have had, in the last line.
    const refused = await raw("POST", "/api/import/volunteers", {
      token: s.tokens.admin,
      body: "not a spreadsheet at all \u0000\u0001",
      contentType: "application/octet-stream",
      lang: "en",
      accept: "application/x-ndjson"
    })
    expect(refused.status).toBe(200)
    const last = lines(refused.text).at(-1)
    expect(last.error.status).toBe(400)
    expect(typeof last.error.message).toBe("string")
    expect(last.error.message).not.toMatch(/[\u4e00-\u9fff]/)
    // Refusals before the file is read keep their status.
    const viewer = await raw("POST", "/api/import/volunteers", {
      token: s.tokens.viewer,
      body: file,
      contentType: XLSX,
      accept: "application/x-ndjson"
    })
    expect(viewer.status).toBe(403)
  })

  it("all-or-nothing by default: one bad row stores nothing; the report is row-by-row, summarised and as a workbook", async () => {
    const before = await count("volunteers")
    const file = await xlsx([HEADER, person(101), person(102, { 出生日期: "不详", 身份证号码: "" }), person(103)])
    const r = await upload("/api/import/volunteers", s.tokens.admin, file, XLSX, "zh-CN")
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ mode: "all-or-nothing", committed: false, rows: 3, valid: 2, written: 0 })
    expect(r.json.issues.map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [3, "出生日期"],
      [3, "性别"]
    ])
    expect(r.json.summary).toContain("全部未导入")
    const report = await workbookOf(new Uint8Array(Buffer.from(r.json.workbookBase64, "base64")))
    expect(report.worksheets.map((w) => w.name)).toEqual(["导入结果", "错误明细"])
    expect(report.getWorksheet("错误明细")?.getRow(2).values).toEqual([undefined, 3, "出生日期", r.json.issues[0].message])
    expect(await count("volunteers")).toBe(before)
  })

  it("valid-only stores the good rows, as the signed-in admin (audited under their name)", async () => {
    const before = await count("volunteers")
    const file = await xlsx([HEADER, person(111), person(112, { 出生日期: "不详", 身份证号码: "" }), person(113)])
    const r = await upload("/api/import/volunteers?mode=valid-only", s.tokens.tinghu, file)
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ mode: "valid-only", committed: true, rows: 3, written: 2 })
    expect(r.json.summary).toBe("3 rows, 2 imported, 1 with errors not imported.")
    expect(await count("volunteers")).toBe(before + 2)
    const created = await http(s, "GET", `/api/volunteers${q({ filter: { q: "志愿者111" } })}`, { token: s.tokens.tinghu })
    expect(created.body).toHaveLength(1)
    const audit = await http(s, "GET", `/api/audit-log${q({ filter: { recordId: created.body[0].id } })}`, { token: s.tokens.admin })
    expect(audit.body.map((e: { actorName: string; action: string }) => [e.action, e.actorName])).toContainEqual(["create", "tinghu"])
  })

  it("a CSV (UTF-8 with BOM) works with a text/csv content type; ?region puts every row in one region", async () => {
    const csv = `\ufeff${HEADER.join(",")}\r\n${person(121, { 所属辖区: "" }).join(",")}\r\n`
    const r = await upload(`/api/import/volunteers?region=${YANDU}`, s.tokens.admin, csv, "text/csv")
    expect(r.status).toBe(200)
    expect(r.json.written).toBe(1)
    const created = await http(s, "GET", `/api/volunteers${q({ filter: { q: "志愿者121" } })}`, { token: s.tokens.admin })
    expect(created.body[0].regionCode).toBe(YANDU)
  })

  it("jurisdiction and roles: another region's rows are reported; another region by parameter is 403; viewers 403; no token 401", async () => {
    const file = await xlsx([HEADER, person(131, { 所属辖区: "盐都区" })])
    const own = await upload("/api/import/volunteers?mode=valid-only", s.tokens.tinghu, file)
    expect(own.status).toBe(200)
    expect(own.json.written).toBe(0)
    // The report's language is the request's (English here), column names included.
    expect(own.json.issues[0]).toMatchObject({ row: 2, column: "Region" })
    const forced = await upload(`/api/import/volunteers?region=${YANDU}`, s.tokens.tinghu, file)
    expect(forced.status).toBe(403)
    expect(typeof forced.json.message).toBe("string")
    const viewer = await upload("/api/import/volunteers", s.tokens.viewer, file)
    expect(viewer.status).toBe(403)
    expect((await upload("/api/import/attendance", s.tokens.viewer, file)).status).toBe(403)
    expect((await raw("POST", "/api/import/volunteers", { body: file, contentType: "application/octet-stream" })).status).toBe(401)
  })

  it("a file that is not a spreadsheet is a 400 on `file`, localized; bad modes and unknown regions are 400 too", async () => {
    const junk = new TextEncoder().encode("%PDF-1.7 this is not a roster")
    const zh = await upload(
      "/api/import/volunteers",
      s.tokens.admin,
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]),
      "application/octet-stream",
      "zh-CN"
    )
    expect(zh.status).toBe(400)
    expect(zh.json.errors.file).toContain(".xlsx")
    expect(zh.json.message).toMatch(/^文件/)
    const en = await upload("/api/import/attendance", s.tokens.admin, junk)
    expect(en.status).toBe(400)
    expect(en.json.errors).toHaveProperty("file")
    expect(en.json.message).toMatch(/^file: /)
    const mode = await upload("/api/import/volunteers?mode=some", s.tokens.admin, junk)
    expect(mode.status).toBe(400)
    expect(mode.json.errors).toHaveProperty("mode")
    const region = await upload("/api/import/volunteers?region=atlantis", s.tokens.admin, await xlsx([HEADER, person(141)]))
    expect(region.status).toBe(400)
    expect(region.json.errors).toHaveProperty("region")
    const empty = await upload("/api/import/volunteers", s.tokens.admin, new Uint8Array(0))
    expect(empty.status).toBe(400)
    expect(empty.json.errors).toHaveProperty("file")
  })

  it("uploads are not JSON: JSON and form bodies are 415, and the JSON size limit does not apply to them", async () => {
    const json = await upload("/api/import/volunteers", s.tokens.admin, "{}", "application/json")
    expect(json.status).toBe(415)
    const form = await upload("/api/import/volunteers", s.tokens.admin, "a=b", "application/x-www-form-urlencoded")
    expect(form.status).toBe(415)
    // Other routes still take JSON only.
    expect((await upload("/api/organizations", s.tokens.admin, "x", "application/octet-stream")).status).toBe(415)
  })
})

describe("upload limits", () => {
  let small: TestServer
  beforeAll(async () => {
    small = await startTestServer({ bodyLimit: 8 * 1024, uploadLimit: 128 * 1024 })
  })
  afterAll(() => small?.close())
  const post = (body: Uint8Array | ReadableStream<Uint8Array>) =>
    fetch(`${small.url}/api/import/volunteers?mode=valid-only`, {
      method: "POST",
      headers: { authorization: `Bearer ${small.tokens.admin}`, "content-type": "application/octet-stream", "accept-language": "en" },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {})
    } as RequestInit)

  it("a file over the JSON limit but within the upload limit is imported; over the upload limit is 413, chunked or not", async () => {
    // A long ignored column makes the file ~40 KB: five times the JSON limit.
    const padding = "备注".repeat(10_000)
    const csv = new TextEncoder().encode(`\ufeff${[...HEADER, "备注说明"].join(",")}\r\n${[...person(151), padding].join(",")}\r\n`)
    expect(csv.byteLength).toBeGreaterThan(8 * 1024)
    const ok = await post(csv)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ written: 1, ignoredColumns: ["备注说明"] })

    const big = new Uint8Array(200 * 1024).fill(0x41)
    const declared = await post(big)
    expect(declared.status).toBe(413)
    expect(((await declared.json()) as { message: string }).message).toContain(String(128 * 1024))
    // Without a Content-Length the limit applies while the body is read.
    const chunks = Array.from({ length: 8 }, () => new Uint8Array(32 * 1024).fill(0x42))
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift()
        if (next) controller.enqueue(next)
        else controller.close()
      }
    })
    // The server stops reading there: the client gets the 413 or, still sending, a closed connection.
    const chunked = await post(streamed).then(
      (res) => res.status,
      () => "closed"
    )
    expect([413, "closed"]).toContain(chunked)
  })
})

describe("importing attendance", () => {
  it("records attendance and hours for each row, as the signed-in region admin", async () => {
    // Under way now: attendance needs a started activity, a sign-up one that has not ended.
    const localMinute = (hours: number) => new Date(Date.now() + (8 + hours) * 3_600_000).toISOString().slice(0, 16)
    const day = localDate(-1)
    await s.run(
      Effect.gen(function* () {
        const store = yield* Store
        yield* Effect.orDie(
          store.insert("activities", {
            id: "http-act-1" as ActivityId,
            title: "HTTP导入测试活动",
            category: "rural-revitalization",
            format: "technical-guidance",
            description: "",
            organizerId: null,
            partnerIds: [],
            regionCode: TINGHU as RegionCode,
            channel: "online",
            venue: "",
            startsAt: localMinute(-1),
            endsAt: localMinute(3),
            volunteersNeeded: 10,
            requiredExpertise: [],
            beneficiaryGroup: "",
            beneficiaryCount: 20,
            brandProjectId: null,
            riskLevel: "low",
            safetyPlan: null,
            status: "published",
            cancelReason: "",
            publishedAt: `${day}T00:00:00.000Z`,
            completedAt: null,
            createdAt: `${day}T00:00:00.000Z`,
            updatedAt: `${day}T00:00:00.000Z`
          })
        )
      })
    )
    const [v111] = (await http(s, "GET", `/api/volunteers${q({ filter: { q: "志愿者111" } })}`, { token: s.tokens.tinghu })).body
    const file = await xlsx([
      ["志愿者编号", "活动", "服务时长", "备注"],
      [v111.volunteerNumber, "HTTP导入测试活动", 2.5, "讲解细致"],
      ["YF-NOBODY", "HTTP导入测试活动", 1, ""]
    ])
    const r = await upload("/api/import/attendance?mode=valid-only", s.tokens.tinghu, file, XLSX, "zh-CN")
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ rows: 2, written: 1 })
    expect(r.json.issues).toEqual([expect.objectContaining({ row: 3, column: "志愿者编号" })])
    expect(r.json.summary).toContain("已导入 1 行")
    const participations = await http(s, "GET", `/api/participations${q({ filter: { activityId: "http-act-1" } })}`, {
      token: s.tokens.tinghu
    })
    expect(participations.body.map((p: { volunteerId: string; status: string; hours: number }) => [p.volunteerId, p.status])).toEqual([
      [v111.id, "attended"]
    ])
    const record = await http(s, "GET", `/api/volunteers/${v111.id}/service-record`, { token: s.tokens.tinghu })
    expect(record.body.totalHours).toBe(2.5)
  })
})

describe("exports", () => {
  const ids = { tinghu: residentId(TINGHU, "19560315", "113"), yandu: residentId(YANDU, "19570420", "224") }
  beforeAll(async () => {
    for (const [key, regionCode, phone] of [
      ["tinghu", TINGHU, "13905150001"],
      ["yandu", YANDU, "13905150002"]
    ] as const) {
      const r = await http(s, "POST", "/api/volunteers", {
        token: s.tokens.admin,
        body: {
          name: `导出${key}`,
          gender: "male",
          birthDate: `${ids[key].slice(6, 10)}-${ids[key].slice(10, 12)}-${ids[key].slice(12, 14)}`,
          idNumber: ids[key],
          phone,
          regionCode,
          consentAt: "2025-01-01T00:00:00.000Z"
        }
      })
      if (r.status !== 201) throw new Error(JSON.stringify(r.body))
    }
  })

  it("CSV: UTF-8 with BOM, Chinese headers, the file name, the caller's filter and sort; IDs and phones masked", async () => {
    const r = await raw("GET", `/api/export/volunteers${q({ format: "csv", filter: { q: "导出" }, sort: ["name", "DESC"] })}`, {
      token: s.tokens.admin,
      lang: "zh-CN"
    })
    expect(r.status).toBe(200)
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    expect([...r.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(fileName(r.headers.get("content-disposition"))).toMatch(/^志愿者名册-\d{8}\.csv$/)
    const lines = r.text
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n")
    expect(lines[0].split(",").slice(0, 5)).toEqual(["志愿者编号", "姓名", "性别", "出生日期", "身份证号码"])
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["导出yandu", "导出tinghu"])
    expect(r.text).toContain(maskResidentId(ids.tinghu) as string)
    expect(r.text).not.toContain(ids.tinghu)
    expect(r.text).not.toContain("13905150001")
  })

  it("a region admin's export holds their region's rows only, whatever they filter", async () => {
    const mine = await raw("GET", `/api/export/volunteers${q({ format: "csv", filter: { q: "导出" } })}`, { token: s.tokens.tinghu })
    expect(mine.status).toBe(200)
    const lines = mine.text.trim().split("\r\n")
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain("导出tinghu")
    expect(mine.text).not.toContain("导出yandu")
    const theirs = await raw("GET", `/api/export/volunteers${q({ format: "csv", filter: { q: "导出", regionCode: YANDU } })}`, {
      token: s.tokens.tinghu
    })
    expect(theirs.text.trim().split("\r\n")).toHaveLength(1)
  })

  it(".xlsx by default, streamed as a workbook with the same rows", async () => {
    const r = await raw("GET", `/api/export/volunteers${q({ filter: { q: "导出" }, sort: ["name", "ASC"] })}`, {
      token: s.tokens.viewer,
      lang: "zh-CN"
    })
    expect(r.status).toBe(200)
    expect(r.headers.get("content-type")).toBe(XLSX)
    expect(fileName(r.headers.get("content-disposition"))).toMatch(/^志愿者名册-\d{8}\.xlsx$/)
    const rows = await sheetRows(r.bytes)
    expect(rows.slice(1).map((row) => row[1])).toEqual(["导出tinghu", "导出yandu"])
    expect(JSON.stringify(rows)).not.toContain(ids.yandu)
  })

  it("reveal=1 gives admins clear values (audited) and is refused for viewers before any byte is sent", async () => {
    const admin = await raw("GET", `/api/export/volunteers${q({ format: "csv", filter: { q: "导出tinghu" }, reveal: "1" })}`, {
      token: s.tokens.tinghu
    })
    expect(admin.status).toBe(200)
    expect(admin.text).toContain(ids.tinghu)
    expect(admin.text).toContain("13905150001")
    const viewer = await raw("GET", `/api/export/volunteers${q({ format: "csv", reveal: "1" })}`, { token: s.tokens.viewer })
    expect(viewer.status).toBe(403)
    expect(viewer.headers.get("content-type")).toMatch(/application\/json/)
    expect(viewer.headers.get("content-disposition")).toBeNull()
    expect(viewer.json.message).toMatch(/sensitive/i)
  })

  it("bad parameters are 400 naming the parameter; users and sessions cannot be exported; no token is 401", async () => {
    for (const [params, param] of [
      [{ filter: "{not json" }, "filter"],
      [{ filter: { idNumber: ids.tinghu } }, "filter"],
      [{ filter: { nosuchfield: 1 } }, "filter"],
      [{ sort: ["phone", "ASC"] }, "sort"],
      [{ format: "pdf" }, "format"],
      [{ reveal: "yes please" }, "reveal"]
    ] as const) {
      const r = await http(s, "GET", `/api/export/volunteers${q(params)}`, { token: s.tokens.admin })
      expect(r.status, JSON.stringify(params)).toBe(400)
      expect(Object.keys(r.body.errors)).toEqual([param])
    }
    for (const resource of ["users", "sessions", "nothing"]) {
      const r = await http(s, "GET", `/api/export/${resource}`, { token: s.tokens.admin })
      expect(r.status).toBe(400)
      expect(r.body.errors).toHaveProperty("resource")
    }
    expect((await http(s, "GET", "/api/export/volunteers")).status).toBe(401)
  })

  it("other resources export with their own whitelist and Chinese title", async () => {
    const r = await raw("GET", `/api/export/regions${q({ format: "csv", filter: { kind: "county" }, sort: ["sortOrder", "ASC"] })}`, {
      token: s.tokens.viewer,
      lang: "zh-CN"
    })
    expect(r.status).toBe(200)
    expect(fileName(r.headers.get("content-disposition"))).toMatch(/^辖区-\d{8}\.csv$/)
    const lines = r.text.trim().split("\r\n")
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.slice(1).every((l) => l.includes(",县,"))).toBe(true)
  })

  it("in English when the request asks for it: file name, headers and labels", async () => {
    const r = await raw("GET", `/api/export/volunteers${q({ format: "csv", filter: { q: "导出" }, sort: ["name", "DESC"] })}`, {
      token: s.tokens.admin,
      lang: "en"
    })
    expect(r.status).toBe(200)
    expect(fileName(r.headers.get("content-disposition"))).toMatch(/^volunteers-\d{4}-\d{2}-\d{2}\.csv$/)
    const lines = r.text
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n")
    expect(lines[0].split(",").slice(0, 5)).toEqual(["Volunteer number", "Name", "Gender", "Date of birth", "ID number"])
    expect(lines[0]).not.toMatch(/[\u4e00-\u9fff]/)
    // The same rows, masked as in Chinese.
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["导出yandu", "导出tinghu"])
    expect(r.text).not.toContain(ids.tinghu)
    const regions = await raw("GET", `/api/export/regions${q({ format: "csv", filter: { kind: "county" } })}`, {
      token: s.tokens.viewer,
      lang: "en"
    })
    expect(fileName(regions.headers.get("content-disposition"))).toMatch(/^regions-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(
      regions.text
        .replace(/^\ufeff/, "")
        .split("\r\n")
        .slice(1, -1)
        .every((l) => l.includes(",County,"))
    ).toBe(true)
  })
})

describe("certificates", () => {
  let volunteer: { id: string; volunteerNumber: string }
  let clearId: string
  let issued: { id: string; certificateNumber: string } & Record<string, unknown>
  beforeAll(async () => {
    ;[volunteer] = (await http(s, "GET", `/api/volunteers${q({ filter: { q: "志愿者111" } })}`, { token: s.tokens.tinghu })).body
    clearId = (await http(s, "GET", `/api/volunteers/${volunteer.id}/sensitive`, { token: s.tokens.tinghu })).body.idNumber
    expect(clearId).toMatch(/^\d{17}[\dX]$/)
  })

  it("issue: 201 with the frozen record for admins of the region; 403 for viewers; 404 out of jurisdiction", async () => {
    const body = { issuer: "中共盐城市亭湖区委老干部局", personInCharge: "李主任", contact: "0515-88880000" }
    expect((await http(s, "POST", `/api/certificates/${volunteer.id}/issue`, { token: s.tokens.viewer, body })).status).toBe(403)
    expect((await http(s, "POST", `/api/certificates/${volunteer.id}/issue`, { token: s.tokens.yandu, body })).status).toBe(404)
    const bad = await http(s, "POST", `/api/certificates/${volunteer.id}/issue`, {
      token: s.tokens.tinghu,
      body: { periodFrom: "2026-13-01" }
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toHaveProperty("periodFrom")
    const r = await http(s, "POST", `/api/certificates/${volunteer.id}/issue`, { token: s.tokens.tinghu, body })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      volunteerId: volunteer.id,
      volunteerNumber: volunteer.volunteerNumber,
      totalHours: 2.5,
      regionCode: TINGHU
    })
    expect(r.body.certificateNumber).toMatch(/^YFZM-\d{4}-\d{6}-[0-9A-Z]{4}$/)
    expect(r.body.maskedIdNumber).toBe(maskResidentId(clearId))
    issued = r.body
  })

  it("a read-only, scoped resource: list with Content-Range, getOne; writes are 405", async () => {
    const list = await http(s, "GET", `/api/certificates${q({ filter: { volunteerId: volunteer.id } })}`, { token: s.tokens.tinghu })
    expect(list.status).toBe(200)
    expect(list.headers.get("content-range")).toBe("certificates 0-0/1")
    expect(list.body[0].id).toBe(issued.id)
    const yandu = await http(s, "GET", `/api/certificates${q({ filter: { volunteerId: volunteer.id } })}`, { token: s.tokens.yandu })
    expect(yandu.body).toEqual([])
    expect(yandu.headers.get("content-range")).toBe("certificates */0")
    expect((await http(s, "GET", `/api/certificates/${issued.id}`, { token: s.tokens.viewer })).status).toBe(200)
    expect((await http(s, "GET", `/api/certificates/${issued.id}`, { token: s.tokens.yandu })).status).toBe(404)
    expect((await http(s, "POST", "/api/certificates", { token: s.tokens.admin, body: {} })).status).toBe(405)
    expect((await http(s, "DELETE", `/api/certificates/${issued.id}`, { token: s.tokens.admin })).status).toBe(405)
  })

  it("the printable document: HTML with the masked ID (never the clear one) and this server's verification address", async () => {
    const r = await raw("GET", `/api/certificates/${issued.id}/document`, { token: s.tokens.tinghu, lang: "zh-CN" })
    expect(r.status).toBe(200)
    expect(fileName(r.headers.get("content-disposition"))).toBe(`志愿服务证明-${issued.certificateNumber}.html`)
    expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'")
    expect(r.text).toContain("志愿服务证明")
    expect(r.text).toContain(maskResidentId(clearId) as string)
    expect(r.text).not.toContain(clearId)
    expect(r.text).toContain(`${s.url}/api/certificates/verify/${issued.certificateNumber}`)
    expect((await raw("GET", `/api/certificates/${issued.id}/document`, { token: s.tokens.yandu })).status).toBe(404)
    expect((await raw("GET", `/api/certificates/${issued.id}/document`)).status).toBe(401)

    const english = await raw("GET", `/api/certificates/${issued.id}/document`, { token: s.tokens.tinghu, lang: "en" })
    expect(english.status).toBe(200)
    expect(fileName(english.headers.get("content-disposition"))).toBe(`service-certificate-${issued.certificateNumber}.html`)
    expect(english.text).toContain('<html lang="en">')
    expect(english.text).toContain("Service certificate")
    expect(english.text).toContain(maskResidentId(clearId) as string)
    expect(english.text).not.toContain(clearId)
  })

  it("verification is public and tells only what the paper shows", async () => {
    const r = await http(s, "GET", `/api/certificates/verify/${issued.certificateNumber}`)
    expect(r.status).toBe(200)
    expect(Object.keys(r.body).sort()).toEqual(
      [
        "certificateNumber",
        "issuedOn",
        "issuer",
        "maskedIdNumber",
        "periodFrom",
        "periodTo",
        "serviceSummary",
        "starLevel",
        "totalHours",
        "volunteerName",
        "volunteerNumber"
      ].sort()
    )
    expect(r.body).toMatchObject({ certificateNumber: issued.certificateNumber, totalHours: 2.5, maskedIdNumber: maskResidentId(clearId) })
    expect(r.body.issuer).toEqual({ name: "中共盐城市亭湖区委老干部局", personInCharge: "李主任", contact: "0515-88880000" })
    const text = JSON.stringify(r.body)
    for (const secret of [clearId, volunteer.id, issued.id, TINGHU, s.userIds.tinghu]) expect(text).not.toContain(secret)
    // What people type: lower case, spaces.
    const typed = await http(s, "GET", `/api/certificates/verify/${encodeURIComponent(` ${issued.certificateNumber.toLowerCase()} `)}`)
    expect(typed.status).toBe(200)
    const unknown = await http(s, "GET", `/api/certificates/verify/${issued.certificateNumber.slice(0, -4)}ZZZZ`)
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ message: "Record not found" })
    expect((await http(s, "GET", "/api/certificates/verify/anything")).status).toBe(404)
  })

  it("the printed address opened in a browser is a page a person reads, in their language; programs still get JSON", async () => {
    const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    const path = `/api/certificates/verify/${issued.certificateNumber}`
    const page = await raw("GET", path, { accept: browser, lang: "zh-CN,zh;q=0.9" })
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'")
    expect(page.headers.get("vary")).toContain("accept")
    expect(page.text).toContain(`编号为 ${issued.certificateNumber} 的志愿服务证明真实有效`)
    // The four blocks as the certificate shows them, the masked ID, and nothing the paper does not.
    for (const heading of ["一、身份信息", "二、服务记录", "三、出具单位", "四、证明编号"])
      expect(page.text).toContain(`<h2>${heading}</h2>`)
    expect(page.text).toContain(maskResidentId(clearId) as string)
    expect(page.text).toContain("中共盐城市亭湖区委老干部局")
    for (const secret of [clearId, volunteer.id, issued.id, s.userIds.tinghu]) expect(page.text).not.toContain(secret)
    expect(page.text).not.toContain("<script")

    // Typed in lower case with spaces, the page still names the certificate as it is printed.
    const typed = await raw("GET", `/api/certificates/verify/${encodeURIComponent(` ${issued.certificateNumber.toLowerCase()} `)}`, {
      accept: browser,
      lang: "zh-CN"
    })
    expect(typed.status).toBe(200)
    expect(typed.text).toContain(`编号为 ${issued.certificateNumber} 的志愿服务证明真实有效`)
    expect(typed.text).not.toContain(issued.certificateNumber.toLowerCase())

    const english = await raw("GET", path, { accept: browser, lang: "en" })
    expect(english.text).toContain('<html lang="en">')
    expect(english.text).toContain(`The service certificate numbered ${issued.certificateNumber} is genuine.`)
    expect(english.text).toContain("<h2>1. Identity</h2>")

    const unknown = await raw("GET", `/api/certificates/verify/${encodeURIComponent("YFZM-<b>1</b>")}`, { accept: browser, lang: "zh-CN" })
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(unknown.text).toContain("未找到编号为 YFZM-&lt;b&gt;1&lt;/b&gt; 的志愿服务证明")
    expect(unknown.text).not.toContain("<b>1</b>")

    // The dashboard's check, fetch's default and a q=0 refusal of HTML all get the JSON.
    for (const accept of ["application/json", "*/*", "text/html;q=0, application/json"]) {
      const json = await raw("GET", path, { accept, lang: "zh-CN" })
      expect(json.status).toBe(200)
      expect(json.json).toMatchObject({ certificateNumber: issued.certificateNumber, maskedIdNumber: maskResidentId(clearId) })
    }
  })
})

describe("report pack", () => {
  it("xlsx: the six sheets; html: the printable page; a region admin always gets their own region", async () => {
    const from = `${localDate(0).slice(0, 4)}-01-01`
    const to = localDate(0)
    const xlsxPack = await raw("GET", `/api/report-pack${q({ from, to })}`, { token: s.tokens.admin, lang: "zh-CN" })
    expect(xlsxPack.status).toBe(200)
    expect(xlsxPack.headers.get("content-type")).toBe(XLSX)
    expect(fileName(xlsxPack.headers.get("content-disposition"))).toBe(`志愿服务工作报表-${from}-${to}.xlsx`)
    const book = await workbookOf(xlsxPack.bytes)
    expect(book.worksheets.map((w) => w.name)).toEqual(["概览", "月度", "覆盖", "经验报送", "品牌项目", "先进典型"])
    const overview = (b: ExcelJS.Workbook) => b.getWorksheet("概览")?.getRow(2).values as Array<unknown>
    const cityActive = overview(book)[2] as number

    const mine = await raw("GET", `/api/report-pack${q({ from, to, regionCode: YANDU, format: "html" })}`, {
      token: s.tokens.tinghu,
      lang: "zh-CN"
    })
    expect(mine.status).toBe(200)
    expect(mine.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(mine.text).toContain("亭湖区")
    expect(mine.text).not.toMatch(/<h1>[^<]*盐都区/)
    const tinghuBook = await workbookOf(
      (await raw("GET", `/api/report-pack${q({ from, to })}`, { token: s.tokens.tinghu, lang: "zh-CN" })).bytes
    )
    expect(overview(tinghuBook)[2]).toBeLessThan(cityActive)

    expect((await http(s, "GET", `/api/report-pack${q({ from: "yesterday" })}`, { token: s.tokens.admin })).status).toBe(400)
    const format = await http(s, "GET", `/api/report-pack${q({ format: "pdf" })}`, { token: s.tokens.admin })
    expect(format.status).toBe(400)
    expect(format.body.errors).toHaveProperty("format")
    // The parameter's name as typed, not the activity field of the same name (活动形式).
    const zhFormat = await http(s, "GET", `/api/report-pack${q({ format: "pdf" })}`, {
      token: s.tokens.admin,
      headers: { "accept-language": "zh-CN" }
    })
    expect(zhFormat.body.message).toBe("参数 format 无效：xlsx | html")
    expect((await http(s, "GET", "/api/report-pack")).status).toBe(401)

    const english = await raw("GET", `/api/report-pack${q({ from, to })}`, { token: s.tokens.admin, lang: "en" })
    expect(fileName(english.headers.get("content-disposition"))).toBe(`report-pack-${from}-${to}.xlsx`)
    const englishBook = await workbookOf(english.bytes)
    expect(englishBook.worksheets).toHaveLength(6)
    expect(englishBook.worksheets.map((w) => w.name).join("")).not.toMatch(/[\u4e00-\u9fff]/)
    // The same figures in either language: the overview's value column.
    const figures = (sheet: ExcelJS.Worksheet | undefined) => sheet?.getColumn(2).values.slice(2)
    expect(figures(englishBook.worksheets[0])).toEqual(figures(book.getWorksheet("概览")))
    expect(englishBook.worksheets[0].getRow(2).getCell(2).value).toBe(cityActive)
    const page = await raw("GET", `/api/report-pack${q({ from, to, format: "html" })}`, { token: s.tokens.admin, lang: "en" })
    expect(page.text).toContain('lang="en"')
  })
})

describe("an audit entry in words", () => {
  it("GET /api/audit-log/:id/changes: labels, region and organisation names, the city's clock, in the caller's language; scoped", async () => {
    const partner = await http(s, "POST", "/api/organizations", {
      token: s.tokens.tinghu,
      body: { name: "亭湖区关工委（审计测试）", kind: "partner", regionCode: TINGHU }
    })
    expect(partner.status).toBe(201)
    const created = await http(s, "POST", "/api/activities", {
      token: s.tokens.tinghu,
      body: {
        title: "审计可读性测试活动",
        category: "party-story",
        format: "party-class",
        regionCode: TINGHU,
        channel: "online",
        startsAt: "2027-03-01T09:00",
        endsAt: "2027-03-01T11:00",
        volunteersNeeded: 3,
        partnerIds: [partner.body.id]
      }
    })
    expect(created.status).toBe(201)
    const entries = await http(s, "GET", `/api/audit-log${q({ filter: { recordId: created.body.id }, range: [0, 9] })}`, {
      token: s.tokens.tinghu
    })
    const entry = entries.body.find((e: { action: string }) => e.action === "create")
    const path = `/api/audit-log/${entry.id}/changes`

    const zh = await raw("GET", path, { token: s.tokens.tinghu, lang: "zh-CN" })
    expect(zh.status).toBe(200)
    const byField = new Map((zh.json as Array<{ field: string }>).map((c) => [c.field, c]))
    expect(byField.get("partnerIds")).toEqual({ field: "partnerIds", label: "协办单位", before: null, after: "亭湖区关工委（审计测试）" })
    expect(byField.get("regionCode")).toMatchObject({ label: "辖区", after: "亭湖区" })
    expect(byField.get("category")).toMatchObject({ after: "讲好党的故事" })
    expect(byField.get("startsAt")).toMatchObject({ after: "2027-03-01 09:00" })
    expect(byField.get("status")).toMatchObject({ after: "草稿" })
    expect(byField.has("id")).toBe(false)
    expect(zh.text).not.toContain(partner.body.id)

    const en = await raw("GET", path, { token: s.tokens.tinghu, lang: "en" })
    expect((en.json as Array<{ field: string; label: string }>).find((c) => c.field === "status")).toMatchObject({
      label: "Status",
      after: "Draft"
    })

    // Another region's admin does not see the entry at all.
    expect((await raw("GET", path, { token: s.tokens.yandu })).status).toBe(404)
    expect((await raw("GET", "/api/audit-log/no-such-entry/changes", { token: s.tokens.admin })).status).toBe(404)
    expect((await raw("GET", path)).status).toBe(401)
  })
})

describe("OpenAPI", () => {
  it("documents the new routes: binary uploads, file downloads, and a verification without security", async () => {
    const spec = (await http(s, "GET", "/api/openapi.json")).body
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/import/templates/volunteers",
        "/api/import/templates/attendance",
        "/api/import/volunteers",
        "/api/import/attendance",
        "/api/export/{resource}",
        "/api/report-pack",
        "/api/certificates",
        "/api/certificates/{id}/issue",
        "/api/certificates/{id}/document",
        "/api/certificates/verify/{number}"
      ])
    )
    const upload = spec.paths["/api/import/volunteers"].post
    expect(Object.keys(upload.requestBody.content)).toContain("application/octet-stream")
    expect(upload.requestBody.content["application/octet-stream"].schema).toMatchObject({ type: "string", format: "binary" })
    expect(upload.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["mode", "region"]))
    expect(spec.paths["/api/export/{resource}"].get.security.length).toBeGreaterThan(0)
    expect(spec.paths["/api/certificates/verify/{number}"].get.security).toEqual([])
  })
})
