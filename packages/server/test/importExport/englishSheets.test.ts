import { describe, expect, it } from "@effect/vitest"
import { Q, type Region, Store, YANCHENG_REGIONS } from "@yinfa/core"
import ExcelJS from "exceljs"
import { Effect } from "effect"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"
import { rosterColumnOf, rosterHeaders } from "../../src/importExport/parseRoster.js"
import { reportWorkbook } from "../../src/importExport/reportWorkbook.js"
import { attendanceTemplate, rosterTemplate, TEMPLATE_FILE_NAMES, templateFileName } from "../../src/importExport/template.js"
import { as, atMarch20, cityAdmin, ROSTER_HEADERS, residentId, rosterFields, testLayer, xlsx } from "./support.js"

/**
 * The import side in English: templates, English rosters (headers, labels, lists), and the
 * report (its columns and its workbook) in the report's language. Chinese stays the default.
 */
const CHINESE = /[\u4e00-\u9fff]/

/** The roster's English headers, in template order (written out: the template is compared with it). */
const EN_HEADERS = [
  "Name",
  "Gender",
  "Date of birth",
  "ID number",
  "Mobile number",
  "Region",
  "Former unit",
  "Former position",
  "Retirement type",
  "Party member",
  "Expertise",
  "Service interests",
  "In the silver talent pool",
  "Fitness",
  "Hours a month",
  "Accepted channels",
  "Consent date",
  "Health data consent date",
  "Joined on"
]

const workbookOf = (bytes: Uint8Array) =>
  Effect.promise(async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as never)
    return workbook
  })

/** Every cell's text of a sheet, row by row. */
const cellsOf = (sheet: ExcelJS.Worksheet | undefined): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  sheet?.eachRow((row) => rows.push((row.values as Array<unknown>).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)))))
  return rows
}

/** The drop-down lists of a sheet, by column letter (each list once). */
const dropDowns = (sheet: ExcelJS.Worksheet | undefined): Map<string, string> => {
  const model = (sheet as unknown as { dataValidations: { model: Record<string, { formulae: Array<string> }> } }).dataValidations.model
  const lists = new Map<string, string>()
  for (const [address, rule] of Object.entries(model)) lists.set(address.replace(/\d+$/, ""), rule.formulae[0])
  return lists
}

const fileIssue = (e: unknown) =>
  (e as { issues: ReadonlyArray<{ path: string; key: string; params?: Record<string, unknown> }> }).issues[0]

const storedRoster = Effect.gen(function* () {
  const store = yield* Store
  return (yield* store.list("volunteers", Q.all([], [{ field: "phone", order: "ASC" }]))).rows.map(rosterFields)
})

/** A CSV line, quoting cells that hold the separator or quotes (English lists are comma separated). */
const csvLine = (cells: ReadonlyArray<unknown>) =>
  cells
    .map((c) => {
      const s = c === undefined || c === null ? "" : String(c)
      return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
    })
    .join(",")

const csv = (rows: ReadonlyArray<ReadonlyArray<unknown>>) => new TextEncoder().encode(rows.map(csvLine).join("\r\n"))

const id1 = residentId("320902", "19580312", "001")
const id2 = residentId("320903", "19600701", "002")
const id3 = residentId("320981", "19550101", "003")
const id4 = residentId("320902", "19620505", "004")

