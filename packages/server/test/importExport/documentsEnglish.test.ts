import { describe, expect, it } from "@effect/vitest"
import {
  type BrandProjectId,
  Certificates,
  type CertificateVerification,
  type ExemplarId,
  type ExperienceReportId,
  Q,
  type RegionCode,
  Store,
  type UserId,
  type VolunteerId
} from "@yinfa/core"
import ExcelJS from "exceljs"
import { Effect } from "effect"
import { certificateHtml, documentDate, escapeHtml } from "../../src/importExport/certificateDocument.js"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"
import { enumLabel } from "../../src/importExport/labels.js"
import { reportPack, reportPackData, reportPackHtml } from "../../src/importExport/reportPack.js"
import { activity, as, atMarch20, cityAdmin, HEADER, person, testLayer, tinghuAdmin, yanduAdmin } from "./support.js"

const CHINESE = /[\u4e00-\u9fff]/

/** The stored summary is the issued record's content, in Chinese whatever language the page is in. */
const STORED_SUMMARY_LINES = ["讲好党的故事 3 小时", "促进乡村振兴 9.5 小时"]

/** A certificate whose values are all latin except the stored service summary. */
const issued: CertificateVerification = {
  certificateNumber: "YFZM-2026-000007-7KQD",
  volunteerName: "Wang Jianguo",
  volunteerNumber: "YC2021000001",
  maskedIdNumber: `3209${"*".repeat(10)}001X`,
  totalHours: 12.5,
  starLevel: 2,
  serviceSummary: STORED_SUMMARY_LINES.join("；"),
  periodFrom: "2026-01-05",
  periodTo: "2026-03-18",
  issuer: { name: "Tinghu District Bureau of Veteran Cadres", personInCharge: "Li Ming", contact: "0515-88880000" },
  issuedOn: "2026-03-20"
}

