import { describe, expect, it } from "@effect/vitest"
import {
  type CertificateId,
  type Locale,
  type OrganizationId,
  type PairingId,
  Participations,
  Q,
  type RegionCode,
  RESOURCES,
  Store,
  type UserId,
  type VolunteerId
} from "@yinfa/core"
import { Effect } from "effect"
import {
  EXPORTABLE,
  type ExportableResource,
  exportFileName,
  exportHeaders,
  RESOURCE_TITLES,
  resourceTitle
} from "../../src/importExport/exportList.js"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"
import { rosterHeaders } from "../../src/importExport/parseRoster.js"
import {
  activity,
  as,
  atMarch20,
  cityAdmin,
  exportBytes,
  firstSheet,
  ROSTER_HEADERS,
  residentId,
  rosterFields,
  testLayer,
  viewer,
  xlsx
} from "./support.js"

const CHINESE = /[\u4e00-\u9fff]/
const LOCALES: ReadonlyArray<Locale> = ["zh-CN", "en"]
const RESOURCE_NAMES = Object.keys(EXPORTABLE) as Array<ExportableResource>

/** CSV lines split into cells (the test data has no quoted commas in the columns read). */
const csvLines = (bytes: Uint8Array) =>
  new TextDecoder()
    .decode(bytes)
    .replace(/^\ufeff/, "")
    .split("\r\n")
    .filter((l) => l !== "")

/** Rows of a sheet as records keyed by header. */
const records = (rows: Array<Array<unknown>>) =>
  rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i] ?? null])))

/** A Chinese roster (what clerks import) with names and units typed in latin letters. */
const rosterRow = (n: number) => [
  `Volunteer ${n}`,
  n % 2 ? "男" : "女",
  "",
  residentId("320902", `1956${String((n % 12) + 1).padStart(2, "0")}15`, String(100 + n * 2 + (n % 2)).padStart(3, "0")),
  `1390000${String(n).padStart(4, "0")}`,
  "亭湖区",
  `Unit ${n}`,
  n % 3 ? "Section chief" : "=Director",
  n % 4 ? "退休" : "离休",
  n % 2 ? "是" : "否",
  n % 2 ? "农业科技（30年）、法律/调解（1年）" : "教育",
  n % 2 ? "促进乡村振兴、讲好党的故事" : "",
  n % 2 ? "是" : "否",
  n % 2 ? "一般" : "",
  n % 5,
  ["线上线下", "线上", "线下"][n % 3],
  "2021-03-08 09:30:15",
  n % 2 ? "2021-03-09" : "",
  "2021-04-01"
]

const seedRoster = (n: number) =>
  Effect.gen(function* () {
    yield* atMarch20
    const bytes = yield* Effect.promise(() => xlsx([ROSTER_HEADERS, ...Array.from({ length: n }, (_, i) => rosterRow(i + 1))]))
    const report = yield* importVolunteers({ bytes }).pipe(as(cityAdmin))
    expect(report.issues).toEqual([])
  })

const storedRoster = Effect.gen(function* () {
  const store = yield* Store
  return (yield* store.list("volunteers", Q.all([], [{ field: "phone", order: "ASC" }]))).rows.map(rosterFields)
})

const EN_ROSTER_HEADERS = ["Volunteer number", ...Object.values(rosterHeaders("en")), "Status", "Reason for archiving"]