/** Four volunteers in a Chinese roster (ROSTER_HEADERS), with every enumeration and list written the Chinese way. */
const CHINESE_ROSTER = [
  ROSTER_HEADERS,
  [
    "王建国",
    "男",
    "1958-03-12",
    id1,
    "13805101234",
    "亭湖区",
    "亭湖区农业农村局",
    "副局长",
    "退休",
    "是",
    "农业科技（30年）、法律/调解",
    "促进乡村振兴、讲好党的故事",
    "是",
    "一般（仅限轻度线下活动）",
    10,
    "线上线下",
    "2021-03-08 09:30",
    "2021-03-09",
    "2021-04-01"
  ],
  [
    "李秀英",
    "女",
    "1960-07-01",
    id2,
    "13905105678",
    "盐都区",
    "",
    "",
    "离休",
    "否",
    "党史宣讲（1年）",
    "乡村振兴",
    "否",
    "仅线上",
    4,
    "线下",
    "2021-03-08",
    "2021-03-08",
    ""
  ],
  [
    "张明",
    "",
    "",
    id3,
    "13705108888",
    "东台市",
    "",
    "",
    "离休",
    "",
    "种植养殖、教育",
    "",
    "",
    "一般",
    "",
    "线上",
    "2021-03-08",
    "2021-03-10",
    ""
  ],
  [
    "赵丽",
    "女",
    "",
    id4,
    "13605101111",
    "亭湖",
    "",
    "",
    "",
    "否",
    "",
    "培育时代新人",
    "是",
    "良好",
    6,
    "线上线下",
    "2021-05-01",
    "2021-05-01",
    "2021-06-01"
  ]
]

/** The same four volunteers in English: English headers, labels, yes/no words, lists and region names. */
const ENGLISH_ROSTER = [
  EN_HEADERS,
  [
    "王建国",
    "Male",
    "1958-03-12",
    id1,
    "13805101234",
    "Tinghu District",
    "亭湖区农业农村局",
    "副局长",
    "Retired",
    "yes",
    "Agricultural science (30 years), Law and mediation",
    "Rural revitalisation, Telling the Party's story",
    "Yes",
    "Limited (light offline work only)",
    10,
    "Online, In person",
    "2021-03-08 09:30",
    "2021-03-09",
    "2021-04-01"
  ],
  [
    "李秀英",
    "female",
    "1960-07-01",
    id2,
    "13905105678",
    "Yandu",
    "",
    "",
    "Lixiu (pre-1949 cadre)",
    "no",
    "Party history lectures (1 year)",
    "Rural",
    "No",
    "Online only",
    4,
    "In person",
    "2021-03-08",
    "2021-03-08",
    ""
  ],
  [
    "张明",
    "",
    "",
    id3,
    "13705108888",
    "Dongtai City",
    "",
    "",
    "Lixiu",
    "",
    "Crops and livestock; Education",
    "",
    "",
    "Limited",
    "",
    "Online",
    "2021-03-08",
    "2021-03-10",
    ""
  ],
  [
    "赵丽",
    "F",
    "",
    id4,
    "13605101111",
    "tinghu district",
    "",
    "",
    "",
    "NO",
    "",
    "Raising the new generation",
    "yes",
    "good",
    6,
    "Both",
    "2021-05-01",
    "2021-05-01",
    "2021-06-01"
  ]
]

/** The roster a file gives, imported into a fresh store by the city admin. */
const importedFrom = (bytes: Uint8Array, locale: "zh-CN" | "en") =>
  Effect.gen(function* () {
    yield* atMarch20
    const report = yield* importVolunteers({ bytes }, { locale }).pipe(as(cityAdmin))
    expect(report.issues).toEqual([])
    expect(report.written).toBe(4)
    return yield* storedRoster
  }).pipe(Effect.provide(testLayer()))