describe("documents in English", () => {
  it("document dates follow the language: Chinese as before, English day month year", () => {
    expect(documentDate("2026-03-20", "zh-CN")).toBe("2026年3月20日")
    expect(documentDate("2026-03-20")).toBe("2026年3月20日")
    expect(documentDate("2026-01-01", "en")).toBe("1 January 2026")
    expect(documentDate("2026-12-31T23:59:59.999Z", "en")).toBe("31 December 2026")
    expect(documentDate(null, "en")).toBe("")
  })

  it("the English certificate labels every block in English; only the stored summary stays Chinese", () => {
    const html = certificateHtml(issued, { baseUrl: "https://yinfa.example.gov.cn", locale: "en" })
    expect(html).toContain('<html lang="en">')
    expect(html).toContain("<title>Service certificate YFZM-2026-000007-7KQD</title>")
    expect(html).toContain("<h1>Service certificate</h1>")
    expect(html).toContain("This is to certify that <strong>Wang Jianguo</strong> took part in")
    expect(html).toContain("“A new journey begins — silver hair sets out again”")
    for (const heading of ["1. Identity", "2. Service record", "3. Issued by", "4. Certificate number"])
      expect(html).toContain(`<h2>${heading}</h2>`)
    for (const label of [
      "Name",
      "Volunteer number",
      "ID card number",
      "Service hours",
      "Star level",
      "Service by category",
      "Service period",
      "Issuing body",
      "Person in charge",
      "Contact telephone",
      "Certificate number",
      "Date of issue"
    ])
      expect(html).toContain(`<th>${label}</th>`)
    expect(html).toContain("<td>12.5 hours</td>")
    expect(html).toContain('aria-label="2 of 5 stars">★★☆☆☆</span> (2 of 5 stars)')
    expect(html).toContain(`<td>${issued.maskedIdNumber}</td>`)
    expect(html).toContain("<td>5 January 2026 to 18 March 2026</td>")
    expect(html).toContain("Tinghu District Bureau of Veteran Cadres (seal)<br>20 March 2026")
    expect(html).toContain(
      `The authenticity of this certificate can be verified by its number at: <span class="url">https://yinfa.example.gov.cn/api/certificates/verify/YFZM-2026-000007-7KQD</span>`
    )
    // The stored summary is split into its lines, shown as issued.
    expect(html).toContain(`<ul>${STORED_SUMMARY_LINES.map((l) => `<li>${l}</li>`).join("")}</ul>`)
    const withoutRecord = STORED_SUMMARY_LINES.reduce((page, line) => page.replace(line, ""), html)
    expect(withoutRecord.match(CHINESE)).toBeNull()
    // Latin fonts first for English, the CJK ones kept for Chinese values.
    expect(html).toContain('html:lang(en) body { font-family: "Times New Roman"')
  })

  it("an English certificate without a recorded ID says so in English", () => {
    const html = certificateHtml({ ...issued, maskedIdNumber: null, periodFrom: null, periodTo: null }, { locale: "en" })
    expect(html).toContain("<td>(not recorded)</td>")
    expect(html).toContain("<tr><th>Service period</th><td></td></tr>")
    expect(html).toContain(`at: <span class="url">/api/certificates/verify/YFZM-2026-000007-7KQD</span>`)
  })

  it.effect("an issued certificate's stored Chinese summary is listed item by item on the English page", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const store = yield* Store
      yield* importVolunteers({ bytes: yield* Effect.promise(() => latinRoster()) }).pipe(as(cityAdmin))
      const [volunteer] = (yield* store.list("volunteers", Q.all([Q.eq("name", "Wang Jianguo")]))).rows
      yield* Effect.orDie(store.insert("service-hours", hours("h-1", volunteer.id, "party-story", 3, "2026-02-10")))
      yield* Effect.orDie(store.insert("service-hours", hours("h-2", volunteer.id, "rural-revitalization", 9.5, "2026-03-10")))
      const certificates = yield* Certificates
      const certificate = yield* certificates
        .issue(volunteer.id, { issuer: "Tinghu District Bureau of Veteran Cadres", personInCharge: "Li Ming", contact: "0515-1" })
        .pipe(as(tinghuAdmin))
      // Stored in Chinese, the language certificates are issued in.
      expect(certificate.serviceSummary).toBe(STORED_SUMMARY_LINES.join("；"))
      const html = certificateHtml(yield* certificates.verify(certificate.certificateNumber), { locale: "en" })
      expect(html).toContain(`<ul>${STORED_SUMMARY_LINES.map((l) => `<li>${l}</li>`).join("")}</ul>`)
      expect(html).toContain("<td>12.5 hours</td>")
      expect(html).toContain("<td>10 February 2026 to 10 March 2026</td>")
      const withoutRecord = STORED_SUMMARY_LINES.reduce((page, line) => page.replace(line, ""), html)
      expect(withoutRecord.match(CHINESE)).toBeNull()
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("the English report pack: sheet names, headers, labels, region names and the page in English", () =>
    Effect.gen(function* () {
      yield* latinData
      const pack = yield* reportPack({ from: "2026-01-01", to: "2026-03-31" }, "en").pipe(as(cityAdmin))
      expect(pack.title).toBe("Volunteer service report (1 January 2026 – 31 March 2026, whole city)")

      const workbook = new ExcelJS.Workbook()
      yield* Effect.promise(() => workbook.xlsx.load(Buffer.from(pack.workbook) as never))
      expect(workbook.creator).toBe("Silver Hair Sets Out Again")
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        "Overview",
        "Monthly",
        "Coverage",
        "Experience reports",
        "Brand projects",
        "Exemplars"
      ])
      const header = (sheet: string) => workbook.getWorksheet(sheet)?.getRow(1).values
      expect(header("Overview")).toEqual([undefined, "Indicator", "Value"])
      expect(header("Coverage")).toEqual([undefined, "Region", "Category", "Activities held", "Service hours"])
      expect(header("Experience reports")).toEqual([undefined, "Title", "Category", "Region", "Status", "Submitted on", "Featured"])
      expect(header("Exemplars")).toEqual([undefined, "Year", "Level", "Volunteer", "Honour", "Region", "Citation"])

      const overview = workbook.getWorksheet("Overview")
      expect(overview?.getRow(2).values).toEqual([undefined, "Registered volunteers", 2])
      const labels = overview?.getColumn(1).values.filter((v): v is string => typeof v === "string") ?? []
      expect(labels).toContain("Age under 55")
      expect(labels).toContain("Age 65-69")
      expect(labels).toContain("Age 80 and over")
      expect(labels).toContain(`Service hours · ${enumLabel("category", "rural-revitalization", "en")}`)
      expect(labels).toContain("Service hours · Tinghu District")

      const coverage: Array<unknown> = []
      workbook.getWorksheet("Coverage")?.eachRow((row) => coverage.push(row.values))
      expect(coverage).toContainEqual([undefined, "Tinghu District", enumLabel("category", "rural-revitalization", "en"), 1, 12])
      expect(coverage).toContainEqual([undefined, "Yandu District", enumLabel("category", "party-story", "en"), 0, 0])
      const report = workbook.getWorksheet("Experience reports")?.getRow(2).values
      expect(report).toEqual([
        undefined,
        "Farming advice that works",
        enumLabel("category", "rural-revitalization", "en"),
        "Tinghu District",
        enumLabel("reportStatus", "published", "en"),
        "2026-02-15",
        "yes"
      ])
      expect(workbook.getWorksheet("Exemplars")?.getRow(2).values).toEqual([
        undefined,
        2026,
        enumLabel("exemplarLevel", "county", "en"),
        `Wang Jianguo (${yield* volunteerNumberOf("Wang Jianguo")})`,
        "Model volunteer",
        "Tinghu District",
        "Forty years of farm advice"
      ])
      // Every cell of every sheet: the data is latin, so any Chinese would be a label left untranslated.
      for (const sheet of workbook.worksheets)
        sheet.eachRow((row) => row.eachCell((cell) => expect(String(cell.value), `${sheet.name} ${cell.address}`).not.toMatch(CHINESE)))

      expect(pack.html).toContain('<html lang="en">')
      expect(pack.html).toContain("<h2>Exemplars</h2>")
      expect(pack.html).toContain("<th>Experience reports submitted</th>")
      expect(pack.html).toContain("does not rank individuals")
      expect(pack.html.match(CHINESE)).toBeNull()
      // On paper, coverage is a region by category table with totals; the overview leaves the hours by to it.
      const matrix = pack.html.slice(pack.html.indexOf("<h2>Coverage"), pack.html.indexOf("<h2>Experience"))
      expect(matrix).toContain("<h2>Coverage of the five focus areas (activities held / service hours)</h2>")
      const rural = enumLabel("category", "rural-revitalization", "en")
      expect(matrix).toContain(`<th>Region</th><th>${escapeHtml(enumLabel("category", "party-story", "en"))}</th><th>${rural}</th>`)
      const cells = (row: string) =>
        [...(new RegExp(`<tr[^>]*><td[^>]*>${row}</td>(.*?)</tr>`).exec(matrix)?.[1] ?? "").matchAll(/<td[^>]*>(.*?)<\/td>/g)].map(
          (m) => m[1]
        )
      expect(cells("Tinghu District")).toEqual(["—", "1 held<br>12 h", "—", "—", "—", "1 held<br>12 h"])
      expect(cells("Yandu District")).toEqual(["—", "—", "—", "—", "—", "—"])
      expect(cells("Total")).toEqual(["—", "1 held<br>12 h", "—", "—", "—", "1 held<br>12 h"])
      expect(matrix).toMatch(/<tr class="total"><td[^>]*>Total<\/td>/)
      expect(pack.html).not.toContain("Service hours · Tinghu District")
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("an English pack of one region names it in English, and an empty table says so in English", () =>
    Effect.gen(function* () {
      yield* latinData
      const yandu = yield* reportPackData({ from: "2026-01-01", to: "2026-03-31" }, "en").pipe(as(yanduAdmin))
      expect(yandu.title).toBe("Volunteer service report (1 January 2026 – 31 March 2026, Yandu District)")
      const tinghu = yield* reportPackData({ from: "2026-01-01", to: "2026-03-31", regionCode: "320902" }, "en").pipe(as(cityAdmin))
      expect(tinghu.title).toBe("Volunteer service report (1 January 2026 – 31 March 2026, Tinghu District)")
      // The page follows the language the pack was written in unless told otherwise.
      const page = reportPackHtml(yandu)
      expect(page).toContain('<html lang="en">')
      expect(page).toContain('<p class="muted">(none)</p>')
      expect(page.match(CHINESE)).toBeNull()
    }).pipe(Effect.provide(testLayer()))
  )
})

const latinRoster = async () => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet("roster")
  sheet.addRow(HEADER)
  sheet.addRow(person(1, { 姓名: "Wang Jianguo", 原单位: "Tinghu Farm Bureau" }))
  sheet.addRow(person(2, { 姓名: "Li Hua", 原单位: "Tinghu Farm Bureau" }))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const hours = (id: string, volunteerId: VolunteerId, category: "party-story" | "rural-revitalization", amount: number, day: string) => ({
  id: id as never,
  volunteerId,
  regionCode: "320902" as RegionCode,
  category,
  source: "attendance" as const,
  participationId: null,
  pairingId: null,
  checkInId: null,
  serviceDate: day,
  hours: amount,
  reason: "",
  recordedBy: "u-city" as UserId,
  recordedAt: `${day}T08:00:00.000Z`,
  late: false
})

const volunteerNumberOf = (name: string) =>
  Effect.gen(function* () {
    const found = yield* Effect.orDie((yield* Store).list("volunteers", Q.all([Q.eq("name", name)])))
    return found.rows[0]?.volunteerNumber
  })

const STAMP = "2026-01-01T00:00:00.000Z"

/** Two Tinghu volunteers with latin names, a completed activity, hours, a published report, a brand project and an exemplar. */
const latinData = Effect.gen(function* () {
  yield* atMarch20
  const store = yield* Store
  yield* importVolunteers({ bytes: yield* Effect.promise(() => latinRoster()) }).pipe(as(cityAdmin))
  const [volunteer] = (yield* store.list("volunteers", Q.all([Q.eq("name", "Wang Jianguo")]))).rows
  yield* Effect.orDie(
    store.insert(
      "activities",
      activity("act-1", {
        title: "Farm advice in Biancang",
        status: "completed",
        startsAt: "2026-03-02T09:00",
        endsAt: "2026-03-02T12:00",
        completedAt: "2026-03-02T04:00:00.000Z"
      })
    )
  )
  yield* Effect.orDie(store.insert("service-hours", hours("h-1", volunteer.id, "rural-revitalization", 12, "2026-03-02")))
  yield* Effect.orDie(
    store.insert("experience-reports", {
      id: "r-1" as ExperienceReportId,
      title: "Farming advice that works",
      category: "rural-revitalization",
      regionCode: "320902" as RegionCode,
      body: "What we learned",
      activityIds: [],
      status: "published",
      reviewerNotes: "",
      featured: true,
      authorId: "u-tinghu" as UserId,
      submittedAt: "2026-02-15T02:00:00.000Z",
      reviewedAt: "2026-02-20T02:00:00.000Z",
      publishedAt: "2026-02-21T02:00:00.000Z",
      createdAt: STAMP,
      updatedAt: STAMP
    })
  )
  yield* Effect.orDie(
    store.insert("brand-projects", {
      id: "bp-1" as BrandProjectId,
      name: "Silver Farm Advisers",
      description: "Retired agronomists advise farmers",
      category: "rural-revitalization",
      ownerOrganizationId: null,
      regionCode: "320902" as RegionCode,
      yearStarted: 2024,
      createdAt: STAMP,
      updatedAt: STAMP
    })
  )
  yield* Effect.orDie(
    store.insert("exemplars", {
      id: "ex-1" as ExemplarId,
      volunteerId: volunteer.id,
      level: "county",
      year: 2026,
      title: "Model volunteer",
      citation: "Forty years of farm advice",
      regionCode: "320902" as RegionCode,
      createdAt: STAMP,
      updatedAt: STAMP
    })
  )
})