describe("exports in English", () => {
  it("every exportable resource has a title and a header for every column in both languages", () => {
    for (const resource of RESOURCE_NAMES) {
      const fields = new Set<string>(RESOURCES[resource].fields.map((f) => f.name))
      expect(resourceTitle(resource, "zh-CN")).toMatch(CHINESE)
      expect(resourceTitle(resource, "en")).toMatch(/^[A-Z][A-Za-z -]+$/)
      for (const locale of LOCALES) {
        const headers = exportHeaders(resource, locale)
        expect(headers.length, resource).toBeGreaterThan(0)
        // None falls back to the field's own name, and none is written twice (an import could not tell them apart).
        expect(
          headers.filter((h) => fields.has(h)),
          `${resource} ${locale}`
        ).toEqual([])
        expect(new Set(headers).size, `${resource} ${locale}`).toBe(headers.length)
        if (locale === "en")
          expect(
            headers.filter((h) => CHINESE.test(h)),
            resource
          ).toEqual([])
        else
          expect(
            headers.filter((h) => !CHINESE.test(h)),
            resource
          ).toEqual([])
      }
    }
    expect(exportHeaders("volunteers", "en")).toEqual(EN_ROSTER_HEADERS)
    expect(exportHeaders("activities", "en")).toEqual(expect.arrayContaining(["Title", "Start", "End", "Organiser", "Expertise required"]))
  })

  it("file names: Chinese as before, English ASCII-safe from the English title", () => {
    expect(exportFileName("volunteers", "xlsx", "2026-11-28")).toBe("志愿者名册-20261128.xlsx")
    expect(exportFileName("volunteers", "xlsx", "2026-11-28", "en")).toBe("volunteers-2026-11-28.xlsx")
    expect(exportFileName("participations", "csv", "2026-11-28", "en")).toBe("sign-ups-and-attendance-2026-11-28.csv")
    for (const resource of RESOURCE_NAMES) {
      expect(exportFileName(resource, "csv", "2026-11-28", "en")).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*-2026-11-28\.csv$/)
      expect(exportFileName(resource, "csv", "2026-11-28", "zh-CN")).toBe(`${RESOURCE_TITLES[resource]}-20261128.csv`)
    }
  })

  it.effect("the volunteer roster in English: title, headers, labels, lists and regions, in .xlsx and .csv", () =>
    Effect.gen(function* () {
      yield* seedRoster(3)
      const out = yield* exportBytes("volunteers", { format: "xlsx", reveal: true, locale: "en" }).pipe(as(cityAdmin))
      const sheet = yield* firstSheet(out.bytes)
      expect(sheet.title).toBe("Volunteers")
      expect(sheet.rows[0]).toEqual(EN_ROSTER_HEADERS)
      const byName = new Map(records(sheet.rows).map((r) => [r.Name, r]))
      expect(byName.get("Volunteer 1")).toMatchObject({
        Gender: "Male",
        Region: "Tinghu District",
        "Retirement type": "Retired",
        "Party member": "yes",
        Expertise: "Agricultural science (30 years), Law and mediation (1 year)",
        "Service interests": "Rural revitalisation, Telling the Party's story",
        "In the silver talent pool": "yes",
        Fitness: "Limited (light offline work only)",
        "Accepted channels": "Online",
        Status: "Active"
      })
      expect(byName.get("Volunteer 2")).toMatchObject({
        Gender: "Female",
        "Party member": "no",
        Expertise: "Education",
        "Accepted channels": "In person",
        Fitness: null
      })
      expect(byName.get("Volunteer 3")).toMatchObject({ "Accepted channels": "Online, In person", "Former position": "=Director" })
      // The data were typed in latin letters: nothing Chinese is left anywhere in the sheet.
      expect(JSON.stringify(sheet.rows)).not.toMatch(CHINESE)

      const csv = yield* exportBytes("volunteers", { format: "csv", reveal: true, locale: "en" }).pipe(as(cityAdmin))
      expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = csvLines(csv.bytes)
      expect(lines[0]).toBe(EN_ROSTER_HEADERS.join(","))
      expect(lines).toHaveLength(4)
      expect(lines.join("\n")).not.toMatch(CHINESE)
      expect(lines.join("\n")).toContain('"Agricultural science (30 years), Law and mediation (1 year)"')
      // Text a spreadsheet would run as a formula is still quoted.
      expect(lines.join("\n")).toContain("'=Director")
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("sensitive fields stay masked in English, and the English labels do not unmask fitness", () =>
    Effect.gen(function* () {
      yield* seedRoster(2)
      const store = yield* Store
      const clear = (yield* store.list("volunteers", Q.all())).rows
      for (const format of ["xlsx", "csv"] as const) {
        const out = yield* exportBytes("volunteers", { format, locale: "en" }).pipe(as(viewer))
        const text = format === "csv" ? new TextDecoder().decode(out.bytes) : JSON.stringify((yield* firstSheet(out.bytes)).rows)
        for (const v of clear) {
          expect(text).not.toContain(v.idNumber)
          expect(text).not.toContain(v.phone)
          expect(text).not.toContain(v.birthDate)
          expect(text).toContain(v.volunteerNumber)
        }
        expect(text).toContain("1956-**-**")
        expect(text).toContain("***")
        expect(text).not.toContain("Limited")
      }
      const refused = yield* exportBytes("volunteers", { format: "csv", reveal: true, locale: "en" }).pipe(as(viewer), Effect.flip)
      expect(refused).toMatchObject({ _tag: "Forbidden", key: "forbidden.revealSensitive" })
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("other lists in English: references, enum labels, yes/no, lists, regions, the issuer and a masked guardian", () =>
    Effect.gen(function* () {
      yield* seedRoster(1)
      const store = yield* Store
      const [volunteer] = (yield* store.list("volunteers", Q.all())).rows
      yield* Effect.orDie(
        store.insert("organizations", {
          id: "org-1" as OrganizationId,
          name: "Tinghu Veteran Cadres Bureau",
          kind: "bureau",
          regionCode: "320902" as RegionCode,
          contactName: "Li",
          contactPhone: "0515-88880000",
          address: "",
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z"
        })
      )
      yield* Effect.orDie(
        store.insert(
          "activities",
          activity("act-1", {
            title: "Farm visit",
            organizerId: "org-1",
            channel: "hybrid",
            venue: "Bianchang",
            requiredExpertise: ["agri-tech", "law-mediation"]
          })
        )
      )
      // Volunteer 1 offers an hour a month; the activity takes three.
      yield* (yield* Participations)
        .create({ activityId: "act-1", volunteerId: volunteer.id, overrideReason: "Agreed by phone" })
        .pipe(as(cityAdmin))
      yield* Effect.orDie(
        store.insert("pairings", {
          id: "pairing-1" as PairingId,
          mentorId: volunteer.id as VolunteerId,
          menteeType: "pupil",
          menteeName: "Li Ming",
          menteeUnit: "School 1",
          guardianContact: "13900001111",
          beneficiaryOrganizationId: "org-1" as OrganizationId,
          regionCode: "320902" as RegionCode,
          category: "new-generation",
          goals: "Reading",
          status: "active",
          startedOn: "2026-03-01",
          endedOn: null,
          endReason: null,
          endNote: "",
          createdAt: "2026-03-01T00:00:00.000Z",
          updatedAt: "2026-03-01T00:00:00.000Z"
        })
      )
      yield* Effect.orDie(
        store.insert("certificates", {
          id: "cert-1" as CertificateId,
          certificateNumber: "YC-2026-0001",
          volunteerId: volunteer.id as VolunteerId,
          regionCode: "320902" as RegionCode,
          volunteerName: volunteer.name,
          volunteerNumber: volunteer.volunteerNumber,
          maskedIdNumber: "320902********1234",
          totalHours: 12.5,
          starLevel: 1,
          serviceSummary: "Farm visits",
          periodFrom: "2026-01-01",
          periodTo: "2026-03-20",
          issuer: "Tinghu Veteran Cadres Bureau\nYancheng Veteran Cadres Bureau",
          issuedBy: "u-city" as UserId,
          issuedOn: "2026-03-20",
          createdAt: "2026-03-20T02:00:00.000Z"
        })
      )
      const exported = (resource: string, locale: Locale = "en") =>
        exportBytes(resource, { format: "xlsx", locale }).pipe(
          as(cityAdmin),
          Effect.flatMap((out) => firstSheet(out.bytes))
        )

      const activities = yield* exported("activities")
      expect(activities.title).toBe("Volunteer activities")
      expect(records(activities.rows)[0]).toMatchObject({
        Title: "Farm visit",
        Category: "Rural revitalisation",
        Format: "Technical guidance",
        Organiser: "Tinghu Veteran Cadres Bureau",
        Region: "Tinghu District",
        Channel: "Hybrid",
        "Expertise required": "Agricultural science, Law and mediation",
        "Risk level": "Low",
        Status: "Published",
        "Published at": "2026-03-01 08:00:00"
      })
      expect(JSON.stringify(activities.rows)).not.toMatch(CHINESE)

      const participations = yield* exported("participations")
      expect(participations.title).toBe("Sign-ups and attendance")
      expect(records(participations.rows)[0]).toMatchObject({
        Activity: "Farm visit",
        Volunteer: `Volunteer 1 (${volunteer.volunteerNumber})`,
        Region: "Tinghu District",
        Status: "Signed up",
        "Recorded late": "no",
        "Reason for exceeding the limit (agreed by the volunteer)": "Agreed by phone"
      })
      expect(JSON.stringify(participations.rows)).not.toMatch(CHINESE)

      const pairings = yield* exported("pairings")
      const pairing = records(pairings.rows)[0]
      expect(pairing).toMatchObject({
        Mentor: `Volunteer 1 (${volunteer.volunteerNumber})`,
        "Mentee type": "Pupil",
        "Partner unit": "Tinghu Veteran Cadres Bureau",
        Category: "Raising the new generation",
        Status: "Active"
      })
      expect(pairing["Guardian's contact"]).not.toBe("13900001111")
      expect(JSON.stringify(pairings.rows)).not.toContain("13900001111")
      expect(JSON.stringify(pairings.rows)).not.toMatch(CHINESE)

      const certificates = yield* exported("certificates")
      expect(certificates.title).toBe("Service certificates")
      expect(records(certificates.rows)[0]).toMatchObject({
        "Certificate number": "YC-2026-0001",
        "Issuing unit": "Tinghu Veteran Cadres Bureau; Yancheng Veteran Cadres Bureau",
        "Service hours": 12.5,
        "Star level": 1
      })
      // The same list in Chinese is as it was.
      const chinese = yield* exported("certificates", "zh-CN")
      expect(chinese.title).toBe("服务证明")
      expect(records(chinese.rows)[0]).toMatchObject({
        出具单位: "Tinghu Veteran Cadres Bureau；Yancheng Veteran Cadres Bureau",
        "服务时长（小时）": 12.5,
        辖区: "亭湖区"
      })

      const regions = yield* exported("regions")
      expect(regions.rows[0]).toEqual(["Record ID", "Code", "Name", "English name", "Type", "Parent code", "Short name", "Sort order"])
      expect(records(regions.rows).find((r) => r.Code === "320981")).toMatchObject({ Type: "County-level city", Name: "东台市" })

      const audit = yield* exported("audit-log")
      expect(audit.title).toBe("Audit log")
      expect(audit.rows[0].filter((h) => CHINESE.test(String(h)))).toEqual([])
      expect(records(audit.rows).map((r) => r["User role"])).toContain("City administrator")
    }).pipe(Effect.provide(testLayer()))
  )

  // Needs the importer to read English headers and labels (the import side of this work).
  it.effect("English export → import round trip gives the same roster, in .xlsx and .csv", () =>
    Effect.gen(function* () {
      yield* seedRoster(6)
      const original = yield* storedRoster
      const xlsxOut = yield* exportBytes("volunteers", { format: "xlsx", reveal: true, locale: "en" }).pipe(as(cityAdmin))
      const csvOut = yield* exportBytes("volunteers", { format: "csv", reveal: true, locale: "en" }).pipe(as(cityAdmin))
      for (const bytes of [xlsxOut.bytes, csvOut.bytes]) {
        const fresh = yield* Effect.gen(function* () {
          yield* atMarch20
          const report = yield* importVolunteers({ bytes }, { locale: "en" }).pipe(as(cityAdmin))
          expect(report.issues).toEqual([])
          expect(report.ignoredColumns).toEqual(["Volunteer number", "Status", "Reason for archiving"])
          return yield* storedRoster
        }).pipe(Effect.provide(testLayer()))
        expect(fresh).toEqual(original)
      }
    }).pipe(Effect.provide(testLayer()))
  )
})