describe("templates in English", () => {
  it.effect("the roster template: English sheets, headers, instructions and drop-down lists, and nothing Chinese", () =>
    Effect.gen(function* () {
      const store = yield* Store
      const regions = (yield* store.list("regions", Q.all([], [{ field: "sortOrder", order: "ASC" }]))).rows
      const workbook = yield* workbookOf(yield* Effect.promise(() => rosterTemplate(regions, "en")))
      expect(workbook.creator).toBe("Silver Hair Sets Out Again")
      expect(workbook.worksheets.map((w) => w.name)).toEqual(["Volunteer roster", "Instructions"])
      const data = workbook.getWorksheet("Volunteer roster")
      expect(cellsOf(data)).toEqual([EN_HEADERS])
      expect(Object.values(rosterHeaders("en"))).toEqual(EN_HEADERS)

      const guide = cellsOf(workbook.getWorksheet("Instructions"))
      expect(guide[0]).toEqual(["Column", "Required?", "How to fill it in, accepted values", "Example"])
      const byColumn = new Map(guide.slice(1, 1 + EN_HEADERS.length).map((row) => [row[0], row]))
      expect([...byColumn.keys()]).toEqual(EN_HEADERS)
      expect(byColumn.get("Name")?.slice(1)).toEqual(["Required", "Required.", "Wang Jianguo"])
      expect(byColumn.get("ID number")?.[1]).toBe("Optional")
      expect(byColumn.get("Region")?.[2]).toContain("Tinghu District, Yandu District, Dafeng District")
      expect(byColumn.get("Expertise")?.[2]).toContain('e.g. "Agricultural science (30 years)"')
      expect(byColumn.get("Expertise")?.[3]).toBe("Agricultural science (30 years), Crops and livestock")
      expect(byColumn.get("Service interests")?.[3]).toBe("Rural revitalisation, Telling the Party's story")
      expect(byColumn.get("Fitness")?.[2]).toContain('"Health data consent date" must be filled in too')
      expect(byColumn.get("Accepted channels")?.[2]).toBe('Optional: Online / In person / Both; left blank, "Both" is taken.')
      expect(byColumn.get("Party member")?.[2]).toBe('Optional: yes / no; left blank, "yes" is taken.')
      expect(byColumn.get("In the silver talent pool")?.[2]).toBe('Optional: yes / no; left blank, "no" is taken.')
      const notes = guide.slice(1 + EN_HEADERS.length).map((row) => row[0])
      expect(notes).toHaveLength(5)
      expect(notes[0]).toContain('On the "Volunteer roster" sheet, one volunteer per row')
      expect(notes[1]).toContain('"All or nothing"')
      expect(notes[1]).toContain('"Import valid rows only"')

      const lists = dropDowns(data)
      expect(lists.get("B")).toBe('"Male,Female"')
      expect(lists.get("F")).toContain('"Tinghu District,Yandu District,')
      expect(lists.get("I")).toBe('"Retired,Lixiu (pre-1949 cadre)"')
      expect(lists.get("J")).toBe('"yes,no"')
      expect(lists.get("N")).toBe('"Good,Limited,Online only"')
      expect(lists.get("P")).toBe('"Both,Online,In person"')

      // Every region has an English name: nothing Chinese anywhere, lists included.
      for (const sheet of workbook.worksheets) for (const row of cellsOf(sheet)) for (const cell of row) expect(cell).not.toMatch(CHINESE)
      for (const list of lists.values()) expect(list).not.toMatch(CHINESE)

      // The English template is a roster the import reads: an empty one.
      const refused = yield* importVolunteers({ bytes: yield* Effect.promise(() => rosterTemplate(regions, "en")) }, { locale: "en" }).pipe(
        as(cityAdmin),
        Effect.flip
      )
      expect(fileIssue(refused)).toMatchObject({ path: "file", key: "import.emptySheet" })
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a region without an English name is named in Chinese, the only Chinese of the English template", () =>
    Effect.gen(function* () {
      const regions: ReadonlyArray<Region> = [YANCHENG_REGIONS[0], { ...YANCHENG_REGIONS[1], nameEn: "" }]
      const workbook = yield* workbookOf(yield* Effect.promise(() => rosterTemplate(regions, "en")))
      const region = cellsOf(workbook.getWorksheet("Instructions")).find((row) => row[0] === "Region")
      expect(region?.[2]).toContain("The name of the region: Tinghu District, 盐都区.")
      expect(dropDowns(workbook.getWorksheet("Volunteer roster")).get("F")).toBe('"Tinghu District,盐都区"')
      const chinese = workbook.worksheets.flatMap((sheet) => cellsOf(sheet).flat()).filter((cell) => CHINESE.test(cell))
      expect(chinese).toHaveLength(1)
      for (const cell of chinese) expect(cell.replaceAll("盐都区", "")).not.toMatch(CHINESE)
    })
  )

  it.effect("the attendance template in English; the file names per language", () =>
    Effect.gen(function* () {
      const workbook = yield* workbookOf(yield* Effect.promise(() => attendanceTemplate("en")))
      expect(workbook.worksheets.map((w) => w.name)).toEqual(["Attendance", "Instructions"])
      expect(cellsOf(workbook.getWorksheet("Attendance"))).toEqual([
        ["Volunteer number", "ID number", "Mobile number", "Name", "Activity", "Hours", "Note"]
      ])
      const guide = cellsOf(workbook.getWorksheet("Instructions"))
      expect(guide[0]).toEqual(["Column", "How to fill it in"])
      expect(guide.slice(1).map((row) => row[0])).toEqual([
        "Volunteer number",
        "ID number",
        "Mobile number",
        "Name",
        "Activity",
        "Hours",
        "Note"
      ])
      expect(guide[5][1]).toBe("Required: the activity's title (it must be unique) or its id. The activity must have started.")
      for (const sheet of workbook.worksheets) for (const row of cellsOf(sheet)) for (const cell of row) expect(cell).not.toMatch(CHINESE)

      const chinese = yield* workbookOf(yield* Effect.promise(() => attendanceTemplate()))
      expect(chinese.worksheets.map((w) => w.name)).toEqual(["签到表", "说明"])

      expect(templateFileName("volunteers", "en")).toBe("volunteer-import-template.xlsx")
      expect(templateFileName("attendance", "en")).toBe("attendance-import-template.xlsx")
      expect(templateFileName("volunteers", "zh-CN")).toBe("志愿者名册导入模板.xlsx")
      expect(templateFileName("attendance")).toBe("签到表导入模板.xlsx")
      expect(TEMPLATE_FILE_NAMES).toEqual({ volunteers: "志愿者名册导入模板.xlsx", attendance: "签到表导入模板.xlsx" })
    })
  )
})

describe("English rosters", () => {
  it.effect("an English roster (headers, labels, yes/no, expertise with years, channels, regions) stores what the Chinese one does", () =>
    Effect.gen(function* () {
      const fromChinese = yield* importedFrom(yield* Effect.promise(() => xlsx(CHINESE_ROSTER)), "zh-CN")
      expect(fromChinese.map((v) => [v.name, v.regionCode])).toEqual([
        ["赵丽", "320902"],
        ["张明", "320981"],
        ["王建国", "320902"],
        ["李秀英", "320903"]
      ])
      expect(fromChinese[2]).toMatchObject({
        gender: "male",
        retirementType: "tuixiu",
        partyMember: true,
        expertise: ["agri-tech", "law-mediation"],
        expertiseYears: { "agri-tech": 30 },
        interests: ["rural-revitalization", "party-story"],
        talentPool: true,
        fitness: "limited",
        channels: ["online", "offline"]
      })
      expect(fromChinese[3]).toMatchObject({ retirementType: "lixiu", expertiseYears: { "party-history": 1 }, channels: ["offline"] })
      expect(fromChinese[1]).toMatchObject({ gender: "male", birthDate: "1955-01-01", expertise: ["crop-livestock", "education"] })

      const fromEnglish = yield* importedFrom(yield* Effect.promise(() => xlsx(ENGLISH_ROSTER)), "en")
      expect(fromEnglish).toEqual(fromChinese)
      // A CSV too, its comma-separated lists quoted.
      const fromCsv = yield* importedFrom(csv(ENGLISH_ROSTER), "en")
      expect(fromCsv).toEqual(fromChinese)
    })
  )

  it.effect("English headers match whatever their case and spacing, and the usual English names of the columns", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(() =>
        xlsx([
          ["FULL NAME", "sex", "Birth date", "ID no.", "Mobile", "district", "Date of Consent", "Expertise fields", "Monthly hours"],
          ["王建国", "M", "1958-03-12", id1, "13805101234", "Tinghu", "2021-03-08", "Agricultural science (30 years)", 8]
        ])
      )
      const report = yield* importVolunteers({ bytes }, { locale: "en" }).pipe(as(cityAdmin))
      expect(report.issues).toEqual([])
      expect(report.written).toBe(1)
      const [v] = yield* storedRoster
      expect(v).toMatchObject({ name: "王建国", gender: "male", idNumber: id1, regionCode: "320902", expertiseYears: { "agri-tech": 30 } })

      const others = yield* Effect.promise(() =>
        xlsx([
          ["Name", "Gender", "Date of birth", "ID", "Phone", "Region", "Consent date"],
          ["李秀英", "", "1960-07-01", id2, "13905105678", "Yandu District", "2021-03-08"]
        ])
      )
      expect((yield* importVolunteers({ bytes: others }, { locale: "en" }).pipe(as(cityAdmin))).written).toBe(1)
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a refusal for missing columns names them in the import's language", () =>
    Effect.gen(function* () {
      const bytes = yield* Effect.promise(() => xlsx([["Name", "Gender"]]))
      const en = yield* importVolunteers({ bytes }, { locale: "en" }).pipe(as(cityAdmin), Effect.flip)
      expect(fileIssue(en)).toMatchObject({ key: "import.missingHeaders", params: { columns: "Date of birth, Region, Consent date" } })
      const zh = yield* importVolunteers({ bytes }).pipe(as(cityAdmin), Effect.flip)
      expect(fileIssue(zh)).toMatchObject({ key: "import.missingHeaders", params: { columns: "出生日期, 所属辖区, 同意时间" } })
    }).pipe(Effect.provide(testLayer()))
  )
})

describe("the import report in English", () => {
  const HEADERS = [
    "Name",
    "Gender",
    "Date of birth",
    "ID number",
    "Mobile number",
    "Region",
    "Party member",
    "Expertise",
    "Service interests",
    "Accepted channels",
    "Consent date"
  ]
  const row = (overrides: Partial<Record<string, unknown>>) => {
    const values: Record<string, unknown> = {
      Name: "Wang Jianguo",
      Gender: "Male",
      "Date of birth": "1958-03-12",
      "ID number": id1,
      "Mobile number": "13805101234",
      Region: "Tinghu District",
      "Party member": "yes",
      Expertise: "Agricultural science (30 years)",
      "Service interests": "Rural",
      "Accepted channels": "Both",
      "Consent date": "2021-03-08",
      ...overrides
    }
    return HEADERS.map((h) => values[h])
  }

  it.effect("names columns by their English headers, with English messages and accepted values", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(() =>
        xlsx([
          HEADERS,
          row({}),
          row({
            Name: "Li Xiuying",
            Gender: "Mal",
            "Date of birth": "1958-13-45",
            "ID number": "",
            "Mobile number": "13905105678",
            "Party member": "maybe",
            Expertise: "Astrology (3 years)",
            "Service interests": "Gardening",
            "Accepted channels": "by post"
          }),
          row({ Name: "Zhang Ming", "ID number": "", "Mobile number": "13805101234" })
        ])
      )
      const report = yield* importVolunteers({ bytes }, { locale: "en" }).pipe(as(cityAdmin))
      expect(report).toMatchObject({ committed: false, rows: 3, valid: 1 })
      expect(report.issues.map((i) => [i.row, i.column, i.key])).toEqual([
        [3, "Gender", "import.badValue"],
        [3, "Date of birth", "import.badDate"],
        [3, "Party member", "import.badValue"],
        [3, "Expertise", "import.badValue"],
        [3, "Service interests", "import.badValue"],
        [3, "Accepted channels", "import.badValue"],
        [4, "Mobile number", "import.duplicateInFile"]
      ])
      const message = (column: string) => report.issues.find((i) => i.column === column)?.message
      expect(message("Gender")).toBe('value "Mal" not recognised; accepted: Male, Female')
      expect(message("Party member")).toBe('value "maybe" not recognised; accepted: yes, no')
      expect(message("Accepted channels")).toBe('value "by post" not recognised; accepted: Online, In person, Both')
      expect(message("Expertise")).toContain('value "Astrology (3 years)" not recognised; accepted: Agricultural science, Farm management,')
      expect(message("Service interests")).toContain("accepted: Telling the Party's story, Rural revitalisation,")
      for (const issue of report.issues) expect(`${issue.column} ${issue.message}`).not.toMatch(CHINESE)

      // The same file in a Chinese report names the columns in Chinese; a Chinese file in an English report, in English.
      const inChinese = yield* importVolunteers({ bytes }).pipe(as(cityAdmin))
      expect(inChinese.issues.map((i) => i.column)).toEqual([
        "性别",
        "出生日期",
        "是否党员",
        "专长领域",
        "服务意向",
        "可接受服务方式",
        "手机号码"
      ])
      expect(inChinese.issues[0].message).toContain("可填：男、女")
      const chineseFile = yield* Effect.promise(() =>
        xlsx([
          ["姓名", "性别", "出生日期", "身份证号码", "所属辖区", "同意时间"],
          ["王建国", "男", "不详", id1, "亭湖区", "2021-03-08"]
        ])
      )
      const english = yield* importVolunteers({ bytes: chineseFile }, { locale: "en" }).pipe(as(cityAdmin))
      expect(english.issues.map((i) => [i.column, i.message])).toEqual([
        ["Date of birth", 'date "不详" not recognised; write e.g. 2021-03-08']
      ])
      expect(rosterColumnOf("expertiseYears.agri-tech", "en")).toBe("Expertise")
      expect(rosterColumnOf("regionCode", "en")).toBe("Region")
      expect(rosterColumnOf("regionCode")).toBe("所属辖区")
      expect(rosterColumnOf("volunteerNumber", "en")).toBe("")
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("the report workbook in English: sheets, labels, mode, outcome and the unused columns", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const bytes = yield* Effect.promise(() =>
        xlsx([
          [...HEADERS, "Volunteer number", "Status"],
          row({ Gender: "Mal" }),
          row({ Name: "Li Xiuying", Gender: "Female", "ID number": "", "Mobile number": "13905105678" })
        ])
      )
      const report = yield* importVolunteers({ bytes }, { locale: "en" }).pipe(as(cityAdmin))
      expect(report.ignoredColumns).toEqual(["Volunteer number", "Status"])
      const workbook = yield* workbookOf(yield* Effect.promise(() => reportWorkbook(report, "volunteers", "en")))
      expect(workbook.creator).toBe("Silver Hair Sets Out Again")
      expect(workbook.worksheets.map((w) => w.name)).toEqual(["Import result", "Errors"])
      expect(cellsOf(workbook.getWorksheet("Import result"))).toEqual([
        ["Item", "Result"],
        ["Imported file", "Volunteer roster"],
        ["Mode", "All or nothing"],
        ["Outcome", '2 rows, 1 with errors: nothing was imported because other rows have errors (or choose "import valid rows only")'],
        ["Data rows", "2"],
        ["Rows without errors", "1"],
        ["Imported", "0"],
        ["Errors found", "1"],
        ["Columns not used", "Volunteer number, Status"]
      ])
      expect(cellsOf(workbook.getWorksheet("Errors"))).toEqual([
        ["Row", "Column", "Problem"],
        ["2", "Gender", 'value "Mal" not recognised; accepted: Male, Female']
      ])
      for (const sheet of workbook.worksheets) for (const r of cellsOf(sheet)) for (const cell of r) expect(cell).not.toMatch(CHINESE)

      const attendance = yield* workbookOf(
        yield* Effect.promise(() => reportWorkbook({ ...report, mode: "valid-only", issues: [], ignoredColumns: [] }, "attendance", "en"))
      )
      expect(cellsOf(attendance.getWorksheet("Import result")).slice(1, 3)).toEqual([
        ["Imported file", "Attendance sheet"],
        ["Mode", "Import valid rows only"]
      ])

      // Chinese by default, as before.
      const chinese = yield* workbookOf(yield* Effect.promise(() => reportWorkbook(report)))
      expect(chinese.worksheets.map((w) => w.name)).toEqual(["导入结果", "错误明细"])
      expect(cellsOf(chinese.getWorksheet("导入结果")).slice(0, 3)).toEqual([
        ["项目", "结果"],
        ["导入内容", "志愿者名册导入"],
        ["导入方式", "全部导入或全部不导入"]
      ])
      expect(cellsOf(chinese.getWorksheet("导入结果")).at(-1)).toEqual(["未使用的列", "Volunteer number、Status"])
    }).pipe(Effect.provide(testLayer()))
  )
})
